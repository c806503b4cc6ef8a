"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { currentRequestInfo } from "@/lib/auth/current";
import { safeNextPath } from "@/lib/auth/next-path";
import { messages } from "@/lib/messages";
import { completeSecondStep, secondStepPasskeyOptions, type SecondStepInput } from "@/lib/login/second-step";
import { clearTicketCookie, readTicketCookie } from "@/lib/mfa/ticket-cookie";
import { mfaCodeSchema, passkeyLoginSchema, toFieldErrors } from "@/lib/validation";

// The second step's server actions: the ticket comes from its HttpOnly cookie, never the form.

async function finish(input: Omit<SecondStepInput, "ticket">, next: unknown): Promise<FormState> {
  const ticket = await readTicketCookie();
  const result = ticket ? await completeSecondStep({ ...input, ticket }, await currentRequestInfo()) : null;
  if (!result || (!result.ok && result.code === "invalid" && result.errors.ticket))
    return { values: {}, errors: {}, formError: messages.loginExpired };
  if (!result.ok)
    return result.code === "invalid"
      ? { values: {}, errors: result.errors }
      : { values: {}, errors: {}, formError: messages.throttled(result.retryAfter) };
  await clearTicketCookie();
  redirect(safeNextPath(next));
}

/** A code from the authenticator app or a recovery code: the same field, as POST /api/login/mfa. */
export async function secondStepAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = mfaCodeSchema.safeParse(Object.fromEntries(formData));
  // Codes are never handed back to the form: a wrong one is typed again.
  if (!parsed.success) return { values: {}, errors: toFieldErrors(parsed.error) };
  return finish({ code: parsed.data.code }, formData.get("next"));
}

export async function secondStepPasskeyOptionsAction() {
  const ticket = await readTicketCookie();
  return ticket ? secondStepPasskeyOptions(ticket) : null;
}

export async function secondStepPasskeyAction(credential: unknown, next: string): Promise<FormState> {
  const parsed = passkeyLoginSchema.safeParse({ credential });
  if (!parsed.success) return { values: {}, errors: {}, formError: messages.invalidPasskey };
  const state = await finish({ credential: parsed.data.credential }, next);
  return state.errors.credential ? { ...state, formError: messages.invalidPasskey } : state;
}
