import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument } from "yaml";
import type { Document, Node } from "yaml";
import type { ConfigProblem } from "../contract/config.js";

/**
 * YAML text with the positions of its nodes kept, so that a problem found anywhere later (schema,
 * duplicate keys, unknown owners) can name the file, line and column of the offending node.
 */
export interface YamlSource {
  file: string;
  /** The document as plain data (what the schema validates). */
  value: unknown;
  /** Problems of the YAML itself: syntax errors, duplicate keys, tabs. Empty when it parsed. */
  problems: ConfigProblem[];
  /** Line and column (1-based) of the node at `path`, or of its closest existing ancestor. */
  positionOf(path: ReadonlyArray<PropertyKey>, which?: "key" | "value"): { line: number; column: number };
}

export type Path = ReadonlyArray<PropertyKey>;

/** `systems[1].signals[0].kind`, the way the error messages name a field. */
export function pathText(path: Path): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out || "(top level)";
}

function childOf(
  node: Node | null | undefined,
  segment: PropertyKey,
): { key: Node | null; value: Node | null } | null {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as Node | null;
      const name = isScalar(key) ? String(key.value) : key === null ? null : String(key);
      if (name === String(segment)) return { key, value: (pair.value as Node | null) ?? null };
    }
    return null;
  }
  if (isSeq(node) && typeof segment === "number") {
    const item = node.items[segment] as Node | undefined;
    return item === undefined ? null : { key: null, value: item };
  }
  return null;
}

function sourceOf(file: string, doc: Document, lines: LineCounter, value: unknown, offset = 0): YamlSource {
  const at = (index: number) => {
    const pos = lines.linePos(index);
    return { line: pos.line, column: pos.col };
  };
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  // One syntax slip often yields several errors at one spot; the first says it best.
  for (const e of [...doc.errors, ...doc.warnings]) {
    const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
    const where = `${pos.line}:${pos.col}`;
    if (seen.has(where)) continue;
    seen.add(where);
    const message = (e.message.split("\n")[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, "");
    problems.push({
      file,
      line: pos.line,
      column: pos.col,
      path: "",
      message,
      fix: yamlFix(e.code, message),
    });
  }
  return {
    file,
    value,
    problems,
    positionOf(path, which = "value") {
      let node = doc.contents as Node | null;
      let best = node?.range ? node.range[0] : offset;
      for (let i = 0; i < path.length; i += 1) {
        const child = childOf(node, path[i]!);
        if (!child) break;
        const last = i === path.length - 1;
        const target = last && which === "key" && child.key ? child.key : (child.value ?? child.key);
        if (target?.range) best = target.range[0];
        node = child.value;
      }
      return at(best);
    },
  };
}

function yamlFix(code: string, message: string): string | null {
  if (/quote/i.test(message)) return "close the quoted text with the same quote mark it starts with";
  switch (code) {
    case "TAB_AS_INDENT":
      return "indent with spaces, not tabs";
    case "DUPLICATE_KEY":
      return "keep one of the two entries";
    case "BAD_INDENT":
    case "MISSING_CHAR":
    case "UNEXPECTED_TOKEN":
      return "check the indentation and the punctuation on this line and the one before";
    case "BLOCK_AS_IMPLICIT_KEY":
      return "line up the keys of one entry at the same indentation, e.g. key: and name: under the same column";
    case "MULTILINE_IMPLICIT_KEY":
      return "a key needs a colon after it, e.g. systems: or name: Support assistant";
    default:
      return null;
  }
}

/**
 * The document as plain data. Alias expansion is capped (a "billion laughs" file is refused, not
 * expanded), and anything the converter refuses becomes a problem rather than an exception.
 */
function dataOf(doc: Document): { value: unknown; problem: string | null } {
  if (doc.errors.length > 0) return { value: null, problem: null };
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }) as unknown, problem: null };
  } catch (err) {
    return {
      value: null,
      problem: /alias/i.test((err as Error).message)
        ? "the file expands too many aliases (*name)"
        : "the file cannot be read as data",
    };
  }
}

function withDataProblem(source: YamlSource, problem: string | null): YamlSource {
  if (!problem) return source;
  const at = source.positionOf([]);
  source.problems.push({
    file: source.file,
    ...at,
    path: "",
    message: problem,
    fix: "write the values out instead of repeating anchors and aliases",
  });
  return source;
}

/** Parses one YAML document (a parley.yaml). */
export function parseYaml(file: string, text: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const { value, problem } = dataOf(doc);
  return withDataProblem(sourceOf(file, doc, lines, value), problem);
}

/** Parses a stream of YAML documents separated by `---` (OpenSLO files). */
export function parseYamlStream(file: string, text: string): YamlSource[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (!Array.isArray(docs)) return [sourceOf(file, docs as unknown as Document, lines, null)];
  return docs.map((doc) => {
    const { value, problem } = dataOf(doc);
    return withDataProblem(sourceOf(file, doc, lines, value, doc.range[0]), problem);
  });
}

/** `parley.yaml:12:7: systems[1].signals[0].kind: "costs" is not a signal kind. Fix: ...` */
export function formatProblem(p: ConfigProblem): string {
  const where = `${p.file}:${p.line}:${p.column}: `;
  const path = p.path ? `${p.path}: ` : "";
  const message = p.message.replace(/\.$/, "");
  const fix = p.fix ? ` Fix: ${/[.?]$/.test(p.fix) ? p.fix : `${p.fix}.`}` : "";
  return `${where}${path}${message}.${fix}`;
}
