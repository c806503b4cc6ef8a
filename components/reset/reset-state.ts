import type { FormState } from "@/components/form-state";

/**
 * What the password reset forms' actions return: a FormState, plus how the request ended. The
 * extras are optional, so every FormState is one.
 */
export type ResetFormState = FormState & { notice?: string; outcome?: "done" | "invalid-link" };
