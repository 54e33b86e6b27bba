import { z } from "zod";
import type { ConfigProblem } from "../contract/config.js";
import { pathText, type Path, type YamlSource } from "./yaml-source.js";

/**
 * Turns zod's issues into problems a person can fix: where (file:line:column and the field's
 * path), what is wrong in words, and what to write instead (the allowed values, the closest
 * match for a misspelling).
 */

/** What an enum's values are called, by the field that holds them. */
const NOUNS: Record<string, string> = {
  stage: "stage",
  side: "side",
  askedBy: "side",
  topic: "question topic",
  direction: "direction",
  aggregation: "signal aggregation",
  aggregate: "window aggregate",
  comparator: "comparator",
  usersReached: "users-reached value",
  bucket: "bucket",
  rule: "readiness rule",
};

function nounOf(path: Path): string {
  const last = String(path.at(-1) ?? "");
  const parent = path.at(-3);
  if (last === "kind") {
    if (parent === "signals") return "signal kind";
    if (parent === "budgets") return "budget kind";
    if (path.at(-2) === "period") return "period kind";
  }
  if (typeof path.at(-1) === "number" && path.includes("gates")) return "readiness rule";
  return NOUNS[last] ?? `valid ${last}`;
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const here = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length]!;
}

/** The closest of `options` to `value`, if it is close enough to be a typo. */
export function closest(value: string, options: readonly string[]): string | null {
  const lower = value.toLowerCase();
  const prefixed = options.filter((o) => lower.length >= 3 && o.toLowerCase().startsWith(lower));
  if (prefixed.length === 1) return prefixed[0]!;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const option of options) {
    const d = editDistance(value.toLowerCase(), option.toLowerCase());
    if (d < bestDistance) {
      best = option;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `a ${typeof value}`;
}

const EXPECTED: Record<string, string> = {
  object: "a mapping (key: value lines)",
  array: "a list (lines starting with -)",
  string: "text",
  number: "a number",
  boolean: "true or false",
};

/** The object schema found at `path` inside `schema`, to list the fields it allows. */
function objectAt(schema: z.ZodType, path: Path): z.ZodObject | null {
  let node: z.ZodType | undefined = schema;
  const unwrap = (s: z.ZodType): z.ZodType => {
    let current = s;
    for (let i = 0; i < 10; i += 1) {
      if (
        current instanceof z.ZodOptional ||
        current instanceof z.ZodNullable ||
        current instanceof z.ZodDefault
      )
        current = current.unwrap() as z.ZodType;
      else if (current instanceof z.ZodPipe) current = current.in as z.ZodType;
      else break;
    }
    return current;
  };
  for (const segment of path) {
    node = node ? unwrap(node) : undefined;
    if (node instanceof z.ZodObject) node = node.shape[String(segment)] as z.ZodType | undefined;
    else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
    else if (node instanceof z.ZodUnion)
      node = (node.options as z.ZodType[]).map(unwrap).find((o) => o instanceof z.ZodObject);
    else return null;
  }
  node = node ? unwrap(node) : undefined;
  if (node instanceof z.ZodUnion)
    node = (node.options as z.ZodType[]).map(unwrap).find((o) => o instanceof z.ZodObject);
  return node instanceof z.ZodObject ? node : null;
}

type Issue = z.core.$ZodIssue;

/** The issues of the union branch that best fits the input (the one that got furthest). */
function bestBranch(issue: Extract<Issue, { code: "invalid_union" }>): Issue[] {
  const branches = issue.errors.filter((b) => b.length > 0);
  if (branches.length === 0) return [issue];
  const score = (b: Issue[]) =>
    b.filter((i) => i.path.length === 0 && (i.code === "invalid_type" || i.code === "invalid_value")).length *
      100 +
    b.length;
  const best = [...branches].sort((a, b) => score(a) - score(b))[0]!;
  return best.map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
}

function describeIssue(
  issue: Issue,
  input: unknown,
  schema: z.ZodType,
  rootHint: string,
): Array<{ path: Path; message: string; fix: string | null; at: "key" | "value" }> {
  const path = issue.path as Path;
  const value = valueAt(input, path);
  switch (issue.code) {
    case "invalid_union": {
      const branch = bestBranch(issue);
      if (branch.length === 1 && branch[0] === issue) {
        const atKind = path.at(-1) === "kind";
        const kind = atKind ? value : (value as { kind?: unknown } | null)?.kind;
        const kindPath = atKind ? path : [...path, "kind"];
        return [
          {
            path: kind === undefined ? path : kindPath,
            message: kind === undefined ? "needs a kind" : `${show(kind)} is not a ${nounOf(kindPath)}`,
            fix: "use kind: calendar_month, or kind: rolling with days: N",
            at: "value",
          },
        ];
      }
      return branch.flatMap((i) => describeIssue(i, input, schema, rootHint));
    }
    case "invalid_value": {
      const options = issue.values.map(String);
      const guess = typeof value === "string" ? closest(value, options) : null;
      if (value === undefined)
        return [{ path, message: "is required", fix: `add it: one of ${options.join(", ")}`, at: "value" }];
      return [
        {
          path,
          message: `${show(value)} is not a ${nounOf(path)}`,
          fix: guess
            ? `did you mean ${guess}? (one of ${options.join(", ")})`
            : `use one of ${options.join(", ")}`,
          at: "value",
        },
      ];
    }
    case "invalid_type": {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (path.length === 0)
        return [
          {
            path,
            message: `the file must be a mapping of sections, found ${typeName(value)}`,
            fix: rootHint,
            at: "value",
          },
        ];
      if (value === undefined)
        return [
          { path, message: "is required", fix: `add ${String(path.at(-1))}: with ${expected}`, at: "value" },
        ];
      return [
        {
          path,
          message: `expected ${expected}, found ${typeName(value)}${typeof value === "string" || typeof value === "number" ? ` (${show(value)})` : ""}`,
          fix:
            issue.expected === "number" && typeof value === "string"
              ? "write the number without quotes or units"
              : issue.expected === "string" && typeof value !== "string"
                ? "put the value in quotes"
                : null,
          at: "value",
        },
      ];
    }
    case "unrecognized_keys": {
      const allowed = Object.keys(objectAt(schema, path)?.shape ?? {});
      return issue.keys.map((key) => {
        const guess = closest(key, allowed);
        return {
          path: [...path, key],
          message: `unknown field "${key}"`,
          fix: guess
            ? `did you mean ${guess}?`
            : allowed.length > 0
              ? `remove it; the fields here are ${allowed.join(", ")}`
              : "remove it",
          at: "key" as const,
        };
      });
    }
    case "invalid_format":
      return [
        {
          path,
          message: `${show(value)} is not a valid ${issue.format === "regex" ? String(path.at(-1)) : issue.format}`,
          fix: issue.message.startsWith("Invalid") ? null : issue.message,
          at: "value",
        },
      ];
    default:
      return [{ path, message: issue.message, fix: null, at: "value" }];
  }
}

/** Every schema problem of a parsed file, at once, in file order. */
export function schemaProblems(
  source: YamlSource,
  error: z.ZodError,
  schema: z.ZodType,
  rootHint = "start with systems: (see docs/config-as-code.md for a full example)",
): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const issue of error.issues) {
    for (const d of describeIssue(issue, source.value, schema, rootHint)) {
      const pos = source.positionOf(d.path, d.at);
      out.push({ file: source.file, ...pos, path: pathText(d.path), message: d.message, fix: d.fix });
    }
  }
  return sortProblems(out);
}

export function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** A problem at a path of the file, found after the schema passed (duplicates, unknown owners). */
export function problemAt(
  source: YamlSource,
  path: Path,
  message: string,
  fix: string | null,
  at: "key" | "value" = "value",
): ConfigProblem {
  return { file: source.file, ...source.positionOf(path, at), path: pathText(path), message, fix };
}
