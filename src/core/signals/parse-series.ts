/**
 * Parsing of the series files given to `parley detect FILE`: CSV with a `timestamp,value` or a
 * `value` header, bare numbers one per line, or a JSON array of numbers or `{t, v}` objects. Pure:
 * the CLI reads the file, this turns its text into values or into errors with line numbers.
 */

export type ParsedSeries = {
  values: number[];
  /** Epoch ms per value, or null when the input had no timestamps. */
  times: (number | null)[];
  /** The timestamps as written in the input (echoed back in the output), or null. */
  rawTimes: (string | number | null)[];
};

export type SeriesProblem = {
  /** 1-based line in the text (for JSON, the line where the item starts). */
  line: number;
  message: string;
};

export type ParseResult = { ok: true; series: ParsedSeries } | { ok: false; problems: SeriesProblem[] };

const MAX_PROBLEMS = 50;
const TIME_HEADERS = new Set(["timestamp", "time", "t", "date", "ts"]);
const VALUE_HEADERS = new Set(["value", "v", "y"]);
/** Epoch numbers below this are taken as seconds, above as milliseconds (1e11 s is year 5138). */
const EPOCH_SECONDS_BELOW = 1e11;

/** Parses a series file's text; every bad row is reported with its line and what is wrong. */
export function parseSeries(text: string): ParseResult {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (trimmed === "")
    return { ok: false, problems: [{ line: 1, message: "the file is empty: expected numbers" }] };
  return trimmed.startsWith("[") ? parseJsonSeries(text) : parseDelimitedSeries(text);
}

/** Reads a timestamp: epoch seconds or ms, an ISO date (taken as UTC), or an ISO date-time with a zone. */
export function parseTimestamp(
  raw: string | number,
): { ok: true; time: number } | { ok: false; message: string } {
  if (typeof raw === "number" || /^-?\d+(\.\d+)?$/.test(raw.trim())) {
    const number = typeof raw === "number" ? raw : Number(raw.trim());
    if (!Number.isFinite(number))
      return { ok: false, message: `timestamp ${String(raw)} is not a finite number` };
    return { ok: true, time: Math.abs(number) < EPOCH_SECONDS_BELOW ? number * 1000 : number };
  }
  const value = raw.trim();
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const withZone = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  if (!dateOnly && !withZone) {
    const noZone = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value);
    return {
      ok: false,
      message: noZone
        ? `timestamp "${value}" has no time zone: add Z or an offset such as +02:00`
        : `timestamp "${value}" is neither an ISO 8601 date-time with a zone nor an epoch number`,
    };
  }
  const time = Date.parse(dateOnly ? `${value}T00:00:00Z` : value.replace(" ", "T"));
  const [year, month, day] = value.slice(0, 10).split("-").map(Number);
  const calendar = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  const realDay = calendar.getUTCMonth() === (month ?? 1) - 1 && calendar.getUTCDate() === day;
  return Number.isFinite(time) && realDay
    ? { ok: true, time }
    : { ok: false, message: `timestamp "${value}" is not a real date` };
}

function parseNumber(raw: string): number | null {
  const value = raw.trim();
  if (value === "" || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value)) return null;
  return Number(value);
}

function splitRow(line: string): string[] {
  const separator = line.includes("\t") ? "\t" : line.includes(",") ? "," : ";";
  return line.split(separator).map((cell) => cell.trim().replace(/^"(.*)"$/, "$1"));
}

function parseDelimitedSeries(text: string): ParseResult {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const problems: SeriesProblem[] = [];
  const series: ParsedSeries = { values: [], times: [], rawTimes: [] };
  let timeColumn = -1;
  let valueColumn = 0;
  let sawHeader = false;
  let sawRow = false;
  const lineOf = new Map<number, number>();
  lines.forEach((line, i) => {
    const lineNumber = i + 1;
    if (line.trim() === "" || line.trim().startsWith("#")) return;
    const cells = splitRow(line);
    if (!sawHeader && !sawRow && cells.some((cell) => /[a-z]/i.test(cell) && parseNumber(cell) === null)) {
      const header = cells.map((cell) => cell.toLowerCase());
      timeColumn = header.findIndex((cell) => TIME_HEADERS.has(cell));
      valueColumn = header.findIndex((cell) => VALUE_HEADERS.has(cell));
      sawHeader = true;
      if (valueColumn < 0) {
        problems.push({
          line: lineNumber,
          message: `header "${line.trim()}" has no "value" column (expected "timestamp,value" or "value")`,
        });
      }
      return;
    }
    if (!sawHeader && !sawRow && cells.length >= 2) {
      timeColumn = 0;
      valueColumn = 1;
    }
    sawRow = true;
    if (valueColumn < 0) return;
    const rawValue = cells[valueColumn];
    const value = rawValue === undefined ? null : parseNumber(rawValue);
    if (value === null) {
      problems.push({
        line: lineNumber,
        message:
          rawValue === undefined || rawValue === "" ? "missing value" : `value "${rawValue}" is not a number`,
      });
      return;
    }
    let time: number | null = null;
    let rawTime: string | number | null = null;
    if (timeColumn >= 0) {
      const cell = cells[timeColumn] ?? "";
      const parsed =
        cell === "" ? ({ ok: false, message: "missing timestamp" } as const) : parseTimestamp(cell);
      if (!parsed.ok) {
        problems.push({ line: lineNumber, message: parsed.message });
        return;
      }
      time = parsed.time;
      rawTime = parseNumber(cell) ?? cell;
    }
    series.values.push(value);
    series.times.push(time);
    series.rawTimes.push(rawTime);
    lineOf.set(series.values.length - 1, lineNumber);
  });
  return finish(series, problems, (index) => lineOf.get(index) ?? 0);
}

