import type { Series, Signal } from "../contract/signals.js";
import type { Direction, SignalKind } from "../core/signals/types.js";
import { notFound } from "../core/errors.js";
import type { Db } from "./database.js";
import type { SignalsTable } from "./schema.js";

export function presentSignal(row: SignalsTable, systemKey: string): Signal {
  return {
    id: row.id,
    systemId: row.systemId,
    systemKey,
    key: row.key,
    name: row.name,
    kind: row.kind as SignalKind,
    unit: row.unit,
    direction: row.direction as Direction,
    aggregation: row.aggregation as Signal["aggregation"],
    quantile: row.quantile === null ? null : Number(row.quantile),
    description: row.description,
    createdAt: row.createdAt,
    lastPointAt: row.lastPointT === null ? null : new Date(Number(row.lastPointT)).toISOString(),
    lastReceivedAt: row.lastReceivedAt,
  };
}

export async function listSignals(db: Db, systemIds?: string[]): Promise<Signal[]> {
  let q = db
    .selectFrom("signals")
    .innerJoin("systems", "systems.id", "signals.systemId")
    .selectAll("signals")
    .select("systems.key as systemKey");
  if (systemIds) {
    if (systemIds.length === 0) return [];
    q = q.where("signals.systemId", "in", systemIds);
  }
  const rows = await q.orderBy("systems.key").orderBy("signals.key").execute();
  return rows.map(({ systemKey, ...row }) => presentSignal(row, systemKey));
}

/** A signal by id, or by "system-key/signal-key". */
export async function findSignalRow(db: Db, ref: string): Promise<SignalsTable & { systemKey: string }> {
  const [systemKey, key] = ref.includes("/") ? ref.toLowerCase().split("/", 2) : [null, null];
  let q = db
    .selectFrom("signals")
    .innerJoin("systems", "systems.id", "signals.systemId")
    .selectAll("signals")
    .select("systems.key as systemKey");
  q =
    systemKey && key
      ? q.where("systems.key", "=", systemKey).where("signals.key", "=", key)
      : q.where("signals.id", "=", ref);
  const row = await q.executeTakeFirst();
  if (!row) throw notFound("signal", ref);
  return row;
}

/** Resolves many signal references at once; unknown ones are absent from the map. */
export async function resolveSignalRefs(db: Db, refs: Iterable<string>): Promise<Map<string, string>> {
  const resolved = new Map<string, string>();
  const unique = [...new Set(refs)];
  const ids = unique.filter((r) => !r.includes("/"));
  const pairs = unique.filter((r) => r.includes("/"));
  if (ids.length) {
    for (const row of await db.selectFrom("signals").select("id").where("id", "in", ids).execute())
      resolved.set(row.id, row.id);
  }
  if (pairs.length) {
    const rows = await db
      .selectFrom("signals")
      .innerJoin("systems", "systems.id", "signals.systemId")
      .select(["signals.id", "signals.key", "systems.key as systemKey"])
      .where("systems.key", "in", [...new Set(pairs.map((p) => p.toLowerCase().split("/")[0]!))])
      .execute();
    const byPair = new Map(rows.map((r) => [`${r.systemKey}/${r.key}`, r.id]));
    for (const p of pairs) {
      const id = byPair.get(p.toLowerCase());
      if (id) resolved.set(p, id);
    }
  }
  return resolved;
}

const MAX_SERIES_POINTS = 2000;

/** Values of one bucket as the signal's aggregation defines them. */
const finiteOrNull = (n: number | null): number | null => (n === null || !Number.isFinite(n) ? null : n);

function bucketValue(
  aggregation: string,
  b: { count: number; sum: number; min: number; max: number; denominatorSum: number },
): number | null {
  if (b.count === 0) return null;
  if (aggregation === "sum") return b.sum;
  if (aggregation === "ratio") return b.denominatorSum > 0 ? b.sum / b.denominatorSum : null;
  return b.sum / b.count;
}

/**
 * A chartable series: raw points for short ranges, hourly or daily rollups for long ones, so a
 * chart over years reads a few hundred rows. Quantile signals show the bucket mean of their values.
 */
export async function readSeries(
  db: Db,
  signal: SignalsTable,
  range: { from: number; to: number; resolution: "raw" | "hour" | "day" | "auto" },
): Promise<Series> {
  let resolution = range.resolution;
  if (resolution === "auto") {
    const span = range.to - range.from;
    // Only whether there are more than MAX_SERIES_POINTS matters, so stop looking there: counting
    // every point of a busy signal was the costliest query under load.
    const beyond = await db
      .selectFrom("points")
      .select("t")
      .where("signalId", "=", signal.id)
      .where("t", ">=", range.from)
      .where("t", "<", range.to)
      .orderBy("t")
      .limit(1)
      .offset(MAX_SERIES_POINTS)
      .executeTakeFirst();
    resolution = !beyond ? "raw" : span <= MAX_SERIES_POINTS * 3_600_000 ? "hour" : "day";
  }
  if (resolution === "raw") {
    const rows = await db
      .selectFrom("points")
      .select(["t", "value", "denominator"])
      .where("signalId", "=", signal.id)
      .where("t", ">=", range.from)
      .where("t", "<", range.to)
      .orderBy("t")
      .limit(100_000)
      .execute();
    return {
      signalId: signal.id,
      resolution,
      points: rows.map((r) => {
        const v =
          signal.aggregation === "ratio"
            ? r.denominator
              ? Number(r.value) / Number(r.denominator)
              : null
            : Number(r.value);
        return { t: Number(r.t), v, count: 1, min: v, max: v };
      }),
    };
  }
  const rows = await db
    .selectFrom("rollups")
    .selectAll()
    .where("signalId", "=", signal.id)
    .where("granularity", "=", resolution)
    .where("start", ">=", range.from - (resolution === "day" ? 86_400_000 : 3_600_000))
    .where("start", "<", range.to)
    .orderBy("start")
    .execute();
  return {
    signalId: signal.id,
    resolution,
    points: rows.map((r) => {
      const b = {
        count: Number(r.count),
        sum: Number(r.sum),
        min: Number(r.min),
        max: Number(r.max),
        denominatorSum: Number(r.denominatorSum),
      };
      return {
        t: Number(r.start),
        v: finiteOrNull(bucketValue(signal.aggregation, b)),
        count: b.count,
        min: finiteOrNull(b.min),
        max: finiteOrNull(b.max),
      };
    }),
  };
}
