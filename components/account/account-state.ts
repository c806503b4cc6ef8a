import type { FormState } from "@/components/form-state";

/** A token just created: its key exists only in this answer, never in a page read later. */
export type IssuedToken = { name: string; key: string };

/**
 * What the account page's form actions return: a FormState, plus a confirmation to show and,
 * after creating a token, its one-time key. The extras are optional, so every FormState is one.
 */
export type AccountFormState = FormState & { notice?: string; issued?: IssuedToken };
