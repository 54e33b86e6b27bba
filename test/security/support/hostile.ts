import fc from "fast-check";

/**
 * Values that break naive servers: SQL and shell meta-characters, NUL bytes, lone surrogates,
 * right-to-left overrides, markup, numbers at the edge of what JSON and databases hold, and types
 * a schema does not expect.
 */
export const HOSTILE_STRINGS = [
  "'; DROP TABLE people; --",
  "' OR '1'='1",
  '" OR 1=1 --',
  "%",
  "_",
  "\\",
  "\\'",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff\ud800",
  "\u202e\u0645\u0631\u062d\u0628\u0627",
  "\u0301\u0301\u0301",
  "🙂👩🏽‍💻🏳️‍🌈",
  "ｆｕｌｌｗｉｄｔｈ",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  '=HYPERLINK("http://x")',
  "${jndi:ldap://x/a}",
  "{{7*7}}",
  "../../../etc/passwd",
  "NaN",
  "-0",
  "1e308",
  "Infinity",
  "null",
  "undefined",
  "true",
  "__proto__",
  "constructor",
  " ",
  "",
  "\n\r\t\u000b\f",
  "2026-02-30",
  "2026-13-01T25:61:61Z",
  "0000-00-00",
  "9999-12-31T23:59:59.999+14:00",
] as const;

export const HOSTILE_NUMBERS = [
  1e308,
  -1e308,
  -0,
  5e-324,
  0.1,
  -1,
  0,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  2 ** 63,
  1.5,
] as const;

/** JSON number literals that JSON.stringify cannot produce: they go into raw bodies. */
export const NUMBER_LITERALS = [
  "1e400",
  "-1e400",
  "1e-400",
  "-0",
  "-0.0",
  "123456789012345678901234567890",
  "0.000000000000000000000000000001",
  "1E+2",
] as const;

const WRONG_TYPES: unknown[] = [null, true, false, [], {}, [[[]]], { a: 1 }, [null], ["x"], { length: 1 }];

/** A long string; lengths cross every maxLength in the contract and the 1 MiB body limit rarely. */
const longString = fc
  .oneof(
    { weight: 8, arbitrary: fc.integer({ min: 201, max: 5_000 }) },
    { weight: 3, arbitrary: fc.integer({ min: 5_001, max: 200_000 }) },
    { weight: 1, arbitrary: fc.constant(1_100_000) },
  )
  .chain((n) => fc.constantFrom("a", "é", "🙂", "'", "\u0000").map((c) => c.repeat(Math.ceil(n / c.length))));

/** Any hostile value, for a field whatever its declared type. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 3, arbitrary: fc.constantFrom(...WRONG_TYPES) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: longString },
);

/** A short hostile string for URLs: path segments, query values, header values. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS).map(String) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 101, max: 20_000 }).map((n) => "x".repeat(n)) },
);

/** Keys that attack object handling: prototype pollution, and fields clients must not set. */
export const HOSTILE_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "isAdmin",
  "id",
  "seq",
  "hash",
  "version",
  "createdAt",
  "passwordHash",
  "",
  "a.b",
  "$where",
] as const;

const DEPTH = 10_000;
/** Bodies nested 10,000 levels deep, of arrays and of objects. */
export const DEEP_ARRAY = "[".repeat(DEPTH) + "]".repeat(DEPTH);
export const DEEP_OBJECT = '{"a":'.repeat(DEPTH) + "1" + "}".repeat(DEPTH);

/** Byte sequences that are not UTF-8: stray continuation bytes, overlong forms, encoded surrogates. */
export const INVALID_UTF8: readonly Buffer[] = [
  Buffer.from([0xff, 0xfe]),
  Buffer.from([0xc3, 0x28]),
  Buffer.from([0xa0, 0xa1]),
  Buffer.from([0xe2, 0x28, 0xa1]),
  Buffer.from([0xf0, 0x90, 0x28, 0xbc]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
  Buffer.from([0x00]),
];

/** Whole bodies that are not what any route wants. */
export const ODD_BODIES = [
  "null",
  "1",
  '"text"',
  "[]",
  "true",
  "{",
  '{"a":1,}',
  "{'a':1}",
  '{"a":1}{"b":2}',
  "\ufeff{}",
  " ",
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
] as const;

export const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=utf-16",
  "application/json; charset=latin1",
  "APPLICATION/JSON",
  "application/x-ndjson",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json; boundary=",
  ";;;",
] as const;
