import { constraints, typeLabel, type JsonSchema } from "@/components/docs/json-schema";

/** The fields of a request body: name, type, whether it is required, and its rules. */
export function BodyFields({ schema, caption }: { schema: JsonSchema; caption: string }) {
  const fields = Object.entries(schema.properties ?? {});
  if (!fields.length) return <p className="meta">{caption}: no fields.</p>;
  const required = new Set(schema.required ?? []);
  return (
    <table className="docs-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">Required</th>
          <th scope="col">Rules</th>
        </tr>
      </thead>
      <tbody>
        {fields.map(([name, field]) => {
          const rules = constraints(field);
          return (
            <tr key={name}>
              <th scope="row">
                <code>{name}</code>
              </th>
              <td>{typeLabel(field)}</td>
              <td>{required.has(name) ? "required" : "optional"}</td>
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
                {field.description && <p className="meta">{field.description}</p>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
