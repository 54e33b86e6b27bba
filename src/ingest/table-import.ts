/**
 * Column mapping for generic CSV and NDJSON files: which column holds the time, the value, the
 * optional denominator, source and signal, and how to read the time. Pure: the CLI streams rows
 * through mapTableRow and hands the results to the ordinary point ingestion.
 */

export const TIME_FORMATS = ["auto", "iso", "epoch-ms", "epoch-s"] as const;
export type TimeFormat = (typeof TIME_FORMATS)[number];

export interface TableMapping {
  timeColumn: string;
  valueColumn: string;
  denominatorColumn?: string | undefined;
  sourceColumn?: string | undefined;
  /** A fixed source for every row (when no source column is named). */
  source?: string | undefined;
  signalColumn?: string | undefined;
  timeFormat: TimeFormat;
  /** Read times without a zone ("2026-05-01 10:00") as UTC instead of refusing them. */
  utc: boolean;
  /** Multiplies every value (not the denominator), e.g. 0.01 for cents into dollars. */
  scale: number;
}

export interface MappedPoint {
  t: number;
  v: number;
  n?: number;
  source: string;
  signal?: string;
}

export type MappedRow = { ok: true; point: MappedPoint } | { ok: false; reason: string };

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ZONED = /(Z|[+-]\d{2}:?\d{2})$/i;
const NAIVE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;

/** A cell by column name or, for nested JSON, a dotted path like "usage.cost". */
export function cell(record: Record<string, unknown>, column: string): unknown {
  if (column in record) return record[column];
  const lower = column.toLowerCase();
  const found = Object.keys(record).find((k) => k.toLowerCase() === lower);
  if (found !== undefined) return record[found];
  if (!column.includes(".")) return undefined;
  let current: unknown = record;
  for (const part of column.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Epoch milliseconds from a cell, per the chosen format; says why when it cannot. */
export function readTime(
  raw: unknown,
  format: TimeFormat,
  utc: boolean,
): { ok: true; t: number } | { ok: false; reason: string } {
  if (raw === undefined || raw === null || raw === "")
    return { ok: false, reason: "the time column is empty" };
  const text = String(raw).trim();
  const numeric = /^-?\d+(\.\d+)?$/.test(text);
  if (format === "epoch-ms" || format === "epoch-s") {
    if (!numeric) return { ok: false, reason: `"${text.slice(0, 40)}" is not an epoch number` };
    return { ok: true, t: Math.round(Number(text) * (format === "epoch-s" ? 1000 : 1)) };
  }
  if (numeric) {
    if (format === "iso")
      return { ok: false, reason: `"${text.slice(0, 40)}" is a number, not an ISO 8601 time` };
    // Ten-digit epochs are seconds, thirteen-digit ones milliseconds (years 1973 to 5138 either way).
    const n = Number(text);
    return { ok: true, t: Math.round(n < 1e11 ? n * 1000 : n) };
  }
  let iso = text;
  if (DATE_ONLY.test(text)) iso = `${text}T00:00:00Z`;
  else if (NAIVE.test(text)) {
    if (!utc)
      return {
        ok: false,
        reason: `"${text}" has no time zone; add one (Z, +02:00) or pass --utc to read it as UTC`,
      };
    iso = `${text.replace(" ", "T")}Z`;
  } else if (!ZONED.test(text))
    return { ok: false, reason: `"${text.slice(0, 40)}" is not an ISO 8601 time` };
  const t = Date.parse(iso.replace(" ", "T"));
  return Number.isFinite(t)
    ? { ok: true, t }
    : { ok: false, reason: `"${text.slice(0, 40)}" is not a valid time` };
}

function number(raw: unknown): number | null {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== "string" || raw.trim() === "") return null;
  const n = Number(raw.trim());
  return Number.isFinite(n) ? n : null;
}

/** One row through the mapping: a point for the ordinary ingestion, or the reason it is unusable. */
export function mapTableRow(record: Record<string, unknown>, mapping: TableMapping): MappedRow {
  const time = readTime(cell(record, mapping.timeColumn), mapping.timeFormat, mapping.utc);
  if (!time.ok) return time;
  const rawValue = cell(record, mapping.valueColumn);
  const value = number(rawValue);
  if (value === null)
    return {
      ok: false,
      reason:
        rawValue === undefined
          ? `there is no column "${mapping.valueColumn}"`
          : `"${String(rawValue).slice(0, 40)}" in ${mapping.valueColumn} is not a number`,
    };
  const point: MappedPoint = { t: time.t, v: value * mapping.scale, source: mapping.source ?? "" };
  if (mapping.denominatorColumn) {
    const n = number(cell(record, mapping.denominatorColumn));
    if (n === null) return { ok: false, reason: `${mapping.denominatorColumn} is not a number` };
    point.n = n;
  }
  if (mapping.sourceColumn) {
    const s = cell(record, mapping.sourceColumn);
    point.source = s === undefined || s === null ? "" : String(s);
  }
  if (mapping.signalColumn) {
    const s = cell(record, mapping.signalColumn);
    if (typeof s !== "string" || s.trim() === "")
      return { ok: false, reason: `${mapping.signalColumn} names no signal` };
    point.signal = s.trim();
  }
  return { ok: true, point };
}
