import type { JsonSchema } from "@/components/docs/json-schema";
import type { SecurityRequirement } from "@/components/docs/security";

// The shape of one OpenAPI operation, as far as the docs page reads it.

export type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema };
type Content = Record<string, { schema?: JsonSchema }>;

export type Operation = {
  summary?: string;
  description?: string;
  security?: SecurityRequirement[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Content };
  responses: Record<string, { description: string; content?: Content }>;
};

/** "post-api-sessions-id": a stable, readable anchor for an operation. */
export function operationAnchor(method: string, path: string): string {
  return `${method}-${path}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
