import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { schemeLabel } from "@/components/docs/security";

type SecurityScheme = { type: string; in?: string; name?: string; scheme?: string; description?: string };

const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;
const code = (chunks: ReactNode) => <code>{chunks}</code>;

/** The three ways to authenticate, in the order the server tries them, then the document's own notes. */
export function Schemes({ schemes }: { schemes: Record<string, SecurityScheme> }) {
  const t = useTranslations("docs");
  const cookie = schemes.session?.name ?? t("theSessionCookie");
  return (
    <section className="card" aria-labelledby="authentication">
      <h2 id="authentication">{t("authentication")}</h2>
      <p>{t.rich("schemesIntro", { code })}</p>
      <ol className="schemes">
        <li>{t.rich("sessionScheme", { strong, code, cookie: () => <code>{cookie}</code> })}</li>
        <li>
          {t.rich("tokenScheme", {
            strong,
            code,
            tokenHeader: () => <code>Authorization: Token &lt;key&gt;</code>,
            bearerHeader: () => <code>Authorization: Bearer &lt;key&gt;</code>,
          })}
        </li>
        <li>
          {t.rich("basicScheme", {
            strong,
            basicHeader: () => <code>Authorization: Basic base64(username:password)</code>,
          })}
        </li>
      </ol>
      <dl className="scheme-notes">
        {Object.entries(schemes).map(([name, scheme]) => (
          <div key={name}>
            <dt>
              <code>{name}</code> ({schemeLabel(name, t) ?? scheme.type})
            </dt>
            <dd lang="en">{scheme.description}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
