// Evaluating limits, budgets and detectors where they really run: `evaluateWorkspace` (the server
// runs it every 5 minutes and the scheduler calls it) and `afterIngest` (after every batch), on a
// database of 1,000 signals × 730 daily points, each with a trust limit and a risk budget.
// Baseline in the same run: reading the same 730,000 points once with one query.
// Run: npx tsx bench/evaluation.ts [--signals 1000] [--days 730] [--database postgres://...]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupFirstAdmin } from "../src/commands/auth.js";
import { afterIngest, evaluateWorkspace } from "../src/commands/limits.js";
import { migrateToLatest, openDatabase } from "../src/store/database.js";
import { writePoints, type PointRow } from "../src/store/points.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const SIGNALS = Number(option("signals", "1000"));
const DAYS = Number(option("days", "730"));
const DAY = 86_400_000;
const TARGET_MS = 1000;

const dir = mkdtempSync(join(tmpdir(), "parley-eval-"));
const database = openDatabase(option("database", join(dir, "parley.db")));
const time = async (run: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};
try {
  await migrateToLatest(database);
  const now = new Date();
  const today = Math.floor(now.getTime() / DAY) * DAY;
  const admin = await setupFirstAdmin(
    database,
    { name: "Bench", email: "bench@example.com", side: "engineering", password: "bench-password-1" },
    now,
  );
  const at = now.toISOString();
  const systems = Array.from({ length: Math.ceil(SIGNALS / 10) }, (_, i) => ({
    id: `sys-${i}`,
    key: `system-${i}`,
    name: `System ${i}`,
    purpose: "",
    expectedOutcome: "",
    valueAmount: null,
    valueCurrency: null,
    targetDate: null,
    stage: "production",
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
  }));
  for (let i = 0; i < systems.length; i += 100)
    await database.db
      .insertInto("systems")
      .values(systems.slice(i, i + 100))
      .execute();
  const signalIds = Array.from({ length: SIGNALS }, (_, i) => `sig-${i}`);
  for (let i = 0; i < SIGNALS; i += 100) {
    const slice = signalIds.slice(i, i + 100);
    await database.db
      .insertInto("signals")
      .values(
        slice.map((id, k) => ({
          id,
          systemId: `sys-${Math.floor((i + k) / 10)}`,
          key: id,
          name: `Signal ${i + k}`,
          kind: "cost",
          unit: "USD",
          direction: "higher_is_worse",
          aggregation: "sum",
          quantile: null,
          description: "",
          createdAt: at,
          lastPointT: null,
          lastReceivedAt: null,
        })),
      )
      .execute();
    await database.db
      .insertInto("trustLimits")
      .values(
        slice.map((id, k) => ({
          id: `lim-${id}`,
          systemId: `sys-${Math.floor((i + k) / 10)}`,
          signalId: id,
          name: "Weekly mean",
          windowDays: 7,
          aggregate: "mean",
          quantile: null,
          comparator: "above",
          threshold: 1e9,
          horizonDays: 14,
          sourceAnswerId: null,
          createdBy: admin.id,
          createdAt: at,
          archived: 0,
        })),
      )
      .execute();
    await database.db
      .insertInto("riskBudgets")
      .values(
        slice.map((id, k) => ({
          id: `bud-${id}`,
          systemId: `sys-${Math.floor((i + k) / 10)}`,
          signalId: id,
          name: "Monthly spend",
          kind: "spend",
          period: JSON.stringify({ kind: "rolling", days: 30 }),
          amount: 1e9,
          target: null,
          bucket: "day",
          comparator: "above",
          threshold: null,
          riskId: null,
          createdBy: admin.id,
          createdAt: at,
          archived: 0,
        })),
      )
      .execute();
  }
  // 730 completed days per signal: a noisy level with weekly seasonality.
  let seed = 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < SIGNALS; i += 50) {
    const rows: PointRow[] = [];
    for (const signalId of signalIds.slice(i, i + 50))
      for (let d = DAYS; d >= 1; d--)
        rows.push({
          signalId,
          t: today - d * DAY + 12 * 3_600_000,
          source: "",
          value: 100 + 10 * Math.sin((2 * Math.PI * d) / 7) + 5 * rnd(),
          denominator: null,
        });
    await writePoints(database, rows, at);
  }

  // The driver alone, no query builder: how long merely reading the points takes on this machine now.
  const raw = database.raw;
  const baselineMs = await time(async () =>
    "sqlite" in raw
      ? raw.sqlite.prepare("SELECT signal_id, t, value, denominator FROM points").raw().all()
      : raw.pool.query({ text: "SELECT signal_id, t, value, denominator FROM points", rowMode: "array" }),
  );
  // A pass three days ago builds every detection window from two years of rollups (what a server
  // does once, on its first evaluation); each of the next three days' passes finds one more
  // completed day per signal and advances each saved window by it: detectors, limits and budgets
  // all run again.
  const coldMs = await time(() => evaluateWorkspace(database, new Date(now.getTime() - 3 * DAY)));
  // Three new days in a row (each completes one more day of points per signal); the median.
  const days = [];
  for (let k = 2; k >= 0; k--)
    days.push(await time(() => evaluateWorkspace(database, new Date(now.getTime() - k * DAY))));
  days.sort((a, b) => a - b);
  const dailyMs = days[1]!;
  const warm = [];
  for (let k = 0; k < 3; k++) warm.push(await time(() => evaluateWorkspace(database, now)));
  warm.sort((a, b) => a - b);
  const warmMs = warm[1]!;
  // One new point for one signal, then the work that follows every ingested batch.
  const one = { signalId: "sig-7", t: now.getTime() - 60_000, source: "", value: 101, denominator: null };
  await writePoints(database, [one], at);
  const onePointMs = await time(() => afterIngest(database, [{ signalId: "sig-7", earliest: one.t }], now));
  // A late point for yesterday: that signal's detector looks at its two years again.
  const late = { ...one, t: today - DAY + 3_600_000 };
  await writePoints(database, [late], at);
  const latePointMs = await time(() => afterIngest(database, [{ signalId: "sig-7", earliest: late.t }], now));

  const verdict = dailyMs < TARGET_MS && warmMs < TARGET_MS ? "met" : "**missed**";
  console.log(
    `${SIGNALS.toLocaleString("en")} signals × ${DAYS} daily points, each with a trust limit (7-day mean, forecast) and a risk budget (rolling 30 days, burn rates); ${database.dialect}\n`,
  );
  console.log("| work | ms | ratio to reading all points once |");
  console.log("| --- | ---: | ---: |");
  const row = (title: string, ms: number) =>
    console.log(`| ${title} | ${ms.toFixed(0)} | ${(ms / baselineMs).toFixed(1)} |`);
  row(`baseline: read all ${(SIGNALS * DAYS).toLocaleString("en")} points in one query`, baselineMs);
  row(
    "evaluateWorkspace, first run ever: every detection window built from two years of rollups, detectors + limits + budgets",
    coldMs,
  );
  row(
    "evaluateWorkspace, first run of a new day: windows advanced by the completed day, detectors + limits + budgets (median of 3 days)",
    dailyMs,
  );
  row("evaluateWorkspace, every 5 minutes after that (limits + budgets; median of 3)", warmMs);
  console.log(`| afterIngest, one new point on one signal | ${onePointMs.toFixed(1)} | – |`);
  console.log(
    `| afterIngest, one late point on one signal (its detector re-runs) | ${latePointMs.toFixed(1)} | – |`,
  );
  console.log(
    `\nTarget (all limits, budgets and detectors evaluated under ${TARGET_MS} ms, on a new day and every 5 minutes): ${verdict}.`,
  );
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
