// The point writer's rollups must equal a recomputation from the raw points after any sequence of
// batches: duplicates within a batch, re-sent and late points, several signals and sources, points
// far apart in time, and removed points (as FOCUS undo sends them).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction, type Database } from "../../src/store/database.js";
import {
  writePoints,
  writePointsInTransaction,
  type PointKey,
  type PointRow,
} from "../../src/store/points.js";
import { DIALECTS, freshDatabase } from "./harness.js";

const HOUR = 3_600_000;
const DAY = 86_400_000;
const BASE = Date.UTC(2025, 0, 1);
const SIGNALS = ["sig-a", "sig-b"];

async function seedSignals(database: Database): Promise<void> {
  const at = "2025-01-01T00:00:00.000Z";
  await database.db
    .insertInto("systems")
    .values({
      id: "sys",
      key: "sys",
      name: "Sys",
      purpose: "",
      expectedOutcome: "",
      valueAmount: null,
      valueCurrency: null,
      targetDate: null,
      stage: "idea",
      leadershipOwnerId: null,
      engineeringOwnerId: null,
      models: "[]",
      dataSources: "[]",
      dependencies: "[]",
      usersReached: "internal",
      scaleNow: "",
      scalePlanned: "",
      createdAt: at,
      updatedAt: at,
      version: 1,
    })
    .execute();
  for (const id of SIGNALS)
    await database.db
      .insertInto("signals")
      .values({
        id,
        systemId: "sys",
        key: id,
        name: id,
        kind: "cost",
        unit: "",
        direction: "higher_is_worse",
        aggregation: "sum",
        quantile: null,
        description: "",
        createdAt: at,
        lastPointT: null,
        lastReceivedAt: null,
      })
      .execute();
}

type Rollup = {
  signalId: string;
  granularity: string;
  start: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  denominatorSum: number;
};

/** Rollups as they should be: recomputed from the raw points in memory. */
function expectedRollups(points: Map<string, PointRow>): Rollup[] {
  const out = new Map<string, Rollup>();
  for (const pt of points.values()) {
    for (const [granularity, size] of [
      ["hour", HOUR],
      ["day", DAY],
    ] as const) {
      const start = pt.t - (pt.t % size);
      const key = `${pt.signalId}|${granularity}|${start}`;
      const r = out.get(key);
      const den = pt.denominator ?? 1;
      if (!r)
        out.set(key, {
          signalId: pt.signalId,
          granularity,
          start,
          count: 1,
          sum: pt.value,
          min: pt.value,
          max: pt.value,
          denominatorSum: den,
        });
      else {
        r.count += 1;
        r.sum += pt.value;
        r.min = Math.min(r.min, pt.value);
        r.max = Math.max(r.max, pt.value);
        r.denominatorSum += den;
      }
    }
  }
  return [...out.values()].sort(byKey);
}

const byKey = (a: Rollup, b: Rollup) =>
  a.signalId.localeCompare(b.signalId) || a.granularity.localeCompare(b.granularity) || a.start - b.start;

async function storedRollups(database: Database): Promise<Rollup[]> {
  const rows = await database.db.selectFrom("rollups").selectAll().execute();
  return rows
    .map((r) => ({
      signalId: r.signalId,
      granularity: r.granularity,
      start: Number(r.start),
      count: Number(r.count),
      sum: Number(r.sum),
      min: Number(r.min),
      max: Number(r.max),
      denominatorSum: Number(r.denominatorSum),
    }))
    .sort(byKey);
}

// Integer values keep sums exact in floating point, so equality can be exact too.
const point = fc.record({
  signalId: fc.constantFrom(...SIGNALS),
  // Mostly within a few days, sometimes months away: runs of buckets and gaps between them.
  t: fc.oneof(
    fc.integer({ min: 0, max: 3 * DAY }).map((o) => BASE + o),
    fc.integer({ min: 0, max: 400 }).map((d) => BASE + d * DAY + 7 * HOUR),
  ),
  source: fc.constantFrom("", "billing"),
  value: fc.integer({ min: -1000, max: 1000 }),
  denominator: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
});
const step = fc.record({
  points: fc.array(point, { maxLength: 60 }),
  /** Indexes into the points written so far, to remove (as a FOCUS undo does). */
  remove: fc.array(fc.nat(), { maxLength: 5 }),
});

describe.each(DIALECTS)("point writer rollups [%s]", (dialect) => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await freshDatabase(dialect));
    await seedSignals(database);
  });
  afterAll(() => drop());

  it("equal a recomputation from the raw points after any sequence of batches and removals", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        await database.db.deleteFrom("rollups").execute();
        await database.db.deleteFrom("points").execute();
        const model = new Map<string, PointRow>();
        const key = (r: PointKey) => `${r.signalId}|${r.t}|${r.source}`;
        for (const s of steps) {
          const known = [...model.values()];
          const removed: PointKey[] = s.remove
            .filter(() => known.length > 0)
            .map((i) => known[i % known.length]!)
            .map(({ signalId, t, source }) => ({ signalId, t, source }));
          if (removed.length > 0) {
            await inTransaction(database.db, (tx) =>
              writePointsInTransaction(tx, s.points, "2025-01-01T00:00:00.000Z", removed),
            );
            for (const r of removed) model.delete(key(r));
          } else await writePoints(database, s.points, "2025-01-01T00:00:00.000Z");
          for (const pt of s.points) model.set(key(pt), pt);
        }
        expect(await storedRollups(database)).toEqual(expectedRollups(model));
        const stored = await database.db
          .selectFrom("points")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow();
        expect(Number(stored.n)).toBe(model.size);
      }),
      { numRuns: dialect === "sqlite" ? 60 : 25 },
    );
  });

  it("keeps the newest point time of each signal", async () => {
    await writePoints(
      database,
      [{ signalId: "sig-a", t: BASE + 500 * DAY, source: "", value: 1, denominator: null }],
      "x",
    );
    await writePoints(
      database,
      [{ signalId: "sig-a", t: BASE + DAY, source: "", value: 1, denominator: null }],
      "y",
    );
    const row = await database.db
      .selectFrom("signals")
      .select(["lastPointT", "lastReceivedAt"])
      .where("id", "=", "sig-a")
      .executeTakeFirstOrThrow();
    expect([Number(row.lastPointT), row.lastReceivedAt]).toEqual([BASE + 500 * DAY, "y"]);
  });
});
