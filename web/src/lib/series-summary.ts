// Readings of a daily series that a chart's caption and table share: weekly rows, the lowest and
// highest day, and how many days sat beyond a limit's line.

export interface DailyPoint {
  t: number;
  v: number;
}

export interface LimitLine {
  id: string;
  threshold: number;
  comparator: "above" | "below";
}

export interface WeekRow {
  /** Monday of the week, epoch ms (UTC). */
  start: number;
  days: number;
  /** The week's total for summed signals, its average otherwise. */
  value: number;
  low: number;
  high: number;
  /** Days beyond each limit's line, by limit id. */
  beyond: Record<string, number>;
}

const DAY = 86_400_000;

export function mondayOf(t: number): number {
  const day = Math.floor(t / DAY);
  // 1 Jan 1970 was a Thursday: (day + 3) % 7 is 0 on Mondays.
  return (day - ((day + 3) % 7)) * DAY;
}

export function isBeyond(value: number, limit: LimitLine): boolean {
  return limit.comparator === "above" ? value > limit.threshold : value < limit.threshold;
}

/**
 * One row per calendar week (Monday to Sunday, UTC), oldest first. `beyond` flags, per limit, the
 * days on which the limit's window value was past its threshold.
 */
export function weeklyRows(
  points: DailyPoint[],
  summed: boolean,
  beyond: Record<string, boolean[]> = {},
): WeekRow[] {
  const rows = new Map<number, { values: number[]; beyond: Record<string, number> }>();
  points.forEach((p, i) => {
    const start = mondayOf(p.t);
    let row = rows.get(start);
    if (!row) {
      row = { values: [], beyond: {} };
      rows.set(start, row);
    }
    row.values.push(p.v);
    for (const [id, flags] of Object.entries(beyond)) {
      if (flags[i]) row.beyond[id] = (row.beyond[id] ?? 0) + 1;
    }
  });
  return [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([start, row]) => {
      const total = row.values.reduce((sum, v) => sum + v, 0);
      return {
        start,
        days: row.values.length,
        value: summed ? total : total / row.values.length,
        low: Math.min(...row.values),
        high: Math.max(...row.values),
        beyond: row.beyond,
      };
    });
}

export function extremes(points: DailyPoint[]): { low: DailyPoint; high: DailyPoint } | null {
  if (points.length === 0) return null;
  let low = points[0] as DailyPoint;
  let high = low;
  for (const p of points) {
    if (p.v < low.v) low = p;
    if (p.v > high.v) high = p;
  }
  return { low, high };
}
