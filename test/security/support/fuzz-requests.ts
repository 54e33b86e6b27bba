import fc from "fast-check";
import { bodiesFor, pick } from "./fuzz-bodies.js";
import { CONTENT_TYPES, hostileText } from "./hostile.js";
import type { Operation } from "./openapi.js";
import { queryValueFor, type SchemaHints } from "./schema-arbitrary.js";

/** Who sends a fuzz request: real people and tokens, nobody, or credentials that mean nothing. */
export const FUZZ_CALLERS = [
  "admin",
  "leader",
  "engineer",
  "writeToken",
  "ingestToken",
  "anonymous",
  "garbageToken",
  "garbageCookie",
] as const;
export type FuzzCaller = (typeof FUZZ_CALLERS)[number];

export interface FuzzRequest {
  /** Which generator made it, for the report. */
  kind: string;
  caller: FuzzCaller;
  /** Path and query, already encoded (or deliberately not). */
  url: string;
  /** A JSON value to serialise, or raw bytes sent as they are. */
  body?: { json: unknown } | { raw: string | Buffer };
  /** null sends no Content-Type even with a body. */
  contentType?: string | null;
  /** The token or cookie value of a garbage-credentials caller. */
  garbage?: string;
}

export interface FuzzHints extends SchemaHints {
  /** Real values for a path parameter of a route, e.g. the fixture risk's id for /risks/{id}. */
  pathValues(path: string, name: string): readonly string[];
}

/** Percent-encoding that mangles URLs (bad escapes, NUL, overlong UTF-8, encoded slashes and dots). */
const BROKEN_ESCAPES = ["%zz", "%00", "%E0%A4%A", "..%2F..%2F", "%2e%2e", "a%2Fb", "%C0%AF", "%ED%A0%80"];

/** Percent-encodes the UTF-8 bytes of any string, lone surrogates included (as U+FFFD). */
function encode(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

type PathValues = Record<string, string>;

/** Path parameters (real and hostile) and query strings (schema-shaped and hostile) for a route. */
function urlsFor(op: Operation, hints: FuzzHints) {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const per = (value: (name: string) => fc.Arbitrary<string>) =>
    fc.record(Object.fromEntries(names.map((n) => [n, value(n)]))) as fc.Arbitrary<PathValues>;
  const realPath = per((name) => {
    const real = hints.pathValues(op.path, name);
    return real.length > 0 ? fc.constantFrom(...real) : fc.string({ minLength: 1, maxLength: 20 });
  });
  const hostilePath = per(() => hostileText);

  const params = op.parameters.filter((p) => p.in === "query");
  const validQuery = fc
    .tuple(
      ...params.map((p) =>
        fc.option(
          queryValueFor(p.schema, hints, p.name).map((v) => `${p.name}=${encode(v)}`),
          { freq: 2, nil: "" },
        ),
      ),
    )
    .map((parts) => parts.filter(Boolean).join("&"));
  const keys = params.length > 0 ? params.map((p) => p.name) : ["q"];
  const key = fc.constantFrom(...keys);
  const hostileQuery = fc.oneof(
    fc.tuple(key, hostileText).map(([k, v]) => `${k}=${encode(v)}`),
    key.map((k) => `${k}=1&${k}=2`),
    key.map((k) => `${k}[]=1&${k}[a]=2`),
    key.map((k) => `${k}=%zz%E0%A4%A&${k}%00=1`),
    key.map((k) => `${k}=1e308&limit=-0&offset=NaN&since=${"9".repeat(400)}`),
    fc.constant("__proto__[isAdmin]=true&constructor[prototype][isAdmin]=true"),
  );
  /** The path with its parameters filled in, encoded unless `raw`. */
  const path = (values: PathValues, raw = false) =>
    op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const v = values[name] ?? "x";
      return raw ? v : encode(v);
    });
  return { names, realPath, hostilePath, validQuery, hostileQuery, path };
}

/**
 * Requests for one route: well-formed ones from its schemas (some succeed, which moves state on),
 * the same with hostile values dropped in, unknown and prototype-polluting keys, bodies that are not
 * JSON or not UTF-8 or nested 10,000 deep, and hostile path segments, query strings and credentials.
 */
export function requestsFor(op: Operation, hints: FuzzHints): fc.Arbitrary<FuzzRequest> {
  const urls = urlsFor(op, hints);
  const bodies = bodiesFor(op, hints);
  const hasBody = op.body !== undefined;
  const json = (arb: fc.Arbitrary<unknown>) =>
    hasBody ? arb.map((value) => ({ json: value })) : fc.constant(undefined);
  const caller = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom("admin", "leader", "engineer") },
    { weight: 2, arbitrary: fc.constant("writeToken") },
    { weight: 1, arbitrary: fc.constantFrom(...FUZZ_CALLERS) },
  ) as fc.Arbitrary<FuzzCaller>;
  const contentType = fc.oneof(
    { weight: 12, arbitrary: fc.constant("application/json") },
    { weight: 1, arbitrary: fc.constantFrom<string | null>(...CONTENT_TYPES, null) },
  );
  const request =
    (kind: string) =>
    ({ path, query, ...rest }: Omit<FuzzRequest, "kind" | "url"> & { path: string; query?: string }) =>
      ({ kind, url: path + (query ? `?${query}` : ""), ...rest }) satisfies FuzzRequest;
  const realUrl = { path: urls.realPath.map((v) => urls.path(v)), caller };

  const kinds: Array<{ weight: number; arbitrary: fc.Arbitrary<FuzzRequest> }> = [
    {
      weight: 6,
      arbitrary: fc
        .record({ ...realUrl, query: urls.validQuery, body: json(bodies.valid) })
        .map(request("valid")),
    },
    {
      weight: 6,
      arbitrary: fc
        .record({ ...realUrl, query: urls.validQuery, body: json(bodies.hostileValues), contentType })
        .map(request(hasBody ? "hostile-values" : "valid")),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ ...realUrl, body: json(bodies.extraKeys) })
        .map(request(hasBody ? "extra-keys" : "valid")),
    },
    {
      weight: 3,
      arbitrary: fc
        .record({ ...realUrl, body: bodies.raw.map((raw) => ({ raw })), contentType })
        .map(request("raw-body")),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          caller,
          path: urls.hostilePath.map((v) => urls.path(v)),
          query: fc.oneof(urls.validQuery, urls.hostileQuery),
          body: json(bodies.valid),
        })
        .map(request("hostile-url")),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ caller, escape: fc.constantFrom(...BROKEN_ESCAPES) })
        .map(({ caller: who, escape }) =>
          request("raw-url")({
            caller: who,
            path: urls.path(Object.fromEntries(urls.names.map((n) => [n, escape])), true),
            query: escape,
          }),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ path: realUrl.path, body: json(bodies.valid), garbage: hostileText })
        .map(({ garbage, ...rest }) =>
          request("hostile-credentials")({
            ...rest,
            garbage,
            caller: pick(["garbageToken", "garbageCookie"] as const, garbage.length),
          }),
        ),
    },
  ];
  if (bodies.ndjson) {
    kinds.push({
      weight: 3,
      arbitrary: fc
        .record({ ...realUrl, body: bodies.ndjson.map((raw) => ({ raw })) })
        .map((p) => request("ndjson")({ ...p, contentType: "application/x-ndjson" })),
    });
  }
  return fc.oneof(...kinds);
}
