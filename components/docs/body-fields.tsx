import { useTranslations } from "next-intl";
import { constraints, typeLabel, type JsonSchema } from "@/components/docs/json-schema";

/** The fields of a request body: name, type, whether it is required, and its rules. */
export function BodyFields({ schema, caption }: { schema: JsonSchema; caption: string }) {
  const t = useTranslations("docs");
  const fields = Object.entries(schema.properties ?? {});
  if (!fields.length) return <p className="meta">{t("noFields", { caption })}</p>;
  const required = new Set(schema.required ?? []);
  return (
    <table className="docs-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("field")}</th>
          <th scope="col">{t("type")}</th>
          <th scope="col">{t("required")}</th>
          <th scope="col">{t("rules")}</th>
        </tr>
      </thead>
      <tbody>
        {fields.map(([name, field]) => {
          const rules = constraints(field, t);
          return (
            <tr key={name}>
              <th scope="row">
                <code>{name}</code>
              </th>
              <td>{typeLabel(field, t)}</td>
              <td>{required.has(name) ? t("requiredValue") : t("optionalValue")}</td>
              <td>
                {rules.length ? (
                  <ul className="rules">
                    {rules.map((rule) => (
                      <li key={rule.text}>
                        {rule.text}
                        {rule.code && (
                          <>
                            {" "}
                            <code>{rule.code}</code>
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="meta">—</span>
                )}
                {field.description && (
                  <p className="meta" lang="en">
                    {field.description}
                  </p>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
