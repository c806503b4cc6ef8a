import "server-only";
import { ApiError, detail, fieldErrors } from "@/lib/api/responses";
import { messages } from "@/lib/messages";

export const MAX_BODY_BYTES = 64 * 1024;

/** The body as text, at most MAX_BODY_BYTES (else an ApiError with the contract's 413). */
export async function readLimited(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (declared > MAX_BODY_BYTES) throw new ApiError(detail(messages.tooLarge, 413));
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new ApiError(detail(messages.tooLarge, 413));
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * V8's messages quote the input (`Unexpected token 'L', ..."assword": Leaky-Secr"... is not valid
 * JSON`), and a body may hold a password: keep the kind of error and its position, nothing typed.
 */
function parseErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : "invalid JSON";
  return message
    .replace(/,\s*(\.\.\.)?".*$/s, "")
    .replace(/^(Unexpected (token|character))\s*'[^']*'/, "$1")
    .replace(/\s*\(line \d+ column \d+\)$/, "")
    .trim();
}

function pythonTypeName(value: unknown): string {
  if (Array.isArray(value)) return "list";
  if (typeof value === "string") return "str";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  return "NoneType";
}

function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * The request's body as a plain object: JSON or form-encoded, at most 64 KiB. Anything else is
 * the contract's 415, 413 or 400, thrown as an ApiError. An empty body is an empty object.
 */
export async function readBody(request: Request): Promise<Record<string, unknown>> {
  const text = await readLimited(request);
  if (text === "") return {};
  const type = mediaType(request);
  if (type === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(text));
  if (type !== "application/json" && !type.endsWith("+json")) {
    throw new ApiError(detail(messages.unsupportedMediaType(request.headers.get("content-type") ?? ""), 415));
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ApiError(detail(messages.parseError(parseErrorReason(error)), 400));
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    const message = data === null ? messages.noData : messages.notAnObject(pythonTypeName(data));
    throw new ApiError(fieldErrors({ non_field_errors: [message] }));
  }
  return data as Record<string, unknown>;
}
