import type { Message } from "@/lib/messages";
import type { FieldErrors } from "@/lib/validation";

// Why the domain said no, as DRF's exceptions carry a `default_code`: one of five codes, each
// with what its answer needs. The domain returns them (`{ ok: false, code, … }`), never HTTP;
// lib/api/refusals.ts is the one table that turns a code into its status and body, and the
// server actions read the same values for their forms.

export type Invalid = { ok: false; code: "invalid"; errors: FieldErrors };
export type Throttled = { ok: false; code: "throttled"; retryAfter: number };
/** A rule of the domain refuses this caller; `message` when it is not DRF's "You do not have permission…". */
export type Forbidden = { ok: false; code: "forbidden"; message?: Message };
/** `message` when it is not "Not found.". */
export type NotFound = { ok: false; code: "not_found"; message?: Message };
/** Not possible in the current state (already on, the last way in). */
export type Conflict = { ok: false; code: "conflict"; message: Message };

export type Refusal = Invalid | Throttled | Forbidden | NotFound | Conflict;
export type RefusalCode = Refusal["code"];

export const invalid = (errors: FieldErrors): Invalid => ({ ok: false, code: "invalid", errors });
export const throttled = (retryAfter: number): Throttled => ({ ok: false, code: "throttled", retryAfter });
export const forbidden = (message?: Message): Forbidden =>
  message === undefined ? { ok: false, code: "forbidden" } : { ok: false, code: "forbidden", message };
export const notFound = (message?: Message): NotFound =>
  message === undefined ? { ok: false, code: "not_found" } : { ok: false, code: "not_found", message };
export const conflict = (message: Message): Conflict => ({ ok: false, code: "conflict", message });

const CODES = new Set<unknown>(["invalid", "throttled", "forbidden", "not_found", "conflict"]);

export function isRefusal(value: unknown): value is Refusal {
  if (value === null || typeof value !== "object") return false;
  const { ok, code } = value as { ok?: unknown; code?: unknown };
  return ok === false && CODES.has(code);
}
