// HTTP ingestion throughput on SQLite (and PostgreSQL when PARLEY_TEST_PG_URL is set), against a
// raw driver insert of the same points in one transaction, measured in the same run.
// Run: npx tsx bench/ingest.ts [--batches 10] [--size 100000]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { createSignal } from "../src/commands/signals.js";
import { buildApp } from "../src/server/app.js";
import { openDatabase, type Database } from "../src/store/database.js";
import { BENCH_EMAIL, BENCH_PASSWORD, benchWorkspace } from "./support/bench-workspace.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const BATCHES = option("batches", 10);
const SIZE = option("size", 100_000);
const RUNS = option("runs", 3);

/** The median of several runs: these machines are noisy. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
const START = Date.UTC(2025, 0, 1);

function batchBody(b: number): string {
  // Minute points, each batch continuing where the last ended: a realistic backfill.
  const points = new Array(SIZE);
  for (let i = 0; i < SIZE; i++) points[i] = { t: START + (b * SIZE + i) * 60_000, v: (i % 97) / 10 };
  return JSON.stringify(points);
}

async function httpIngest(database: Database): Promise<number> {
  const ctx = await benchWorkspace(database);
  const signal = await createSignal(ctx, "bench", {
    key: "cost",
    name: "Cost",
    kind: "cost",
    unit: "USD",
    direction: "higher_is_worse",
    aggregation: "sum",
    quantile: null,
    description: "",
  });
  const app = await buildApp({ database });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  const signIn = await fetch(`${address}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: BENCH_EMAIL, password: BENCH_PASSWORD }),
  });
  const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;
  const bodies = Array.from({ length: BATCHES }, (_, b) => batchBody(b));
  const started = performance.now();
  for (const body of bodies) {
    const res = await fetch(`${address}/api/v1/signals/${signal.id}/points`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body,
    });
    const result = (await res.json()) as { accepted: number };
    if (result.accepted !== SIZE)
      throw new Error(`batch not fully accepted: ${JSON.stringify(result).slice(0, 200)}`);
  }
  const seconds = (performance.now() - started) / 1000;
  await app.close();
  return (BATCHES * SIZE) / seconds;
}

function rawSqlite(dir: string): number {
  const db = new SQLite(join(dir, "raw.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec(
    "CREATE TABLE points (signal_id TEXT NOT NULL, t INTEGER NOT NULL, source TEXT NOT NULL, value REAL NOT NULL, denominator REAL, PRIMARY KEY (signal_id, t, source))",
  );
  const insert = db.prepare(
    "INSERT INTO points (signal_id, t, source, value, denominator) VALUES (?, ?, ?, ?, ?)",
  );
  const started = performance.now();
  for (let b = 0; b < BATCHES; b++) {
    db.transaction(() => {
      for (let i = 0; i < SIZE; i++)
        insert.run("s", START + (b * SIZE + i) * 60_000, "", (i % 97) / 10, null);
    })();
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return (BATCHES * SIZE) / seconds;
}

async function rawPostgres(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    "CREATE TABLE raw_points (signal_id TEXT NOT NULL, t BIGINT NOT NULL, source TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, denominator DOUBLE PRECISION, PRIMARY KEY (signal_id, t, source))",
  );
  const started = performance.now();
  for (let b = 0; b < BATCHES; b++) {
    const ts = Array.from({ length: SIZE }, (_, i) => START + (b * SIZE + i) * 60_000);
    await client.query("BEGIN");
    await client.query(
      "INSERT INTO raw_points SELECT 's', t, '', v, NULL FROM unnest($1::bigint[], $2::float8[]) AS u(t, v)",
      [ts, ts.map((_, i) => (i % 97) / 10)],
    );
    await client.query("COMMIT");
  }
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  return (BATCHES * SIZE) / seconds;
}

async function freshPg(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `parley_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), "parley-bench-"));
const rows: string[] = [];
try {
  const baselines: number[] = [];
  const https: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const runDir = mkdtempSync(join(dir, "run-"));
    baselines.push(rawSqlite(runDir));
    const database = openDatabase(join(runDir, "parley.db"));
    https.push(await httpIngest(database));
    await database.close();
  }
  const baseline = median(baselines);
  const http = median(https);
  rows.push(
    `| SQLite | ${Math.round(http).toLocaleString("en")} | ${Math.round(baseline).toLocaleString("en")} | ${(http / baseline).toFixed(2)} |`,
  );
  const pgUrl = process.env.PARLEY_TEST_PG_URL;
  if (pgUrl) {
    const a = await freshPg(pgUrl);
    const pgBaseline = await rawPostgres(a.url);
    await a.drop();
    const b = await freshPg(pgUrl);
    const pgDatabase = openDatabase(b.url);
    const pgHttp = await httpIngest(pgDatabase);
    await pgDatabase.close();
    await b.drop();
    rows.push(
      `| PostgreSQL | ${Math.round(pgHttp).toLocaleString("en")} | ${Math.round(pgBaseline).toLocaleString("en")} | ${(pgHttp / pgBaseline).toFixed(2)} |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `HTTP ingestion: ${BATCHES} requests of ${SIZE.toLocaleString("en")} points (JSON arrays, one signal); median of ${RUNS} runs\n`,
);
console.log("| database | HTTP points/s | raw driver insert points/s | ratio |");
console.log("| --- | ---: | ---: | ---: |");
for (const row of rows) console.log(row);
