import type { DocsWords } from "@/components/docs/json-schema";

// Who may call an operation, from its OpenAPI `security` list: an empty requirement ({}) means
// no credentials are needed; otherwise any one of the named schemes will do.

export type SecurityRequirement = Record<string, string[]>;

/** A scheme's name as the page says it: the session cookie in words, the others by their HTTP names. */
export function schemeLabel(name: string, t: DocsWords): string | undefined {
  const labels: Record<string, string> = {
    session: t("sessionCookie"),
    token: "Token",
    bearer: "Bearer",
    basic: "Basic",
  };
  return labels[name];
}

function listing(names: string[], t: DocsWords): string {
  const labels = names.map((name) => schemeLabel(name, t) ?? name);
  return labels.length > 1
    ? t("listOr", { first: labels.slice(0, -1).join(", "), last: labels.at(-1) ?? "" })
    : (labels[0] ?? "");
}

export function describeSecurity(
  security: SecurityRequirement[] | undefined,
  t: DocsWords,
): { anonymous: boolean; sentence: string } {
  const requirements = security ?? [];
  const anonymous =
    requirements.length === 0 || requirements.some((requirement) => Object.keys(requirement).length === 0);
  const schemes = requirements.flatMap((requirement) => Object.keys(requirement));
  if (anonymous)
    return {
      anonymous,
      sentence: schemes.length ? t("anyoneOptional", { schemes: listing(schemes, t) }) : t("anyone"),
    };
  return { anonymous, sentence: t("authenticated", { schemes: listing(schemes, t) }) };
}
