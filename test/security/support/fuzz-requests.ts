import fc from "fast-check";
import {
  CONTENT_TYPES,
  DEEP_ARRAY,
  DEEP_OBJECT,
  HOSTILE_KEYS,
  hostileText,
  hostileValue,
  INVALID_UTF8,
  NUMBER_LITERALS,
  ODD_BODIES,
} from "./hostile.js";
import type { Operation } from "./openapi.js";
import { arbitraryFor, queryValueFor, type SchemaHints } from "./schema-arbitrary.js";

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
  garbage?: string;
}

export interface FuzzHints extends SchemaHints {
  /** Real values for a path parameter of a route, e.g. the fixture risk's id for /risks/{id}. */
  pathValues(path: string, name: string): readonly string[];
}

const MARKER = "FUZZ_MARKER_7f3a";

type Json = unknown;

/** Every location in a JSON value, as key paths (the root is []). */
function locations(value: Json, at: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  out.push(at);
  if (out.length > 200) return out;
  if (Array.isArray(value)) value.forEach((v, i) => locations(v, [...at, i], out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) locations(v, [...at, k], out);
  return out;
}

/** A copy of `value` with the thing at `path` replaced (undefined deletes an object key). */
function replaced(value: Json, path: ReadonlyArray<string | number>, next: Json): Json {
  if (path.length === 0) return next;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[head as number] = replaced(copy[head as number], rest, next);
    return copy;
  }
  const copy: Record<string, Json> = { ...(value as Record<string, Json>) };
  const inner = replaced(copy[head], rest, next);
  if (inner === undefined) delete copy[head];
  else copy[head] = inner;
  return copy;
}

/** Adds a key as an own, enumerable property, even "__proto__", so JSON.stringify sends it. */
function withKey(value: Json, key: string, extra: Json): Json {
  const base: Record<string, Json> =
    value && typeof value === "object" && !Array.isArray(value) ? { ...(value as Record<string, Json>) } : {};
  Object.defineProperty(base, key, { value: extra, enumerable: true, configurable: true, writable: true });
  return base;
}

function pick<T>(items: readonly T[], n: number): T {
  return items[n % items.length]!;
}

/** Percent-encodes the UTF-8 bytes of any string, lone surrogates included (as U+FFFD). */
function encode(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function encodePath(op: Operation, values: Record<string, string>, raw: boolean): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name] ?? "x";
    return raw ? v : encode(v);
  });
}

/** Values from `arb` with a hostile value (or a deletion) at 1-3 random places. */
function withHostileValues(arb: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  const edits = fc.array(fc.tuple(fc.nat(), fc.option(hostileValue, { freq: 6, nil: undefined })), {
    minLength: 1,
    maxLength: 3,
  });
  return fc
    .tuple(arb, edits)
    .map(([value, changes]) =>
      changes.reduce<Json>((v, [n, next]) => replaced(v, pick(locations(v), n), next), value),
    );
}

/** Whether a body schema also takes plain text, which routes read as NDJSON (one JSON per line). */
function takesText(op: Operation): boolean {
  return (op.body?.anyOf ?? op.body?.oneOf ?? []).some((s) => s.type === "string");
}

/**
 * Requests for one route: well-formed ones from its schemas (some succeed, which moves state on),
 * the same with hostile values dropped in, unknown and prototype-polluting keys, bodies that are not
 * JSON or not UTF-8 or nested 10,000 deep, and hostile path segments, query strings and headers.
 */
