import fc from "fast-check";
import {
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
import { arbitraryFor, type SchemaHints } from "./schema-arbitrary.js";

type Json = unknown;
type KeyPath = ReadonlyArray<string | number>;

const MARKER = "FUZZ_MARKER_7f3a";

/** Every location in a JSON value as a key path (the root is []), the first 200 of them. */
function locations(value: Json, at: KeyPath = [], out: KeyPath[] = []): KeyPath[] {
  out.push(at);
  if (out.length > 200) return out;
  if (Array.isArray(value)) value.forEach((v, i) => locations(v, [...at, i], out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) locations(v, [...at, k], out);
  return out;
}

/** Sets an own, enumerable property, even "__proto__", so JSON.stringify sends it. */
function define(target: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

/** A copy of `value` with the thing at `path` replaced (undefined deletes an object key). */
function replaced(value: Json, path: KeyPath, next: Json): Json {
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
  else define(copy, String(head), inner);
  return copy;
}

function withKey(value: Json, key: string, extra: Json): Json {
  const base: Record<string, Json> =
    value && typeof value === "object" && !Array.isArray(value) ? { ...(value as Record<string, Json>) } : {};
  define(base, key, extra);
  return base;
}

export function pick<T>(items: readonly T[], n: number): T {
  return items[n % items.length]!;
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

/** Valid-shaped JSON text with one value swapped for bytes JSON.stringify cannot produce. */
function spliced(valid: fc.Arbitrary<Json>, fragment: fc.Arbitrary<string | Buffer>): fc.Arbitrary<Buffer> {
  return fc.tuple(valid, fc.nat(), fragment).map(([body, n, frag]) => {
    const text = JSON.stringify(replaced(body, pick(locations(body), n), MARKER)) ?? `"${MARKER}"`;
    const [before, after] = text.split(`"${MARKER}"`) as [string, string | undefined];
    if (after === undefined) return Buffer.from(text);
    return Buffer.concat([
      Buffer.from(before),
      Buffer.isBuffer(frag) ? frag : Buffer.from(frag),
      Buffer.from(after),
    ]);
  });
}

export interface BodyArbitraries {
  /** Shaped like the schema says (and therefore often accepted). */
  valid: fc.Arbitrary<Json>;
  /** The same with hostile values dropped in, or required keys dropped. */
  hostileValues: fc.Arbitrary<Json>;
  /** The same with unknown and prototype-polluting keys added. */
  extraKeys: fc.Arbitrary<Json>;
  /** Bytes: nested 10,000 deep, not UTF-8, not JSON, numbers JSON cannot hold, duplicate keys. */
  raw: fc.Arbitrary<string | Buffer>;
  /** For routes whose body may be text: NDJSON lines, some hostile, some not JSON at all. */
  ndjson: fc.Arbitrary<string> | null;
}

/** Request bodies for one route, from its OpenAPI body schema. */
export function bodiesFor(op: Operation, hints: SchemaHints): BodyArbitraries {
  const valid = arbitraryFor(op.body, hints);
  const extraKey = fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string()), hostileValue);
  const raw = fc.oneof(
    fc.constantFrom(DEEP_ARRAY, DEEP_OBJECT),
    spliced(valid, fc.constantFrom(DEEP_ARRAY, DEEP_OBJECT)),
    spliced(valid, fc.constantFrom(...NUMBER_LITERALS)),
    spliced(
      valid,
      fc
        .constantFrom(...INVALID_UTF8)
        .map((bytes) => Buffer.concat([Buffer.from('"x'), bytes, Buffer.from('y"')])),
    ),
    fc.constantFrom(...ODD_BODIES),
    fc.constantFrom(...INVALID_UTF8),
    fc.tuple(valid, fc.nat()).map(([body, n]) => {
      const text = JSON.stringify(body) ?? "";
      return text.slice(0, n % Math.max(text.length, 1)); // truncated
    }),
    valid.map((body) => {
      const text = JSON.stringify(body) ?? "{}";
      return text.startsWith("{") && text.length > 2
        ? `{"name":"dup",${text.slice(1, -1)},"name":{"x":1}}`
        : text;
    }),
  );
  const takesText = (op.body?.anyOf ?? op.body?.oneOf ?? []).some((s) => s.type === "string");
  const line = fc.oneof(
    {
      weight: 4,
      arbitrary: withHostileValues(arbitraryFor(undefined, hints)).map((v) => JSON.stringify(v) ?? ""),
    },
    { weight: 1, arbitrary: hostileText },
  );
  return {
    valid,
    hostileValues: withHostileValues(valid),
    extraKeys: fc
      .tuple(valid, fc.array(extraKey, { minLength: 1, maxLength: 3 }))
      .map(([body, keys]) => keys.reduce<Json>((b, [k, v]) => withKey(b, k, v), body)),
    raw,
    ndjson: takesText ? fc.array(line, { maxLength: 6 }).map((lines) => lines.join("\n")) : null,
  };
}
