import type { FormState } from "@/components/form-state";

/** What the two-factor forms return: a FormState, plus recovery codes shown this once. */
export type MfaFormState = FormState & { notice?: string; recoveryCodes?: string[] };
