// A tiny HTTP client that behaves like one browser: it keeps its own cookies, so a test can act
// as several browsers (or devices) at once. Every password it sends and every session cookie it
// receives is remembered, so a file can check at its end that none of them leaked.
import http from "node:http";
import { Readable } from "node:stream";
import { remember, rememberResponse } from "./secrets";

export const SESSION_COOKIE = "vestibule.session";
// Far above any answer's time on a loaded machine (the slowest, a registration queued behind
// hashing, takes seconds), far below the 300 s after which scripts/test.mjs gives up on a file.
const REQUEST_TIMEOUT_MS = 90_000;

export type Body = Record<string, unknown> | string | ReadableStream<Uint8Array> | undefined;

export type RequestOptions = { headers?: Record<string, string> };

export type ApiResponse = {
  status: number;
  headers: Headers;
  /** The parsed body when the server said it is JSON, else undefined. */
  json: unknown;
  text: string;
  /** This response's Set-Cookie lines, whole (attributes included). */
  setCookies: string[];
};

export type Client = {
  get(path: string, options?: RequestOptions): Promise<ApiResponse>;
  post(path: string, body?: Body, options?: RequestOptions): Promise<ApiResponse>;
  request(method: string, path: string, body?: Body, options?: RequestOptions): Promise<ApiResponse>;
  /** The value of a cookie in this client's jar. */
  cookie(name?: string): string | undefined;
  setCookie(name: string, value: string): void;
  clearCookies(): void;
};

function isExpired(attributes: string[]): boolean {
  for (const attribute of attributes) {
    const [name, ...rest] = attribute.split("=");
    const value = rest.join("=").trim();
    if (name.trim().toLowerCase() === "max-age" && Number(value) <= 0) return true;
    if (name.trim().toLowerCase() === "expires" && Date.parse(value) <= Date.now()) return true;
  }
  return false;
}

function encodeBody(body: Body, headers: Record<string, string>): BodyInit | undefined {
  if (body === undefined || typeof body === "string" || body instanceof ReadableStream) return body;
  const password = body.password ?? body.old_password ?? body.new_password;
  if (typeof password === "string") remember(password);
  if ((headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
    return new URLSearchParams(Object.entries(body).map(([key, value]) => [key, String(value)])).toString();
  }
  return JSON.stringify(body);
}

/**
 * A chunked body on a connection of its own, closed once the answer is read. fetch would send it
 * on a pooled connection and leave that in the pool after the server refused the body half-read;
 * and with `Connection: close` the server would close as it answers, cutting the upload short and
 * (by a reset) the answer too. Asked to keep the connection, it reads the rest of the body first.
 */
function streamed(
  method: string,
  url: URL,
  headers: Record<string, string>,
  body: ReadableStream<Uint8Array>,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = http.request(url, { method, headers, agent: false }, (incoming) => {
      answered = true;
      const responseHeaders = new Headers();
      for (let index = 0; index < incoming.rawHeaders.length; index += 2)
        responseHeaders.append(incoming.rawHeaders[index], incoming.rawHeaders[index + 1]);
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () => {
        outgoing.destroy();
        resolve(new Response(Buffer.concat(chunks), { status: incoming.statusCode ?? 0, headers: responseHeaders }));
      });
      incoming.on("error", reject);
    });
    outgoing.on("error", (error: NodeJS.ErrnoException) => {
      if (!answered) reject(error);
    });
    Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>)
      .on("error", () => outgoing.destroy())
      .pipe(outgoing);
  });
}

/** A new browser with an empty cookie jar, talking to the server at `baseUrl`. */
export function client(baseUrl: string): Client {
  const jar = new Map<string, string>();

  async function request(
    method: string,
    path: string,
    body?: Body,
    options: RequestOptions = {},
  ): Promise<ApiResponse> {
    // A new connection per request, as curl makes: a kept-alive one that the server closes as
    // it idles out (or after refusing an unread body) fails the next request with "other side
    // closed" or a reset, a fault of connection reuse that no test here is about.
    const headers: Record<string, string> = { connection: "close" };
    if (body !== undefined) headers["content-type"] = "application/json";
    for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
    if (jar.size && headers.cookie === undefined)
      headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
    const url = new URL(path, baseUrl);
    const response =
      body instanceof ReadableStream
        ? await streamed(method, url, { ...headers, connection: "keep-alive" }, body)
        : await fetch(url, {
            method,
            headers,
            body: encodeBody(body, headers),
            redirect: "manual",
            // A request that hangs fails its own test, by name, instead of its whole file at the file's limit.
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
    const text = await response.text();
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(";");
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (isExpired(attributes) || value === "") jar.delete(name);
      else jar.set(name, value);
      if (name.endsWith(SESSION_COOKIE) && value) remember(value, { issued: true });
    }
    const isJson = (response.headers.get("content-type") ?? "").includes("json");
    const result: ApiResponse = {
      status: response.status,
      headers: response.headers,
      json: isJson && text ? JSON.parse(text) : undefined,
      text,
      setCookies,
    };
    rememberResponse(result);
    return result;
  }

  return {
    request,
    get: (path, options) => request("GET", path, undefined, options),
    post: (path, body, options) => request("POST", path, body, options),
    cookie: (name = SESSION_COOKIE) => jar.get(name),
    setCookie: (name, value) => void jar.set(name, value),
    clearCookies: () => jar.clear(),
  };
}

/** The Set-Cookie line that names `name`, if the response had one. */
export function setCookieLine(response: ApiResponse, name = SESSION_COOKIE): string | undefined {
  return response.setCookies.find((line) => line.startsWith(`${name}=`));
}

/** The answer to `send()` and how long it took, in milliseconds. */
export async function timed(send: () => Promise<ApiResponse>): Promise<{ response: ApiResponse; ms: number }> {
  const started = performance.now();
  const response = await send();
  return { response, ms: performance.now() - started };
}
