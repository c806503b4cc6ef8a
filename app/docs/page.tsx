import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { connection } from "next/server";
import { Endpoint } from "@/components/docs/endpoint";
import { MethodBadge } from "@/components/docs/method-badge";
import { operationAnchor } from "@/components/docs/operation";
import { Schemes } from "@/components/docs/schemes";
import { openApiDocument } from "@/lib/openapi";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("titles"))("docs") };
}

// The same document GET /api/openapi.json serves, rendered on the server: no CDN, no script.
export default async function DocsPage() {
  // Per request, for the Content-Security-Policy nonce (proxy.ts) of Next.js's own scripts.
  await connection();
  const t = await getTranslations("docs");
  const document = openApiDocument();
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
  return (
    <div className="docs">
      <header>
        <h1>{t("title")}</h1>
        <p lang="en">{document.info.description}</p>
        <p>
          {t.rich("intro", {
            version: document.openapi,
            fieldErrors: () => <code>{'{"field": ["message", …]}'}</code>,
            detail: () => <code>{'{"detail": "message"}'}</code>,
            link: () => (
              <a href="/api/openapi.json">
                <code>/api/openapi.json</code>
              </a>
            ),
          })}
        </p>
      </header>
      <Schemes schemes={document.components.securitySchemes} />
      <nav className="card" aria-labelledby="endpoints">
        <h2 id="endpoints">{t("endpoints")}</h2>
        <ul className="toc">
          {operations.map(({ path, method, operation }) => (
            <li key={`${method} ${path}`}>
              <a href={`#${operationAnchor(method, path)}`}>
                <MethodBadge method={method} /> <code>{path}</code>
              </a>
              {operation.summary && (
                <span className="meta" lang="en">
                  {" "}
                  — {operation.summary}
                </span>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {operations.map(({ path, method, operation }) => (
        <Endpoint key={`${method} ${path}`} method={method} path={path} operation={operation} />
      ))}
    </div>
  );
}
