import type { RowProblem } from "../contract/signals.js";

/** Points older than 2000-01-01 or beyond 2100 are almost certainly unit mistakes (seconds vs ms). */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

export interface CleanPoint {
  signalRef: string | null;
  t: number;
  value: number;
  denominator: number | null;
  source: string;
}

export type RowCheck = { ok: true; point: CleanPoint } | { ok: false; reason: string };

/** Values beyond this would overflow sums and burn rates into Infinity. */
export const MAX_POINT_MAGNITUDE = 1e15;
const UNSTORABLE = /\u0000|\p{Cs}/u;

function num(v: unknown): number | null {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  return Number.isFinite(n) && Math.abs(n) <= MAX_POINT_MAGNITUDE ? n : null;
}

/** Reads a time with a zone (ISO 8601) or epoch milliseconds into epoch milliseconds. */
export function pointTime(raw: unknown): { ok: true; t: number } | { ok: false; reason: string } {
  let t: number;
  if (typeof raw === "number" || (typeof raw === "string" && /^\d+(\.\d+)?$/.test(raw.trim()))) {
    t = Number(raw);
  } else if (typeof raw === "string") {
    if (!ZONED_ISO.test(raw.trim())) {
      return {
        ok: false,
        reason: `t "${raw.slice(0, 40)}" needs a time zone, e.g. 2026-11-28T10:00:00Z or +01:00`,
      };
    }
    t = Date.parse(raw.trim());
  } else {
    return { ok: false, reason: "t is missing: send an ISO-8601 time with a zone or epoch milliseconds" };
  }
  if (!Number.isFinite(t))
    return { ok: false, reason: `t "${String(raw).slice(0, 40)}" is not a valid time` };
  if (t < EARLIEST || t >= LATEST) {
    return {
      ok: false,
      reason: `t ${String(raw).slice(0, 40)} is outside 2000-2100; epoch times must be in milliseconds`,
    };
  }
  return { ok: true, t: Math.round(t) };
}

/**
 * Checks one incoming point (from JSON, NDJSON or CSV) and says exactly what is wrong with it, so
 * good rows can be stored and bad ones reported by line.
 */
export function checkPointRow(row: unknown): RowCheck {
  if (row === null || typeof row !== "object" || Array.isArray(row)) {
    return { ok: false, reason: 'each point must be an object like {"t": "2026-11-28T10:00:00Z", "v": 1.5}' };
  }
  const r = row as Record<string, unknown>;
  const time = pointTime(r.t ?? r.timestamp ?? r.time);
  if (!time.ok) return time;
  const value = num(r.v ?? r.value);
  if (value === null)
    return {
      ok: false,
      reason: `v must be a number between -${MAX_POINT_MAGNITUDE} and ${MAX_POINT_MAGNITUDE}`,
    };
  const rawDen = r.n ?? r.denominator;
  let denominator: number | null = null;
  if (rawDen !== undefined && rawDen !== null && rawDen !== "") {
    denominator = num(rawDen);
    if (denominator === null || denominator < 0)
      return { ok: false, reason: "n (denominator) must be a number of at least 0" };
  }
  const rawSource = r.source ?? "";
  if (typeof rawSource !== "string" || rawSource.length > 100)
    return { ok: false, reason: "source must be text of at most 100 characters" };
  const rawSignal = r.signal ?? null;
  if (
    rawSignal !== null &&
    (typeof rawSignal !== "string" || rawSignal.length > 200 || UNSTORABLE.test(rawSignal))
  ) {
    return { ok: false, reason: 'signal must be "system-key/signal-key" or a signal id' };
  }
  return { ok: true, point: { signalRef: rawSignal, t: time.t, value, denominator, source: rawSource } };
}

export const MAX_REPORTED_PROBLEMS = 1000;

/** Collects problems, keeping the first thousand for the response while counting them all. */
export class ProblemList {
  readonly items: RowProblem[] = [];
  count = 0;
  add(line: number, reason: string): void {
    this.count += 1;
    if (this.items.length < MAX_REPORTED_PROBLEMS) this.items.push({ line, reason });
  }
}
