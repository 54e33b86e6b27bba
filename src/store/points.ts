import { CompiledQuery } from "kysely";
import { inTransaction, type Database, type Db, type Tx } from "./database.js";
import { dialectOf } from "./dialect.js";

export interface PointRow {
  signalId: string;
  t: number;
  source: string;
  value: number;
  denominator: number | null;
}

export type PointKey = Pick<PointRow, "signalId" | "t" | "source">;

// Hours first: days are combined from them.
const GRANULARITIES = [
  ["hour", 3_600_000],
  ["day", 86_400_000],
] as const;

/** Rows per INSERT on SQLite: 5 parameters each, far below SQLite's 32,766 parameter limit. */
const SQLITE_ROWS_PER_INSERT = 200;
/** Rows per unnest() INSERT on PostgreSQL. */
const PG_ROWS_PER_INSERT = 20_000;
/** Touched buckets closer than this many buckets apart are refreshed by one statement. */
const MERGE_GAP_BUCKETS = 24;

/**
 * Writes points idempotently by (signal, time, source) and refreshes the rollups they touch, in one
 * transaction: when this resolves the points are committed, and only then are they acknowledged.
 */
export async function writePoints(
  database: Database,
  rows: readonly PointRow[],
  receivedAt: string,
): Promise<number> {
  if (rows.length === 0) return 0;
  await inTransaction(database.db, (tx) => writePointsInTransaction(tx, rows, receivedAt));
  return rows.length;
}

/**
 * Writes points inside the caller's transaction (so derived points, e.g. OTLP minutes or FOCUS
 * days, commit together with the state they come from): upsert by (signal, t, source), the latest
 * of duplicates within a batch winning as it would across batches; then recompute, from the raw
 * points, the hourly rollups of the hours the batch touched and the daily ones from those hours, so
 * a re-sent or late point replaces its old value instead of being counted twice. `removed` are
 * keys to delete first (a FOCUS day whose charges were all undone).
 *
 * This is the ingest hot path: statements are built once per shape and executed with raw
 * parameters (multi-row VALUES on SQLite, unnest() on PostgreSQL), no per-row query building.
 */
export async function writePointsInTransaction(
  tx: Tx,
  rows: readonly PointRow[],
  receivedAt: string,
  removed: readonly PointKey[] = [],
): Promise<void> {
  if (rows.length === 0 && removed.length === 0) return;
  const postgres = dialectOf(tx) === "postgres";
  for (const r of removed) {
    await tx.executeQuery(
      CompiledQuery.raw(
        postgres
          ? "DELETE FROM points WHERE signal_id = $1 AND t = $2 AND source = $3"
          : "DELETE FROM points WHERE signal_id = ? AND t = ? AND source = ?",
        [r.signalId, r.t, r.source],
      ),
    );
  }
  if (postgres) await upsertPostgres(tx, dedupe(rows));
  else await upsertSqlite(tx, rows);

  const touched = touchedBySignal(rows, removed);
  for (const [granularity, size] of GRANULARITIES) {
    for (const [signalId, t] of touched) {
      for (const [from, to] of bucketRuns(t.times, size)) {
        await refreshRollups(tx, postgres, granularity, size, signalId, from, to, removed.length > 0);
      }
    }
  }
  for (const [signalId, t] of touched) {
    if (t.last === null) continue;
    await tx.executeQuery(
      CompiledQuery.raw(
        postgres
          ? "UPDATE signals SET last_point_t = greatest(coalesce(last_point_t, 0), $1), last_received_at = $2 WHERE id = $3"
          : "UPDATE signals SET last_point_t = max(coalesce(last_point_t, 0), ?), last_received_at = ? WHERE id = ?",
        [t.last, receivedAt, signalId],
      ),
    );
  }
}

/** The i-th (1-based) parameter placeholder. */
const p = (postgres: boolean, i: number) => (postgres ? `$${i}` : "?");

const UPSERT_TAIL =
  "ON CONFLICT (signal_id, t, source) DO UPDATE SET value = excluded.value, denominator = excluded.denominator";

const sqliteInsert = (n: number) =>
  `INSERT INTO points (signal_id, t, source, value, denominator) VALUES ${Array.from({ length: n }, () => "(?, ?, ?, ?, ?)").join(", ")} ${UPSERT_TAIL}`;
const FULL_SQLITE_INSERT = sqliteInsert(SQLITE_ROWS_PER_INSERT);

/**
 * SQLite applies the rows of a statement, and statements, in order, so a later duplicate simply
 * overwrites an earlier one: no de-duplication pass is needed. One statement text for all full
 * chunks, so the prepared statement is reused.
 */
async function upsertSqlite(tx: Tx, rows: readonly PointRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += SQLITE_ROWS_PER_INSERT) {
    const end = Math.min(rows.length, start + SQLITE_ROWS_PER_INSERT);
    const params: unknown[] = new Array((end - start) * 5);
    let k = 0;
    for (let i = start; i < end; i++) {
      const r = rows[i]!;
      params[k++] = r.signalId;
      params[k++] = r.t;
      params[k++] = r.source;
      params[k++] = r.value;
      params[k++] = r.denominator;
    }
    const text = end - start === SQLITE_ROWS_PER_INSERT ? FULL_SQLITE_INSERT : sqliteInsert(end - start);
    await tx.executeQuery(CompiledQuery.raw(text, params));
  }
}

