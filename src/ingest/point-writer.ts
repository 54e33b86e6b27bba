import { sql } from "kysely";
import type { Tx } from "../store/database.js";
import type { PointRow } from "../store/points.js";

// Hours first: days are combined from them.
const GRANULARITIES = [
  ["hour", 3_600_000],
  ["day", 86_400_000],
] as const;

/**
 * Writes derived points (OTLP minutes, FOCUS days) inside the caller's transaction, so that the
 * state they are derived from and the points commit together or not at all. Same semantics as
 * writePoints in src/store/points.ts, which owns its own transaction: upsert by (signal, t, source),
 * then recompute the hourly and daily rollups the points touch from the raw points. `removed` are
 * (signal, t, source) keys to delete first, e.g. a FOCUS day whose charges were all undone.
 */
export async function writeDerivedPoints(
  tx: Tx,
  rows: readonly PointRow[],
  receivedAt: string,
  removed: ReadonlyArray<Pick<PointRow, "signalId" | "t" | "source">> = [],
): Promise<void> {
  for (const r of removed) {
    await tx
      .deleteFrom("points")
      .where("signalId", "=", r.signalId)
      .where("t", "=", r.t)
      .where("source", "=", r.source)
      .execute();
  }
  for (let i = 0; i < rows.length; i += 1000) {
    await tx
      .insertInto("points")
      .values(rows.slice(i, i + 1000).map((r) => ({ ...r })))
      .onConflict((oc) =>
        oc.columns(["signalId", "t", "source"]).doUpdateSet((eb) => ({
          value: eb.ref("excluded.value"),
          denominator: eb.ref("excluded.denominator"),
        })),
      )
      .execute();
  }
  const ranges = new Map<string, { from: number; to: number; last: number | null }>();
  for (const r of rows) {
    const s = ranges.get(r.signalId);
    if (!s) ranges.set(r.signalId, { from: r.t, to: r.t, last: r.t });
    else {
      s.from = Math.min(s.from, r.t);
      s.to = Math.max(s.to, r.t);
      s.last = Math.max(s.last ?? r.t, r.t);
    }
  }
  for (const r of removed) {
    const s = ranges.get(r.signalId);
    if (!s) ranges.set(r.signalId, { from: r.t, to: r.t, last: null });
    else {
      s.from = Math.min(s.from, r.t);
      s.to = Math.max(s.to, r.t);
    }
  }
  for (const [granularity, size] of GRANULARITIES) {
    // Signals whose points fall in the same buckets share one statement.
    const groups = new Map<string, { from: number; to: number; ids: string[] }>();
    for (const [signalId, s] of ranges) {
      const from = s.from - (s.from % size);
      const to = s.to - (s.to % size) + size;
      const key = `${from}:${to}`;
      const g = groups.get(key);
      if (g) g.ids.push(signalId);
      else groups.set(key, { from, to, ids: [signalId] });
    }
    for (const { from, to, ids } of groups.values())
      await refreshRollups(tx, granularity, size, ids, from, to, removed.length > 0);
  }
  // Signals whose newest point is the same time share one statement (usually all of a batch's).
  const byLast = new Map<number, string[]>();
  for (const [signalId, s] of ranges) {
    if (s.last === null) continue;
    const ids = byLast.get(s.last);
    if (ids) ids.push(signalId);
    else byLast.set(s.last, [signalId]);
  }
  for (const [last, ids] of byLast) {
    await sql`UPDATE signals SET
        last_point_t = CASE WHEN last_point_t IS NULL OR last_point_t < ${last} THEN ${last} ELSE last_point_t END,
        last_received_at = ${receivedAt}
      WHERE id IN (${sql.join(ids)})`.execute(tx);
  }
}

// Bucket starts use t - (t % size) with the size as a literal: SQLite binds JS numbers as REAL, so
// a bound divisor would not truncate.
async function refreshRollups(
  tx: Tx,
  granularity: string,
  size: number,
  signalIds: string[],
  from: number,
  to: number,
  pointsRemoved: boolean,
): Promise<void> {
  const ids = sql.join(signalIds);
  // Days are combined from their (just refreshed) hours: the same numbers as from the raw points,
  // but at most 24 rows per signal instead of up to 1,440 minutes.
  const source =
    granularity === "day"
      ? sql`SELECT signal_id, ${sql.lit(granularity)}, start - (start % ${sql.lit(size)}) AS bucket, sum(count), sum(sum),
          min(min), max(max), sum(denominator_sum)
        FROM rollups
        WHERE granularity = 'hour' AND signal_id IN (${ids}) AND start >= ${from} AND start < ${to}
        GROUP BY signal_id, bucket`
      : sql`SELECT signal_id, ${sql.lit(granularity)}, t - (t % ${sql.lit(size)}) AS bucket, count(*), sum(value),
          min(value), max(value), sum(coalesce(denominator, 1))
        FROM points
        WHERE signal_id IN (${ids}) AND t >= ${from} AND t < ${to}
        GROUP BY signal_id, bucket`;
  await sql`INSERT INTO rollups (signal_id, granularity, start, count, sum, min, max, denominator_sum)
    ${source}
    ON CONFLICT (signal_id, granularity, start) DO UPDATE SET
      count = excluded.count, sum = excluded.sum, min = excluded.min, max = excluded.max,
      denominator_sum = excluded.denominator_sum`.execute(tx);
  // Upserting cannot empty a bucket; only removed points can.
  if (!pointsRemoved) return;
  await sql`DELETE FROM rollups
    WHERE signal_id IN (${ids}) AND granularity = ${granularity} AND start >= ${from} AND start < ${to}
      AND NOT EXISTS (SELECT 1 FROM points p WHERE p.signal_id = rollups.signal_id
        AND p.t >= rollups.start AND p.t < rollups.start + ${sql.lit(size)})`.execute(tx);
}
