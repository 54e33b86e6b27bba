import fc from "fast-check";
import { HOSTILE_STRINGS } from "./hostile.js";
import type { JsonSchema } from "./openapi.js";

/** What the generator may use besides the schema: ids of real rows, so lookups sometimes succeed. */
export interface SchemaHints {
  /** Ids of real rows that a field named `name` (e.g. "riskIds", "signalId") probably refers to. */
  idsFor(name: string | undefined): readonly string[];
}

const WORDS = ["support", "bot", "cost", "drift", "launch", "eval", "refund", "Q3", "risk", "a", "ok"];

const isoDate = fc
  .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString());

function stringFor(schema: JsonSchema, hints: SchemaHints, name: string | undefined): fc.Arbitrary<string> {
  if (schema.format === "date") return isoDate.map((s) => s.slice(0, 10));
  if (schema.format === "date-time") return isoDate;
  // The contract pipes e-mails through a transform, which the OpenAPI output shows as a plain string.
  if (schema.format === "email" || name === "email") {
    return fc.oneof(fc.emailAddress(), fc.constantFrom("lena@test.dev", "eli@test.dev", "admin@test.dev"));
  }
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 60, 60);
  if (schema.pattern) {
    // zod writes its own date patterns; anything else (keys, currencies) is small enough to match.
    // Never a filter: a pattern whose matches are rarely long enough (tokens of 20+ characters)
    // would make fast-check search forever. Too short matches are repeated, too long ones cut, and
    // kept only if they still match; otherwise the out-of-range value is sent as it is (a 4xx).
    const re = new RegExp(schema.pattern);
    return fc.stringMatching(re).map((s) => {
      let v = s;
      while (v.length > 0 && v.length < min) v += s;
      if (v.length > max) v = v.slice(0, max);
      return re.test(v) && v.length >= min ? v : s;
    });
  }
  const text = fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength: Math.max(min, 1), maxLength: Math.max(max, 1) }) },
    {
      weight: 2,
      arbitrary: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join(" ")),
    },
    {
      weight: 1,
      arbitrary: fc.string({ unit: "grapheme", minLength: Math.max(min, 1), maxLength: Math.max(max, 1) }),
    },
    {
      // Within the schema's limits but hostile inside: SQL, NUL, surrogates and markup reach the
      // database this way, where an out-of-schema value would stop at validation.
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...WORDS), fc.constantFrom(...HOSTILE_STRINGS))
        .map(([word, hostile]) => `${word}${hostile}`),
    },
  );
  const sized = text.map((s) => s.slice(0, max)).filter((s) => s.trim().length >= min);
  // Identifiers: real ones reach deeper into the handlers than random ones.
  const ids = schema.maxLength === 64 ? hints.idsFor(name) : [];
  if (ids.length > 0) {
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: sized });
  }
  return sized;
}

function numberFor(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lowest = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum : -1e6);
  const highest = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum : 1e6);
  if (integer) {
    const min = Math.max(Math.ceil(lowest), -1e9);
    const max = Math.min(Math.floor(highest), 1e9);
    return fc.integer({ min, max: Math.max(min, max) });
  }
  return fc
    .double({ min: lowest, max: highest, noNaN: true, noDefaultInfinity: true })
    .filter(
      (n) =>
        (schema.exclusiveMinimum === undefined || n > schema.exclusiveMinimum) &&
        (schema.exclusiveMaximum === undefined || n < schema.exclusiveMaximum),
    );
}

/** Values with nothing known about them (z.unknown()): JSON of any shape, and point-like objects. */
const anything: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record(
      {
        t: fc.oneof(isoDate, fc.integer({ min: 1.7e12, max: 1.9e12 }), fc.string()),
        v: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()),
        n: fc.integer({ min: 0, max: 1000 }),
        source: fc.constantFrom("billing", "otel", ""),
        signal: fc.constantFrom("sec-bot/cost_usd", "nope/nope", "sec-bot/missing"),
      },
      { requiredKeys: ["t", "v"] },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/**
 * Values shaped like `schema` says (types, enums, lengths, ranges, required keys). They are not
 * all valid: cross-field rules and lookups still fail often, which is fine for fuzzing.
 */
export function arbitraryFor(
  schema: JsonSchema | undefined,
  hints: SchemaHints,
  name?: string,
): fc.Arbitrary<unknown> {
  if (!schema) return anything;
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.oneOf ?? schema.anyOf;
  if (union) return fc.oneof(...union.map((s) => arbitraryFor(s, hints, name)));
  if (Array.isArray(schema.type)) {
    return fc.oneof(...schema.type.map((type) => arbitraryFor({ ...schema, type }, hints, name)));
  }
  switch (schema.type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return numberFor(schema, true);
    case "number":
      return numberFor(schema, false);
    case "string":
      return stringFor(schema, hints, name);
    case "array":
      return fc.array(arbitraryFor(schema.items, hints, name), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case "object": {
      const properties = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(properties))
        model[key] = arbitraryFor(property, hints, key);
      return fc.record(model, { requiredKeys: schema.required ?? [] });
    }
    default:
      return anything;
  }
}

/** A query-string value for a parameter schema: numbers and booleans as the text a client sends. */
export function queryValueFor(schema: JsonSchema, hints: SchemaHints, name: string): fc.Arbitrary<string> {
  if (schema.type === "string" && !schema.enum && !schema.format && schema.maxLength === undefined) {
    return fc.constantFrom("true", "false", "1", "0", "yes", "no", "on", "off"); // z.stringbool()
  }
  return arbitraryFor(schema, hints, name).map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
}
