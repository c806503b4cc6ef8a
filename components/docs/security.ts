// Who may call an operation, from its OpenAPI `security` list: an empty requirement ({}) means
// no credentials are needed; otherwise any one of the named schemes will do.

export type SecurityRequirement = Record<string, string[]>;

export const SCHEME_LABELS: Record<string, string> = {
  session: "session cookie",
  token: "Token",
  bearer: "Bearer",
  basic: "Basic",
};

function listing(names: string[]): string {
  const labels = names.map((name) => SCHEME_LABELS[name] ?? name);
  return labels.length > 1 ? `${labels.slice(0, -1).join(", ")} or ${labels.at(-1)}` : (labels[0] ?? "");
}

export function describeSecurity(security: SecurityRequirement[] | undefined): {
  anonymous: boolean;
  sentence: string;
} {
  const requirements = security ?? [];
  const anonymous =
    requirements.length === 0 || requirements.some((requirement) => Object.keys(requirement).length === 0);
  const schemes = requirements.flatMap((requirement) => Object.keys(requirement));
  if (anonymous)
    return {
      anonymous,
      sentence: schemes.length ? `Anyone. Credentials are optional (${listing(schemes)}).` : "Anyone.",
    };
  return { anonymous, sentence: `Authenticated callers: ${listing(schemes)}.` };
}