async function upsertPostgres(tx: Tx, rows: readonly PointRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += PG_ROWS_PER_INSERT) {
    const part = rows.slice(start, start + PG_ROWS_PER_INSERT);
    await tx.executeQuery(
      CompiledQuery.raw(
        `INSERT INTO points (signal_id, t, source, value, denominator)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::float8[], $5::float8[]) ${UPSERT_TAIL}`,
        [
          part.map((r) => r.signalId),
          part.map((r) => r.t),
          part.map((r) => r.source),
          part.map((r) => r.value),
          part.map((r) => r.denominator),
        ],
      ),
    );
  }
}

/**
 * PostgreSQL refuses to update one row twice in a statement, so within a batch the latest write of
 * a key is kept, exactly as it would win across batches. A batch with strictly increasing times
 * per signal and source (the usual case) has no duplicates and is returned as it is.
 */
function dedupe(rows: readonly PointRow[]): readonly PointRow[] {
  let ordered = true;
  for (let i = 1; i < rows.length && ordered; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    if (a.signalId !== b.signalId || a.source !== b.source || a.t >= b.t) ordered = false;
  }
  if (ordered) return rows;
  const seen = new Map<string, Map<string, Map<number, number>>>();
  let duplicates = false;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    let sources = seen.get(r.signalId);
    if (!sources) seen.set(r.signalId, (sources = new Map()));
    let times = sources.get(r.source);
    if (!times) sources.set(r.source, (times = new Map()));
    if (times.has(r.t)) duplicates = true;
    times.set(r.t, i);
  }
  if (!duplicates) return rows;
  const keep = new Set<number>();
  for (const sources of seen.values())
    for (const times of sources.values()) for (const i of times.values()) keep.add(i);
  return rows.filter((_, i) => keep.has(i));
}

interface Touched {
  /** Times written or removed, in no particular order. */
  times: number[];
  /** The newest written time, or null when only points were removed. */
  last: number | null;
}

function touchedBySignal(rows: readonly PointRow[], removed: readonly PointKey[]): Map<string, Touched> {
  const touched = new Map<string, Touched>();
  let current: Touched | undefined;
  let currentId = "";
  for (const r of rows) {
    if (r.signalId !== currentId || !current) {
      currentId = r.signalId;
      current = touched.get(currentId);
      if (!current) touched.set(currentId, (current = { times: [], last: null }));
    }
    current.times.push(r.t);
    if (current.last === null || r.t > current.last) current.last = r.t;
  }
  for (const r of removed) {
    let t = touched.get(r.signalId);
    if (!t) touched.set(r.signalId, (t = { times: [], last: null }));
    t.times.push(r.t);
  }
  return touched;
}

/**
 * The [from, to) ranges of `size` buckets holding these times: contiguous touched buckets form one
 * range, and gaps of a day's worth of buckets or less are bridged, so a backfill is one range and
 * scattered late points stay a few small ones instead of one range over the years between them.
 */
function bucketRuns(times: readonly number[], size: number): Array<[number, number]> {
  const buckets = [...new Set(times.map((t) => t - (t % size)))].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const b of buckets) {
    const last = runs[runs.length - 1];
    if (last && b <= last[1] + MERGE_GAP_BUCKETS * size) last[1] = b + size;
    else runs.push([b, b + size]);
  }
  return runs;
}

// Bucket starts use t - (t % size) with the size as a literal: SQLite binds JS numbers as REAL, so
// a bound divisor would not truncate.
async function refreshRollups(
  tx: Tx | Db,
  postgres: boolean,
  granularity: "hour" | "day",
  size: number,
  signalId: string,
  from: number,
  to: number,
  pointsRemoved: boolean,
): Promise<void> {
  // Days are combined from their (just refreshed) hours: the same numbers as from the raw points,
  // but at most 24 rows per day instead of up to 86,400 points.
  const source =
    granularity === "day"
      ? `SELECT signal_id, 'day', start - (start % ${size}) AS bucket, sum(count), sum(sum), min(min), max(max), sum(denominator_sum)
         FROM rollups
         WHERE signal_id = ${p(postgres, 1)} AND granularity = 'hour' AND start >= ${p(postgres, 2)} AND start < ${p(postgres, 3)}
         GROUP BY signal_id, bucket`
      : `SELECT signal_id, 'hour', t - (t % ${size}) AS bucket, count(*), sum(value), min(value), max(value), sum(coalesce(denominator, 1))
         FROM points
         WHERE signal_id = ${p(postgres, 1)} AND t >= ${p(postgres, 2)} AND t < ${p(postgres, 3)}
         GROUP BY signal_id, bucket`;
  await tx.executeQuery(
    CompiledQuery.raw(
      `INSERT INTO rollups (signal_id, granularity, start, count, sum, min, max, denominator_sum)
       ${source}
       ON CONFLICT (signal_id, granularity, start) DO UPDATE SET
         count = excluded.count, sum = excluded.sum, min = excluded.min, max = excluded.max,
         denominator_sum = excluded.denominator_sum`,
      [signalId, from, to],
    ),
  );
  // Upserting cannot empty a bucket; only removed points can.
  if (!pointsRemoved) return;
  await tx.executeQuery(
    CompiledQuery.raw(
      `DELETE FROM rollups
       WHERE signal_id = ${p(postgres, 1)} AND granularity = '${granularity}' AND start >= ${p(postgres, 2)} AND start < ${p(postgres, 3)}
         AND NOT EXISTS (SELECT 1 FROM points q WHERE q.signal_id = rollups.signal_id
           AND q.t >= rollups.start AND q.t < rollups.start + ${size})`,
      [signalId, from, to],
    ),
  );
}
