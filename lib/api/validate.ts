import "server-only";
import type { z } from "zod";
import { ApiError, fieldErrors } from "@/lib/api/responses";
import { toFieldErrors } from "@/lib/validation";

/**
 * DRF's fields read a JSON number as its text (CharField: 42 is "42"; IntegerField and
 * BooleanField take "42" and "1" too), while booleans, lists, objects and null stay refused.
 */
export function numbersAsText(body: unknown): unknown {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return body;
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => [
      key,
      typeof value === "number" && Number.isFinite(value) ? String(value) : value,
    ]),
  );
}

/** The body through a schema, or the contract's 400 with DRF's field errors. */
export function validate<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const result = schema.safeParse(numbersAsText(body));
  if (!result.success) throw new ApiError(fieldErrors(toFieldErrors(result.error)));
  return result.data;
}
