// The realistic workspace the API and load benchmarks run against: 500 systems at every stage,
// 10 risks each, and 100 cost signals sharing the points (2 million by default), seeded with the
// same random numbers every run. Returns API tokens for a writer and a reader.
import { createApiToken, setupFirstAdmin } from "../../src/commands/auth.js";
import { createPerson } from "../../src/commands/people.js";
import { seedQuestionBank } from "../../src/commands/conversations.js";
import { migrateToLatest, type Database } from "../../src/store/database.js";
import { writePoints, type PointRow } from "../../src/store/points.js";

export const SYSTEMS = 500;
export const RISKS_PER_SYSTEM = 10;
export const SIGNALS = 100;

/** Seeded so every run builds the same workspace. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LoadWorkspace {
  /** Tokens of engineers who write (points, risks) and read the map after their own writes. */
  writerTokens: string[];
  /** Tokens of people who only read. */
  readerTokens: string[];
  systemKeys: string[];
  systemIds: string[];
  signalIds: string[];
}

/**
 * Seeds the workspace into a migrated, empty database: systems, risks (a quarter decided, some
 * guarded by safeguards), signals with minute points over the last days and a trust limit each,
 * and `writers` + `readers` people with API tokens.
 */
export async function seedLoadWorkspace(
  database: Database,
  options: { points: number; writers?: number; readers?: number },
): Promise<LoadWorkspace> {
  const POINTS = options.points;
  await migrateToLatest(database);
  const now = new Date();
  await seedQuestionBank(database, now);
  const admin = await setupFirstAdmin(
    database,
    { name: "Bench", email: "bench@example.com", side: "leadership", password: "bench-password-1" },
    now,
  );
  const rnd = random(42);
  const at = now.toISOString();
  const stages = ["idea", "demo", "pilot", "production", "retired"];
  const systems = Array.from({ length: SYSTEMS }, (_, i) => ({
    id: `sys-${i}`,
    key: `system-${i}`,
    name: `System ${i}`,
    purpose: "Drafts replies",
    expectedOutcome: "Faster support",
    valueAmount: 1000 * i,
    valueCurrency: "USD",
    targetDate: null,
    stage: stages[i % 5]!,
    leadershipOwnerId: admin.id,
    engineeringOwnerId: admin.id,
    models: "[]",
    dataSources: "[]",
    dependencies: "[]",
    usersReached: "internal",
    scaleNow: "",
    scalePlanned: "",
    createdAt: at,
    updatedAt: at,
    version: 1,
  }));
  for (let i = 0; i < systems.length; i += 100)
    await database.db
      .insertInto("systems")
      .values(systems.slice(i, i + 100))
      .execute();
  const risks = systems.flatMap((s, i) =>
    Array.from({ length: RISKS_PER_SYSTEM }, (_, j) => ({
      id: `risk-${i}-${j}`,
      systemId: s.id,
      title: `Risk ${j} of ${s.name}`,
      class: "quality",
      failureMode: "",
      triggers: "",
      dependencies: "",
      businessImpact: "",
      impactAreas: "[]",
      growth: j % 2 ? "quiet" : "loud",
      growthDrivers: "[]",
      likelihood: 1 + Math.floor(rnd() * 5),
      impact: 1 + Math.floor(rnd() * 5),
      costLow: null,
      costHigh: null,
      costCurrency: null,
      revealingSignals: "[]",
      sourceAnswerId: null,
      closed: 0,
      proposedBy: admin.id,
      createdAt: at,
      updatedAt: at,
      version: 1,
    })),
  );
  for (let i = 0; i < risks.length; i += 200)
    await database.db
      .insertInto("risks")
      .values(risks.slice(i, i + 200))
      .execute();
  const signals = systems.slice(0, SIGNALS).map((s, i) => ({
    id: `sig-${i}`,
    systemId: s.id,
    key: "cost",
    name: "Cost",
    kind: "cost",
    unit: "USD",
    direction: "higher_is_worse",
    aggregation: "sum",
    quantile: null,
    description: "",
    createdAt: at,
    lastPointT: null,
    lastReceivedAt: null,
  }));
  await database.db.insertInto("signals").values(signals).execute();
  const perSignal = Math.floor(POINTS / signals.length);
  const start = now.getTime() - perSignal * 60_000;
  for (const signal of signals) {
    const rows: PointRow[] = Array.from({ length: perSignal }, (_, k) => ({
      signalId: signal.id,
      t: start + k * 60_000,
      source: "",
      value: rnd() * 10,
      denominator: null,
    }));
    await writePoints(database, rows, at);
  }
  // A quarter of the risks decided (some acceptances near or past their review date) and every
  // third one guarded by a safeguard, so the map's posture and readiness columns have work to do.
  const shift = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const decisions = risks
    .filter((_, k) => k % 4 === 0)
    .map((r, k) => ({
      id: `dec-${r.id}`,
      riskId: r.id,
      outcome: ["accept", "mitigate", "defer", "avoid"][k % 4]!,
      rationale: "Bench",
      conditions: "",
      reviewBy: k % 4 === 0 || k % 4 === 2 ? shift((k % 60) - 10) : null,
      decidedBy: admin.id,
      decidedAt: at,
      supersededBy: null,
      sourceAnswerId: null,
    }));
  for (let i = 0; i < decisions.length; i += 200)
    await database.db
      .insertInto("decisions")
      .values(decisions.slice(i, i + 200))
      .execute();
  const safeguards = systems.map((s) => ({
    id: `sg-${s.id}`,
    systemId: s.id,
    name: "Output filter",
    kind: "detect",
    status: "live",
    description: "",
    ownerId: admin.id,
    sourceAnswerId: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  }));
  for (let i = 0; i < safeguards.length; i += 200)
    await database.db
      .insertInto("safeguards")
      .values(safeguards.slice(i, i + 200))
      .execute();
  const links = risks
    .filter((_, k) => k % 3 === 0)
    .map((r) => ({ safeguardId: `sg-${r.systemId}`, riskId: r.id }));
  for (let i = 0; i < links.length; i += 400)
    await database.db
      .insertInto("safeguardRisks")
      .values(links.slice(i, i + 400))
      .execute();
  await database.db
    .insertInto("trustLimits")
    .values(
      signals.map((s) => ({
        id: `lim-${s.id}`,
        systemId: s.systemId,
        signalId: s.id,
        name: "Daily spend",
        windowDays: 1,
        aggregate: "sum",
        quantile: null,
        comparator: "above",
        threshold: 10_000,
        horizonDays: 7,
        sourceAnswerId: null,
        createdBy: admin.id,
        createdAt: at,
        archived: 0,
      })),
    )
    .execute();

  const ctx = { database, actor: { id: admin.id, name: admin.name, side: admin.side, isAdmin: true }, now };
  const tokensFor = async (n: number, role: "writer" | "reader") => {
    const tokens: string[] = [];
    for (let i = 0; i < n; i++) {
      const person = await createPerson(ctx, {
        name: `${role} ${i}`,
        email: `${role}-${i}@example.com`,
        side: i % 2 ? "engineering" : "leadership",
        isAdmin: false,
        password: "bench-password-1",
      });
      const actor = { id: person.id, name: person.name, side: person.side, isAdmin: false };
      const scopes = role === "writer" ? (["read", "write", "ingest"] as const) : (["read"] as const);
      tokens.push((await createApiToken({ ...ctx, actor }, { name: role, scopes: [...scopes] })).token);
    }
    return tokens;
  };
  return {
    writerTokens: await tokensFor(options.writers ?? 10, "writer"),
    readerTokens: await tokensFor(options.readers ?? 10, "reader"),
    systemKeys: systems.map((s) => s.key),
    systemIds: systems.map((s) => s.id),
    signalIds: signals.map((s) => s.id),
  };
}
