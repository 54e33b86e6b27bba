import type { Database } from "./database.js";

export interface PointRow {
  signalId: string;
  t: number;
  source: string;
  value: number;
  denominator: number | null;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The latest write wins within a batch, exactly as it would across batches. Keyed by numbers per
 * (signal, source) because building a string key per point dominated the ingest profile.
 */
function dedupe(rows: readonly PointRow[]): PointRow[] {
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
  if (!duplicates) return [...rows];
  const keep = new Set<number>();
  for (const sources of seen.values())
    for (const times of sources.values()) for (const i of times.values()) keep.add(i);
  return rows.filter((_, i) => keep.has(i));
}

interface Span {
  signalId: string;
  from: number;
  to: number;
  last: number;
}

function spans(rows: readonly PointRow[]): Span[] {
  const bySignal = new Map<string, Span>();
  for (const r of rows) {
    const s = bySignal.get(r.signalId);
    if (s) {
      if (r.t < s.from) s.from = r.t;
      if (r.t > s.to) s.to = r.t;
    } else bySignal.set(r.signalId, { signalId: r.signalId, from: r.t, to: r.t, last: r.t });
  }
  for (const s of bySignal.values()) s.last = s.to;
  return [...bySignal.values()];
}

// Bucket starts use t - (t % size): SQLite binds JS numbers as REAL, so t / size would not truncate.
// Recomputes the hourly and daily buckets a batch touched from the raw points, so a re-sent point
// replaces its old value in the rollups instead of being counted twice.
const ROLLUP_SQL = (placeholder: (i: number) => string) => `
  INSERT INTO rollups (signal_id, granularity, start, count, sum, min, max, denominator_sum)
  SELECT signal_id, ${placeholder(1)}, t - (t % ${placeholder(2)}) AS bucket, count(*), sum(value), min(value), max(value), sum(coalesce(denominator, 1))
  FROM points
  WHERE signal_id = ${placeholder(3)} AND t >= ${placeholder(4)} AND t < ${placeholder(5)}
  GROUP BY signal_id, bucket
  ON CONFLICT (signal_id, granularity, start) DO UPDATE SET
    count = excluded.count, sum = excluded.sum, min = excluded.min, max = excluded.max,
    denominator_sum = excluded.denominator_sum`;

function bucketRange(span: Span, size: number): [number, number] {
  return [Math.floor(span.from / size) * size, (Math.floor(span.to / size) + 1) * size];
}

/**
 * Writes points idempotently by (signal, time, source) and refreshes the rollups they touch, all
 * in one transaction: when this resolves the points are committed, and only then are they
 * acknowledged. This is the ingest hot path, so it uses prepared statements directly.
 */
export async function writePoints(
  database: Database,
  input: readonly PointRow[],
  receivedAt: string,
): Promise<number> {
  if (input.length === 0) return 0;
  const rows = dedupe(input);
  const touched = spans(rows);
  if ("sqlite" in database.raw) {
    const sqlite = database.raw.sqlite;
    // Hold the builder's connection lock so no other transaction is open on this connection.
    await database.db.connection().execute(async () => {
      const upsert = sqlite.prepare(
        "INSERT INTO points (signal_id, t, source, value, denominator) VALUES (?, ?, ?, ?, ?) ON CONFLICT (signal_id, t, source) DO UPDATE SET value = excluded.value, denominator = excluded.denominator",
      );
      const rollup = sqlite.prepare(ROLLUP_SQL(() => "?"));
      const touch = sqlite.prepare(
        "UPDATE signals SET last_point_t = max(coalesce(last_point_t, 0), ?), last_received_at = ? WHERE id = ?",
      );
      sqlite.transaction(() => {
        for (const r of rows) upsert.run(r.signalId, r.t, r.source, r.value, r.denominator);
        for (const s of touched) {
          for (const [granularity, size] of [
            ["hour", HOUR_MS],
            ["day", DAY_MS],
          ] as const) {
            const [from, to] = bucketRange(s, size);
            rollup.run(granularity, size, s.signalId, from, to);
          }
          touch.run(s.last, receivedAt, s.signalId);
        }
      })();
    });
    return rows.length;
  }
  const client = await database.raw.pool.connect();
  try {
    await client.query("BEGIN");
    const chunk = 20_000;
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      await client.query(
        `INSERT INTO points (signal_id, t, source, value, denominator)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::float8[], $5::float8[])
         ON CONFLICT (signal_id, t, source) DO UPDATE SET value = excluded.value, denominator = excluded.denominator`,
        [
          part.map((r) => r.signalId),
          part.map((r) => r.t),
          part.map((r) => r.source),
          part.map((r) => r.value),
          part.map((r) => r.denominator),
        ],
      );
    }
    const sql = ROLLUP_SQL((i) => `$${i}`).replace("(t % $2)", "(t % $2::bigint)");
    for (const s of touched) {
      for (const [granularity, size] of [
        ["hour", HOUR_MS],
        ["day", DAY_MS],
      ] as const) {
        const [from, to] = bucketRange(s, size);
        await client.query(sql.replace("SELECT signal_id, $1,", "SELECT signal_id, $1::text,"), [
          granularity,
          size,
          s.signalId,
          from,
          to,
        ]);
      }
      await client.query(
        "UPDATE signals SET last_point_t = greatest(coalesce(last_point_t, 0), $1), last_received_at = $2 WHERE id = $3",
        [s.last, receivedAt, s.signalId],
      );
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  return rows.length;
}
