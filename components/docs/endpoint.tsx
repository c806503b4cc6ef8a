import { useTranslations } from "next-intl";
import { BodyFields } from "@/components/docs/body-fields";
import { refName, typeLabel, type JsonSchema } from "@/components/docs/json-schema";
import { MethodBadge } from "@/components/docs/method-badge";
import { operationAnchor, type Operation, type Parameter } from "@/components/docs/operation";
import { describeSecurity } from "@/components/docs/security";

const JSON_TYPE = "application/json";

function ParameterTable({ parameters }: { parameters: Parameter[] }) {
  const t = useTranslations("docs");
  return (
    <table className="docs-table">
      <caption>{t("parameters")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("name")}</th>
          <th scope="col">{t("in")}</th>
          <th scope="col">{t("type")}</th>
          <th scope="col">{t("required")}</th>
          <th scope="col">{t("description")}</th>
        </tr>
      </thead>
      <tbody>
        {parameters.map((parameter) => (
          <tr key={`${parameter.in}-${parameter.name}`}>
            <th scope="row">
              <code>{parameter.name}</code>
            </th>
            <td>{parameter.in}</td>
            <td>{parameter.schema ? typeLabel(parameter.schema, t) : t("any")}</td>
            <td>{parameter.required ? t("requiredValue") : t("optionalValue")}</td>
            <td lang="en">{parameter.description ?? <span className="meta">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ResponseTable({ responses }: { responses: Operation["responses"] }) {
  const t = useTranslations("docs");
  return (
    <table className="docs-table responses">
      <caption>{t("responses")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("status")}</th>
          <th scope="col">{t("meaning")}</th>
          <th scope="col">{t("body")}</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(responses).map(([status, response]) => {
          const schema: JsonSchema | undefined = response.content?.[JSON_TYPE]?.schema;
          return (
            <tr key={status}>
              <th scope="row">
                <span className={`status status-${status[0]}xx`}>{status}</span>
              </th>
              <td lang="en">{response.description}</td>
              <td>
                {schema ? (
                  <code>{schema.$ref ? refName(schema.$ref) : typeLabel(schema, t)}</code>
                ) : (
                  <span className="meta">{t("none")}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** One operation: its heading (an anchor), what it does, who may call it, what to send and what comes back. */
export function Endpoint({ method, path, operation }: { method: string; path: string; operation: Operation }) {
  const t = useTranslations("docs");
  const id = operationAnchor(method, path);
  const access = describeSecurity(operation.security, t);
  const content = operation.requestBody?.content ?? {};
  const body = content[JSON_TYPE]?.schema;
  return (
    <section className="card endpoint" aria-labelledby={id}>
      <h3 id={id}>
        <a href={`#${id}`} className="endpoint-link">
          <MethodBadge method={method} /> <code>{path}</code>
        </a>
      </h3>
      {operation.summary && (
        <p className="endpoint-summary" lang="en">
          {operation.summary}
        </p>
      )}
      {operation.description && <p lang="en">{operation.description}</p>}
      <p className={access.anonymous ? "access" : "access access-required"}>
        {t.rich("whoMayCall", { strong: (chunks) => <strong>{chunks}</strong>, sentence: access.sentence })}
      </p>
      {operation.parameters && <ParameterTable parameters={operation.parameters} />}
      {body && (
        <>
          <BodyFields schema={body} caption={t("requestBody")} />
          <p className="meta">
            {t.rich("sentAs", {
              types: () =>
                Object.keys(content).map((type, index) => (
                  <span key={type}>
                    {index > 0 && ` ${t("or")} `}
                    <code>{type}</code>
                  </span>
                )),
            })}
          </p>
        </>
      )}
      <ResponseTable responses={operation.responses} />
    </section>
  );
}