export function requestsFor(op: Operation, hints: FuzzHints): fc.Arbitrary<FuzzRequest> {
  const pathNames = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const realPath = fc.record(
    Object.fromEntries(
      pathNames.map((name) => {
        const real = hints.pathValues(op.path, name);
        return [
          name,
          real.length > 0 ? fc.constantFrom(...real) : fc.string({ minLength: 1, maxLength: 20 }),
        ];
      }),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const hostilePath = fc.record(Object.fromEntries(pathNames.map((n) => [n, hostileText]))) as fc.Arbitrary<
    Record<string, string>
  >;

  const queryParams = op.parameters.filter((p) => p.in === "query");
  const validQuery = fc
    .tuple(
      ...queryParams.map((p) =>
        fc.option(
          queryValueFor(p.schema, hints).map((v) => `${p.name}=${encode(v)}`),
          {
            freq: 2,
            nil: "",
          },
        ),
      ),
    )
    .map((parts) => parts.filter(Boolean).join("&"));
  const names = queryParams.length > 0 ? queryParams.map((p) => p.name) : ["q"];
  const hostileQuery = fc.oneof(
    fc.tuple(fc.constantFrom(...names), hostileText).map(([n, v]) => `${n}=${encode(v)}`),
    fc.constantFrom(...names).map((n) => `${n}=1&${n}=2`),
    fc.constantFrom(...names).map((n) => `${n}[]=1&${n}[a]=2`),
    fc.constantFrom(...names).map((n) => `${n}=%zz%E0%A4%A&${n}%00=1`),
    fc.constantFrom(...names).map((n) => `${n}=1e308&limit=-0&offset=NaN&since=${"9".repeat(400)}`),
    fc.constant("__proto__[isAdmin]=true&constructor[prototype][isAdmin]=true"),
  );

  const validBody = arbitraryFor(op.body, hints);
  const hasBody = op.body !== undefined;
  const caller = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom("admin", "leader", "engineer") },
    { weight: 2, arbitrary: fc.constant("writeToken") },
    { weight: 1, arbitrary: fc.constantFrom(...FUZZ_CALLERS) },
  ) as fc.Arbitrary<FuzzCaller>;
  const contentType = fc.oneof(
    { weight: 12, arbitrary: fc.constant("application/json") },
    { weight: 1, arbitrary: fc.constantFrom<string | null>(...CONTENT_TYPES, null) },
  );

  const build = (
    kind: string,
    parts: Partial<FuzzRequest> & { path: Record<string, string>; rawPath?: boolean },
  ) =>
    ({
      kind,
      caller: parts.caller ?? "admin",
      url: encodePath(op, parts.path, parts.rawPath ?? false) + (parts.url ? `?${parts.url}` : ""),
      ...(parts.body !== undefined && { body: parts.body }),
      ...(parts.contentType !== undefined && { contentType: parts.contentType }),
      ...(parts.garbage !== undefined && { garbage: parts.garbage }),
    }) satisfies FuzzRequest;

  const jsonBody = (arb: fc.Arbitrary<Json>) =>
    hasBody ? arb.map((json) => ({ json })) : fc.constant(undefined);

  // A valid-shaped body with a hostile value (or a deletion) at 1-3 random places.
  const mutated = withHostileValues(validBody);
  // Unknown and prototype-polluting keys, at the top level or inside.
  const extraKeys = fc
    .tuple(
      validBody,
      fc.array(fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string()), hostileValue), {
        minLength: 1,
        maxLength: 3,
      }),
    )
    .map(([body, keys]) => keys.reduce<Json>((b, [k, v]) => withKey(b, k, v), body));

  // Raw bodies: a valid-shaped body with one value swapped for text JSON.stringify cannot produce.
  const spliced = (fragment: fc.Arbitrary<string | Buffer>) =>
    fc.tuple(validBody, fc.nat(), fragment).map(([body, n, frag]) => {
      const text = JSON.stringify(replaced(body, pick(locations(body), n), MARKER)) ?? `"${MARKER}"`;
      const [before, after] = text.split(`"${MARKER}"`) as [string, string | undefined];
      if (after === undefined) return Buffer.from(text);
      return Buffer.concat([
        Buffer.from(before),
        Buffer.isBuffer(frag) ? frag : Buffer.from(frag),
        Buffer.from(after),
      ]);
    });
  const rawBody = fc.oneof(
    fc.constantFrom(DEEP_ARRAY, DEEP_OBJECT),
    spliced(fc.constantFrom(DEEP_ARRAY, DEEP_OBJECT)),
    spliced(fc.constantFrom(...NUMBER_LITERALS)),
    spliced(
      fc
        .constantFrom(...INVALID_UTF8)
        .map((bytes) => Buffer.concat([Buffer.from('"x'), bytes, Buffer.from('y"')])),
    ),
    fc.constantFrom(...ODD_BODIES),
    fc.tuple(validBody, fc.nat()).map(([body, n]) => {
      const text = JSON.stringify(body) ?? "";
      return text.slice(0, n % Math.max(text.length, 1));
    }),
    validBody.map((body) => {
      const text = JSON.stringify(body) ?? "{}";
      return text.startsWith("{") && text.length > 2
        ? `{"name":"dup",${text.slice(1, -1)},"name":{"x":1}}`
        : text;
    }),
    fc.constantFrom(...INVALID_UTF8),
  );

  // NDJSON for routes that take text: lines of values, some hostile, some not JSON at all.
  const ndjson = fc
    .array(
      fc.oneof(
        {
          weight: 4,
          arbitrary: withHostileValues(arbitraryFor(undefined, hints)).map((v) => JSON.stringify(v) ?? ""),
        },
        { weight: 1, arbitrary: hostileText },
      ),
      { maxLength: 6 },
    )
    .map((lines) => lines.join("\n"));

  const ndjsonRequests = {
    weight: 3,
    arbitrary: fc
      .record({ caller, path: realPath, text: ndjson })
      .map(({ text, ...p }) =>
        build("ndjson", { ...p, body: { raw: text }, contentType: "application/x-ndjson" }),
      ),
  };

  return fc.oneof(
    ...(takesText(op) ? [ndjsonRequests] : []),
    {
      weight: 6,
      arbitrary: fc
        .record({ caller, path: realPath, url: validQuery, body: jsonBody(validBody) })
        .map((p) => build("valid", p)),
    },
    {
      weight: 6,
      arbitrary: fc
        .record({ caller, path: realPath, url: validQuery, body: jsonBody(mutated), contentType })
        .map((p) => build(hasBody ? "hostile-values" : "valid", p)),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ caller, path: realPath, body: jsonBody(extraKeys) })
        .map((p) => build(hasBody ? "extra-keys" : "valid", p)),
    },
    {
      weight: 3,
      arbitrary: fc
        .record({ caller, path: realPath, bytes: rawBody, contentType })
        .map(({ bytes, ...p }) => build("raw-body", { ...p, body: { raw: bytes } })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          caller,
          path: hostilePath,
          url: fc.oneof(validQuery, hostileQuery),
          body: jsonBody(validBody),
        })
        .map((p) => build("hostile-url", p)),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          caller,
          path: fc.oneof(realPath, hostilePath),
          garbage: fc.constantFrom(
            "%zz",
            "%00",
            "%E0%A4%A",
            "..%2F..%2F",
            "%2e%2e",
            "a%2Fb",
            "%C0%AF",
            "%ED%A0%80",
          ),
        })
        .map((p) =>
          build("raw-url", {
            ...p,
            rawPath: true,
            path: Object.fromEntries(Object.keys(p.path).map((k) => [k, p.garbage])),
            url: p.garbage,
          }),
        ),
    },
    {
      weight: 1,
      arbitrary: fc.record({ path: realPath, body: jsonBody(validBody), garbage: hostileText }).map((p) =>
        build("hostile-credentials", {
          ...p,
          caller: pick(["garbageToken", "garbageCookie"] as const, p.garbage.length),
        }),
      ),
    },
  );
}
