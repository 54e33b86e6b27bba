/**
 * The address people use to reach Parley, for links in e-mail. It comes from configuration, never
 * from a request's Host header, so nobody can make Parley mail a link to their own site.
 */
export function publicUrlFrom(configured: string | undefined, port: number | undefined): string {
  const value = configured?.trim();
  if (!value) return `http://localhost:${port ?? 7300}`;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new Error(`PARLEY_PUBLIC_URL must be an http:// or https:// address (it is "${value}").`);
  }
  return value.replace(/\/+$/, "");
}

/** A link under the public URL: linkTo("https://parley.acme.com", "/reset/abc"). */
export function linkTo(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

/** The TCP port a server listens on, or undefined before it listens (in-process tests). */
export function listeningPort(server: { address(): unknown }): number | undefined {
  const address = server.address();
  return typeof address === "object" &&
    address !== null &&
    "port" in address &&
    typeof address.port === "number"
    ? address.port
    : undefined;
}
