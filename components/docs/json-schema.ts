import type { useTranslations } from "next-intl";

// The parts of JSON Schema (as lib/openapi.ts writes it, from the zod schemas) that the docs
// page shows a person, worded as a person would read them.

export type DocsWords = ReturnType<typeof useTranslations<"docs">>;

export type JsonSchema = {
  type?: string | string[];
  format?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  $ref?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
};

/** "Detail" for "#/components/schemas/Detail". */
export function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf("/") + 1);
}

/** "string", "integer", "array of Session", "User"; "any" when the schema says nothing. */
export function typeLabel(schema: JsonSchema, t: DocsWords): string {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.type === "array" && schema.items) return t("arrayOf", { type: typeLabel(schema.items, t) });
  const type = Array.isArray(schema.type) ? schema.type.join(` ${t("or")} `) : schema.type;
  if (!type) return t("any");
  return schema.format ? `${type} (${schema.format})` : type;
}

/** A rule a value must follow: words, and a literal (a pattern, a value) to show as code. */
export type Rule = { text: string; code?: string };

export function constraints(schema: JsonSchema, t: DocsWords): Rule[] {
  const rules: Rule[] = [];
  if (schema.minLength !== undefined)
    rules.push({ text: schema.minLength === 1 ? t("notBlank") : t("atLeastChars", { count: schema.minLength }) });
  if (schema.maxLength !== undefined) rules.push({ text: t("atMostChars", { count: schema.maxLength }) });
  if (schema.minimum !== undefined) rules.push({ text: t("atLeast", { value: schema.minimum }) });
  if (schema.maximum !== undefined) rules.push({ text: t("atMost", { value: schema.maximum }) });
  if (schema.pattern !== undefined) rules.push({ text: t("matches"), code: schema.pattern });
  if (schema.enum) rules.push({ text: t("oneOf"), code: schema.enum.map((value) => JSON.stringify(value)).join(", ") });
  if (schema.default !== undefined) rules.push({ text: t("defaultValue"), code: JSON.stringify(schema.default) });
  return rules;
}
