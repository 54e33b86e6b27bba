// Reading OTLP values the same way whether they came from protobuf (protobufjs messages, 64-bit
// integers as Long objects, unset fields inherited from the prototype) or from OTLP/JSON (plain
// objects, 64-bit integers as decimal strings, lowerCamelCase keys; snake_case accepted too, as
// protobuf JSON parsers do).

export type OtlpObject = Record<string, unknown>;

/**
 * Where a decoder that already picked the wanted attributes (lean-traces.ts) leaves them, as a
 * plain map. A symbol, so no JSON body can carry it.
 */
export const DIGESTED_ATTRIBUTES = Symbol("digested attributes");
export type AttributeValue = string | number | boolean;

interface LongLike {
  toNumber(): number;
}

/** A number from a JSON number, a decimal string or a protobufjs Long; NaN when absent. */
export function toNumber(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "string") return v.trim() === "" ? Number.NaN : Number(v);
  if (v !== null && typeof v === "object" && typeof (v as LongLike).toNumber === "function")
    return (v as LongLike).toNumber();
  return Number.NaN;
}

/** The last millisecond of year 9999: later "times" are corrupt and would overflow a 64-bit column. */
const LATEST_MS = 253_402_300_799_999;

/** Epoch milliseconds from a *_unix_nano field; NaN when absent, zero or beyond year 9999. */
export function nanosToMs(v: unknown): number {
  const n = toNumber(v);
  const ms = Math.floor(n / 1e6);
  return n > 0 && ms <= LATEST_MS ? ms : Number.NaN;
}

/** A field by its lowerCamelCase name, or its snake_case name in JSON written by other tools. */
export function field(o: OtlpObject, camel: string, snake: string): unknown {
  const v = o[camel];
  return v === undefined ? o[snake] : v;
}

/** The object items of a repeated field; a non-array reads as empty and non-objects are skipped. */
export function list(o: OtlpObject | null | undefined, camel: string, snake: string): OtlpObject[] {
  if (!o) return [];
  const v = field(o, camel, snake);
  if (!Array.isArray(v)) return [];
  return (v as unknown[]).filter(
    (item): item is OtlpObject => item !== null && typeof item === "object" && !Array.isArray(item),
  );
}

export function child(o: OtlpObject, camel: string, snake: string): OtlpObject | null {
  const v = field(o, camel, snake);
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as OtlpObject) : null;
}

const has = Object.hasOwn;

/**
 * The scalar inside an AnyValue. Only own properties count, because protobufjs messages inherit
 * defaults for unset oneof members from their prototype. Arrays and maps read as null (no GenAI
 * attribute Parley uses is one).
 */
export function anyValue(v: unknown): AttributeValue | null {
  if (v === null || typeof v !== "object") return null;
  const o = v as OtlpObject;
  if (has(o, "stringValue")) return typeof o.stringValue === "string" ? o.stringValue : null;
  if (has(o, "intValue")) {
    const n = toNumber(o.intValue);
    return Number.isFinite(n) ? n : null;
  }
  if (has(o, "doubleValue")) {
    const n = toNumber(o.doubleValue);
    return Number.isFinite(n) ? n : null;
  }
  if (has(o, "boolValue")) return o.boolValue === true;
  if (has(o, "string_value")) return typeof o.string_value === "string" ? o.string_value : null;
  if (has(o, "int_value") || has(o, "double_value")) {
    const n = toNumber(o.int_value ?? o.double_value);
    return Number.isFinite(n) ? n : null;
  }
  if (has(o, "bool_value")) return o.bool_value === true;
  return null;
}

/**
 * The attributes of a resource, span, event or data point whose keys pass `keep`, as a plain
 * object. Filtering by key first keeps the hot path from converting values nobody reads.
 */
export function attributes(
  list: unknown,
  keep: (key: string) => boolean = () => true,
): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  if (!Array.isArray(list)) return out;
  for (const kv of list as OtlpObject[]) {
    if (kv === null || typeof kv !== "object") continue;
    const key = kv.key;
    if (typeof key !== "string" || !keep(key)) continue;
    const value = anyValue(kv.value);
    if (value !== null) out[key] = value;
  }
  return out;
}

export function text(v: AttributeValue | undefined): string | null {
  if (v === undefined) return null;
  const s = String(v).trim();
  return s === "" ? null : s;
}

/** More tokens than this in one call is a unit mistake or an attack, not usage. */
const MAX_COUNT = 1e12;

/** A token count: a positive finite number below a trillion, else 0. */
export function count(v: AttributeValue | undefined): number {
  if (v === undefined || typeof v === "boolean") return 0;
  const n = typeof v === "number" ? v : Number(v);
  return Number.isFinite(n) && n > 0 && n < MAX_COUNT ? n : 0;
}

/** A resource's attributes (all of them: mapping rules may name any). */
export function resourceAttributes(resource: OtlpObject | null): Record<string, AttributeValue> {
  if (!resource) return {};
  const digested = (resource as { [DIGESTED_ATTRIBUTES]?: Record<string, AttributeValue> })[
    DIGESTED_ATTRIBUTES
  ];
  return digested ?? attributes(resource.attributes);
}
