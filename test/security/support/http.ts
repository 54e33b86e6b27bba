import type { App } from "../../../src/server/deps.js";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Who a request claims to be: a session cookie, a bearer token, or nobody. */
export interface Auth {
  cookie?: string;
  token?: string;
}

export interface SendOptions {
  method: Method;
  url: string;
  auth?: Auth;
  /** A JSON value (serialised here), or raw bytes/text sent as they are. */
  body?: unknown;
  raw?: string | Buffer;
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  json: unknown;
  text: string;
  contentType: string;
}

/** One in-process request through the whole Fastify stack (no socket, no mocks). */
export async function send(app: App, options: SendOptions): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.auth?.cookie) headers.cookie = `parley_session=${options.auth.cookie}`;
  if (options.auth?.token) headers.authorization = `Bearer ${options.auth.token}`;
  let payload: string | Buffer | undefined;
  if (options.raw !== undefined) {
    payload = options.raw;
    headers["content-type"] = "application/json";
  } else if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  const res = await app.inject({
    method: options.method,
    url: options.url,
    headers: { ...headers, ...options.headers },
    ...(payload !== undefined && { payload }),
  });
  let json: unknown;
  try {
    json = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    json = undefined;
  }
  return {
    status: res.statusCode,
    json,
    text: res.body,
    contentType: String(res.headers["content-type"] ?? ""),
  };
}

/** Whether a body has the documented error shape `{ error: { code, message, details? } }`. */
export function isErrorBody(json: unknown): json is { error: { code: string; message: string } } {
  if (typeof json !== "object" || json === null || !("error" in json)) return false;
  const error = (json as { error: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { code?: unknown }).code === "string" &&
    (error as { code: string }).code.length > 0 &&
    typeof (error as { message?: unknown }).message === "string"
  );
}

/** Replaces `{name}` placeholders of an OpenAPI path with URL-encoded values. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for path parameter {${name}} of ${path}`);
    return encodeURIComponent(value);
  });
}
