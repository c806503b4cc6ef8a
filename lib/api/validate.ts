import "server-only";
import type { z } from "zod";
import { fail } from "@/lib/api/endpoint";
import { json } from "@/lib/api/responses";
import { toFieldErrors } from "@/lib/validation";

/** The body through a schema, or the contract's 400 with DRF's field errors. */
export function validate<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const result = schema.safeParse(body);
  if (!result.success) fail(json(toFieldErrors(result.error), 400));
  return result.data;
}
