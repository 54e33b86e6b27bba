import { DAY_MS } from "./types.js";

/**
 * The window of completed daily values the quiet-failure detector runs over, kept per signal so a
 * new day costs one rollup read instead of two years of them. Pure: the store saves it as JSON
 * beside the signal and hands it back; `basis` names how the values were computed from rollups
 * (the signal's aggregation), so a window computed another way is never reused.
 */
export interface DailyWindow {
  basis: string;
  /** Start of each day, epoch ms, ascending and unique. */
  t: number[];
  /** The day's value; NaN where it has none (e.g. a ratio with no denominator). */
  v: number[];
}

/** One completed day, as read from the daily rollups. */
export interface DailyValue {
  t: number;
  v: number;
}

export function emptyWindow(basis: string): DailyWindow {
  return { basis, t: [], v: [] };
}

/**
 * Adds days after the window's last one and drops days that start before `from`. Days at or
 * before the last one are ignored: a change to an old day needs a full rebuild, which the caller
 * decides (late points say so).
 */
export function advanceWindow(window: DailyWindow, days: readonly DailyValue[], from: number): DailyWindow {
  const last = window.t.length > 0 ? window.t[window.t.length - 1]! : Number.NEGATIVE_INFINITY;
  let drop = 0;
  while (drop < window.t.length && window.t[drop]! < from) drop += 1;
  const t = window.t.slice(drop);
  const v = window.v.slice(drop);
  for (const day of days) {
    if (day.t <= last || day.t < from) continue;
    t.push(day.t);
    v.push(day.v);
  }
  return { basis: window.basis, t, v };
}

/**
 * JSON naming the basis, with the days (as day numbers, 32-bit) and values (64-bit floats, NaN
 * kept) as base64 of their bytes: formatting and parsing two years of decimal numbers for every
 * signal each day costs more than the rest of the bookkeeping together.
 */
export function serializeWindow(window: DailyWindow): string {
  const days = Int32Array.from(window.t, (t) => Math.round(t / DAY_MS));
  const values = Float64Array.from(window.v);
  return JSON.stringify({
    basis: window.basis,
    d: Buffer.from(days.buffer, days.byteOffset, days.byteLength).toString("base64"),
    v: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64"),
  });
}

/** The saved window, or null when there is none usable (never saved, another basis, damaged). */
export function parseWindow(text: string, basis: string): DailyWindow | null {
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof saved !== "object" || saved === null) return null;
  const { basis: savedBasis, d, v } = saved as { basis?: unknown; d?: unknown; v?: unknown };
  if (savedBasis !== basis || typeof d !== "string" || typeof v !== "string") return null;
  const dayBytes = Buffer.from(d, "base64");
  const valueBytes = Buffer.from(v, "base64");
  const n = dayBytes.length / 4;
  if (!Number.isInteger(n) || valueBytes.length !== n * 8) return null;
  // Copied into aligned arrays: a decoded Buffer may start at any offset of its pool.
  const days = new Int32Array(n);
  new Uint8Array(days.buffer).set(dayBytes);
  const values = new Float64Array(n);
  new Uint8Array(values.buffer).set(valueBytes);
  const t = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    if (i > 0 && days[i]! <= days[i - 1]!) return null;
    t[i] = days[i]! * DAY_MS;
  }
  return { basis, t, v: Array.from(values) };
}
