import { SCHEME_LABELS } from "@/components/docs/security";

type SecurityScheme = { type: string; in?: string; name?: string; scheme?: string; description?: string };

/** The three ways to authenticate, in the order the server tries them, then the document's own notes. */
export function Schemes({ schemes }: { schemes: Record<string, SecurityScheme> }) {
  const cookie = schemes.session?.name ?? "the session cookie";
  return (
    <section className="card" aria-labelledby="authentication">
      <h2 id="authentication">Authentication</h2>
      <p>
        Every request is tried against three schemes, in this order; the first that recognises a credential decides who
        the caller is. A request with none is anonymous. A credential that is present but wrong is a <code>401</code>,
        never anonymity.
      </p>
      <ol className="schemes">
        <li>
          <strong>Session cookie</strong> — <code>{cookie}</code>, set by <code>POST /api/login</code> and{" "}
          <code>POST /api/register</code>. Browsers send it by themselves; a <code>POST</code>, <code>PATCH</code> or{" "}
          <code>DELETE</code> carrying it from another site&apos;s origin is refused (CSRF).
        </li>
        <li>
          <strong>API token</strong> — <code>Authorization: Token &lt;key&gt;</code>, or the same key as{" "}
          <code>Authorization: Bearer &lt;key&gt;</code>. Create keys on your account page or with{" "}
          <code>POST /api/tokens</code>; a key is shown once.
        </li>
        <li>
          <strong>Basic</strong> — <code>Authorization: Basic base64(username:password)</code>. Each request is a login
          attempt: failures are throttled.
        </li>
      </ol>
      <dl className="scheme-notes">
        {Object.entries(schemes).map(([name, scheme]) => (
          <div key={name}>
            <dt>
              <code>{name}</code> ({SCHEME_LABELS[name] ?? scheme.type})
            </dt>
            <dd>{scheme.description}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
