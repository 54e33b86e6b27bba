// API latency and load on a realistic workspace: 500 systems, 5,000 risks, 2 million points.
// 1) p50/p99 of the portfolio and a system page at 50 connections, against a bare Fastify route
//    measured in the same run; 2) 200 concurrent clients of mixed reads and writes for a fixed
//    time: errors, latency and the server's peak RSS.
// Run: npx tsx bench/api-load.ts [--seconds 60] [--points 2000000] [--database postgres://...]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import Fastify from "fastify";
import { createApiToken, setupFirstAdmin } from "../src/commands/auth.js";
import { createPerson } from "../src/commands/people.js";
import { seedQuestionBank } from "../src/commands/conversations.js";
import { buildApp } from "../src/server/app.js";
import { migrateToLatest, openDatabase, type Database } from "../src/store/database.js";
import { writePoints, type PointRow } from "../src/store/points.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const SECONDS = Number(option("seconds", "60"));
const POINTS = Number(option("points", "2000000"));
const SYSTEMS = 500;
const RISKS_PER_SYSTEM = 10;

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

async function seedWorkspace(
  database: Database,
): Promise<{ token: string; readToken: string; systemKey: string; signalId: string }> {
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
  const signals = systems.slice(0, 100).map((s, i) => ({
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
  const ctx = { database, actor: { id: admin.id, name: admin.name, side: admin.side, isAdmin: true }, now };
  const token = (await createApiToken(ctx, { name: "bench", scopes: ["read", "write", "ingest"] })).token;
  // The map readers are other people than the writers, as in a real team: a writer's own next map
  // read is recomputed (read-your-writes), everyone else's is served from the shared cache.
  const reader = await createPerson(ctx, {
    name: "Reader",
    email: "reader@example.com",
    side: "engineering",
    isAdmin: false,
    password: "bench-password-1",
  });
  const readToken = (
    await createApiToken(
      { ...ctx, actor: { id: reader.id, name: reader.name, side: reader.side, isAdmin: false } },
      { name: "reader", scopes: ["read"] },
    )
  ).token;
  return { token, readToken, systemKey: "system-3", signalId: "sig-3" };
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) =>
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result))),
  );
}

const dir = mkdtempSync(join(tmpdir(), "parley-load-"));
const setting = option("database", join(dir, "parley.db"));
const database = openDatabase(setting);
try {
  const seedStart = performance.now();
  const { token, readToken, systemKey, signalId } = await seedWorkspace(database);
  console.error(
    `seeded ${SYSTEMS} systems, ${SYSTEMS * RISKS_PER_SYSTEM} risks, ${POINTS.toLocaleString("en")} points in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );
  const app = await buildApp({ database });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  const bare = Fastify();
  bare.get("/", async () => ({ ok: true }));
  const bareUrl = await bare.listen({ port: 0, host: "127.0.0.1" });
  const headers = { authorization: `Bearer ${readToken}` };
  const writeHeaders = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const latency = async (title: string, target: string, withAuth = true) => {
    const r = await run({
      url: target,
      connections: 50,
      duration: Math.max(5, Math.round(SECONDS / 6)),
      headers: withAuth ? headers : {},
    });
    return {
      title,
      p50: r.latency.p50,
      p99: r.latency.p99,
      rps: r.requests.average,
      errors: r.errors + r.non2xx,
    };
  };
  const rows = [
    await latency("bare Fastify route (baseline)", bareUrl, false),
    await latency("GET /api/v1/portfolio (500 systems)", `${url}/api/v1/portfolio`),
    await latency("GET /api/v1/systems/:ref (system page)", `${url}/api/v1/systems/${systemKey}`),
    await latency("GET /api/v1/risks?systemId (system risks)", `${url}/api/v1/risks?systemId=sys-3`),
    await latency("GET /api/v1/signals/:id/series (auto)", `${url}/api/v1/signals/${signalId}/series`),
  ];
  console.log(
    `API latency at 50 connections (${database.dialect}; 500 systems, 5,000 risks, ${POINTS.toLocaleString("en")} points)\n`,
  );
  console.log("| request | p50 ms | p99 ms | requests/s | ratio to bare route | errors |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  const baseline = rows[0]!.rps;
  for (const r of rows)
    console.log(
      `| ${r.title} | ${r.p50} | ${r.p99} | ${Math.round(r.rps).toLocaleString("en")} | ${(r.rps / baseline).toFixed(3)} | ${r.errors} |`,
    );

  // Mixed load: reads of the map and pages, writes of points and risks, from 200 clients.
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  let n = 0;
  const mixed = await run({
    url,
    connections: 200,
    duration: SECONDS,
    requests: [
      { method: "GET", path: "/api/v1/portfolio", headers },
      { method: "GET", path: `/api/v1/systems/${systemKey}`, headers },
      { method: "GET", path: `/api/v1/risks?systemId=sys-3&limit=20`, headers },
      {
        method: "POST",
        path: `/api/v1/signals/${signalId}/points`,
        headers: writeHeaders,
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify([{ t: Date.UTC(2030, 0, 1) + n++ * 1000, v: 1 }]),
        }),
      },
      {
        method: "POST",
        path: `/api/v1/systems/${systemKey}/risks`,
        headers: writeHeaders,
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({ title: `Load risk ${n++}`, class: "scale" }),
        }),
      },
    ],
  });
  clearInterval(sampler);
  console.log(
    `\nMixed load: 200 concurrent clients for ${SECONDS} s (portfolio, system page, risks, point writes, risk writes)\n`,
  );
  console.log("| requests | errors | non-2xx | p50 ms | p99 ms | requests/s | peak RSS MB |");
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  console.log(
    `| ${mixed.requests.total.toLocaleString("en")} | ${mixed.errors} | ${mixed.non2xx} | ${mixed.latency.p50} | ${mixed.latency.p99} | ${Math.round(mixed.requests.average).toLocaleString("en")} | ${Math.round(peakRss / 1_048_576)} |`,
  );
  await app.close();
  await bare.close();
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