function parseJsonSeries(text: string): ParseResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    const line = position === undefined ? 1 : lineAtOffset(text, Number(position));
    return { ok: false, problems: [{ line, message: `not valid JSON: ${(error as Error).message}` }] };
  }
  if (!Array.isArray(parsed)) return { ok: false, problems: [{ line: 1, message: "expected a JSON array" }] };
  const starts = topLevelItemOffsets(text);
  const lineOfItem = (index: number): number => lineAtOffset(text, starts[index] ?? 0);
  const problems: SeriesProblem[] = [];
  const series: ParsedSeries = { values: [], times: [], rawTimes: [] };
  parsed.forEach((item: unknown, index) => {
    const line = lineOfItem(index);
    if (typeof item === "number") {
      series.values.push(item);
      series.times.push(null);
      series.rawTimes.push(null);
      return;
    }
    if (typeof item !== "object" || item === null || !("v" in item)) {
      problems.push({
        line,
        message: `item ${index + 1} is neither a number nor an object with "t" and "v"`,
      });
      return;
    }
    const record = item as { t?: unknown; v?: unknown };
    if (typeof record.v !== "number" || !Number.isFinite(record.v)) {
      problems.push({ line, message: `item ${index + 1}: "v" must be a number` });
      return;
    }
    let time: number | null = null;
    let rawTime: string | number | null = null;
    if (record.t !== undefined && record.t !== null) {
      if (typeof record.t !== "string" && typeof record.t !== "number") {
        problems.push({
          line,
          message: `item ${index + 1}: "t" must be an ISO timestamp or an epoch number`,
        });
        return;
      }
      const timestamp = parseTimestamp(record.t);
      if (!timestamp.ok) {
        problems.push({ line, message: `item ${index + 1}: ${timestamp.message}` });
        return;
      }
      time = timestamp.time;
      rawTime = record.t;
    }
    series.values.push(record.v);
    series.times.push(time);
    series.rawTimes.push(rawTime);
  });
  return finish(series, problems, (index) => lineOfItem(index));
}

/** Final checks shared by both formats: something to analyse, and time moving forwards. */
function finish(
  series: ParsedSeries,
  problems: SeriesProblem[],
  lineOfValue: (index: number) => number,
): ParseResult {
  const known = series.times.filter((t) => t !== null).length;
  if (known > 0 && known < series.times.length) {
    problems.push({ line: 1, message: "some rows have a timestamp and some do not: give all or none" });
  }
  for (let i = 1; i < series.times.length && problems.length === 0; i++) {
    const previous = series.times[i - 1];
    const current = series.times[i];
    if (
      previous !== null &&
      previous !== undefined &&
      current !== null &&
      current !== undefined &&
      current < previous
    ) {
      problems.push({
        line: lineOfValue(i),
        message: "timestamps must not go back in time: sort the rows by timestamp",
      });
    }
  }
  if (problems.length === 0 && series.values.length === 0)
    problems.push({ line: 1, message: "no values found" });
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS) {
      shown.push({
        line: problems[MAX_PROBLEMS]?.line ?? 0,
        message: `…and ${problems.length - MAX_PROBLEMS} more problems`,
      });
    }
    return { ok: false, problems: shown };
  }
  return { ok: true, series };
}

function lineAtOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/** Offsets where each top-level item of a JSON array starts (strings and nesting skipped). */
function topLevelItemOffsets(text: string): number[] {
  const starts: number[] = [];
  let depth = 0;
  let inString = false;
  let expectItem = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i += 1;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === " " || c === "\n" || c === "\r" || c === "\t") continue;
    if (depth === 1 && expectItem && c !== "]") {
      starts.push(i);
      expectItem = false;
    }
    if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      depth += 1;
      if (depth === 1) expectItem = true;
    } else if (c === "]" || c === "}") depth -= 1;
    else if (c === "," && depth === 1) expectItem = true;
  }
  return starts;
}
