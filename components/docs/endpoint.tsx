import { BodyFields } from "@/components/docs/body-fields";
import { refName, typeLabel, type JsonSchema } from "@/components/docs/json-schema";
import { MethodBadge } from "@/components/docs/method-badge";
import { operationAnchor, type Operation, type Parameter } from "@/components/docs/operation";
import { describeSecurity } from "@/components/docs/security";

const JSON_TYPE = "application/json";

function ParameterTable({ parameters }: { parameters: Parameter[] }) {
  return (
    <table className="docs-table">
      <caption>Parameters</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">In</th>
          <th scope="col">Type</th>
          <th scope="col">Required</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {parameters.map((parameter) => (
          <tr key={`${parameter.in}-${parameter.name}`}>
            <th scope="row">
              <code>{parameter.name}</code>
            </th>
            <td>{parameter.in}</td>
            <td>{parameter.schema ? typeLabel(parameter.schema) : "any"}</td>
            <td>{parameter.required ? "required" : "optional"}</td>
            <td>{parameter.description ?? <span className="meta">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ResponseTable({ responses }: { responses: Operation["responses"] }) {
  return (
    <table className="docs-table responses">
      <caption>Responses</caption>
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">Meaning</th>
          <th scope="col">Body</th>
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
              <td>{response.description}</td>
              <td>
                {schema ? (
                  <code>{schema.$ref ? refName(schema.$ref) : typeLabel(schema)}</code>
                ) : (
                  <span className="meta">none</span>
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
  const id = operationAnchor(method, path);
  const access = describeSecurity(operation.security);
  const content = operation.requestBody?.content ?? {};
  const body = content[JSON_TYPE]?.schema;
  return (
    <section className="card endpoint" aria-labelledby={id}>
      <h3 id={id}>
        <a href={`#${id}`} className="endpoint-link">
          <MethodBadge method={method} /> <code>{path}</code>
        </a>
      </h3>
      {operation.summary && <p className="endpoint-summary">{operation.summary}</p>}
      {operation.description && <p>{operation.description}</p>}
      <p className={access.anonymous ? "access" : "access access-required"}>
        <strong>Who may call it:</strong> {access.sentence}
      </p>
      {operation.parameters && <ParameterTable parameters={operation.parameters} />}
      {body && (
        <>
          <BodyFields schema={body} caption="Request body" />
          <p className="meta">
            Sent as{" "}
            {Object.keys(content).map((type, index) => (
              <span key={type}>
                {index > 0 && " or "}
                <code>{type}</code>
              </span>
            ))}
            ; unknown fields are ignored.
          </p>
        </>
      )}
      <ResponseTable responses={operation.responses} />
    </section>
  );
}
