import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { request, type APIRequestContext } from "@playwright/test";
import type { Person } from "../people";
import { ROOT, type AppServer } from "./app-server";

export type Member = Person & { email: string };

/** Someone with an e-mail address (the username, at example.com, so a search finds either). */
export const withEmail = (person: Person): Member => ({ ...person, email: `${person.username}@example.com` });

/**
 * Registers through the JSON API and keeps the client: it holds the new session's cookie, as a
 * second device of that person would.
 */
export async function signUpThroughApi(
  baseURL: string,
  person: Person & { email?: string },
): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  const response = await api.post("/api/register", { data: person });
  if (response.status() !== 201)
    throw new Error(`registering ${person.username}: ${response.status()} ${await response.text()}`);
  return api;
}

/** Is the holder of this client signed in, according to GET /api/session? */
export async function isSignedIn(api: APIRequestContext): Promise<boolean> {
  const body = (await (await api.get("/api/session")).json()) as { is_authenticated: boolean };
  return body.is_authenticated;
}

/** `npm run manage -- createsuperuser --no-input …` against the server's own database. */
export async function createSuperuser(server: AppServer, person: Member): Promise<void> {
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  const args = [
    "--conditions=react-server",
    "scripts/manage.ts",
    "createsuperuser",
    "--no-input",
    "--username",
    person.username,
    "--email",
    person.email,
    "--password",
    person.password,
  ];
  await promisify(execFile)(tsx, args, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: server.databaseUrl, BCRYPT_ROUNDS: "4" },
  });
}

/**
 * Confirms an address with the verification link in `mail` (POST /api/email/verify): notices and
 * reset links go only to a verified address.
 */
export async function verifyFromMail(baseURL: string, mail: { text?: string }): Promise<void> {
  const link = /https?:\/\/\S+\/email\/verify\?\S+/.exec(mail.text ?? "")?.[0];
  if (!link) throw new Error(`No verification link in the mail:\n${mail.text}`);
  const token = new URL(link).searchParams.get("token");
  const api = await request.newContext({ baseURL });
  const response = await api.post("/api/email/verify", { data: { token } });
  if (response.status() !== 200) throw new Error(`verifying: ${response.status()} ${await response.text()}`);
  await api.dispose();
}
