import "server-only";
import { detail, fieldErrors, permissionDenied, throttled, type MessageAnswer } from "@/lib/api/responses";
import { messages } from "@/lib/messages";
import type { Refusal } from "@/lib/refusal";

// The one table from a refusal of the domain (lib/refusal.ts) to its answer, as DRF's exception
// handler turns ValidationError, Throttled, PermissionDenied and NotFound into theirs.

const ANSWERS: { [Code in Refusal["code"]]: (refusal: Extract<Refusal, { code: Code }>) => MessageAnswer } = {
  invalid: ({ errors }) => fieldErrors(errors),
  throttled: ({ retryAfter }) => throttled(retryAfter),
  forbidden: ({ message }) => (message === undefined ? permissionDenied() : detail(message, 403)),
  not_found: ({ message }) => detail(message ?? messages.notFound, 404),
  conflict: ({ message }) => detail(message, 409),
};

export function refusalResponse(refusal: Refusal): MessageAnswer {
  const answer = ANSWERS[refusal.code] as (refusal: Refusal) => MessageAnswer;
  return answer(refusal);
}
