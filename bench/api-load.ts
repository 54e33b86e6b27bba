// API latency and load on a realistic workspace (bench/support/load-workspace.ts: 500 systems,
// 5,000 risks, 2 million points). The server runs as its own process (bench/support/load-server.ts),
// so its latency and peak RSS are its own and not the load generator's.
// 1) p50/p99 of the portfolio and a system page at 50 connections, against a bare Fastify route
//    in a process of its own, measured in the same run;
// 2) 200 concurrent clients of mixed reads and writes for a fixed time: errors (timeouts, resets),
//    non-2xx, latency and the server's peak RSS.
// Run: npx tsx bench/api-load.ts [--seconds 60] [--points 2000000] [--database postgres://...]
//        [--profile DIR]   (writes the server's CPU profile of the mixed load to DIR)
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import autocannon from "autocannon";
import { openDatabase } from "../src/store/database.js";
import { RISKS_PER_SYSTEM, SYSTEMS, seedLoadWorkspace } from "./support/load-workspace.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const SECONDS = Number(option("seconds", "60"));
const POINTS = Number(option("points", "2000000"));
const PROFILE = option("profile", "");
const CLIENTS = 200;
const TIMEOUT_S = 10;

interface Server {
  url: string;
  child: ChildProcess;
  peakRss: () => number;
  stop: () => Promise<void>;
}

/** Starts a server process (the Parley server, or a bare Fastify route) and samples its RSS. */
async function startServer(script: string[], profileDir = ""): Promise<Server> {
  const nodeArgs = ["--import", "tsx", ...(profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [])];
  const child = spawn(process.execPath, [...nodeArgs, ...script], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  while (!out.includes("\n")) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  let peak = 0;
  const sample = () => {
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (rss) peak = Math.max(peak, Number(rss[1]) * 1024);
    } catch {
      /* the process has exited */
    }
  };
  const sampler = setInterval(sample, 100);
  return {
    url: out.split("\n")[0]!.trim(),
    child,
    peakRss: () => peak,
    stop: async () => {
      clearInterval(sampler);
      child.kill("SIGTERM");
      if (child.exitCode === null) await once(child, "exit");
    },
  };
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) =>
    autocannon({ timeout: TIMEOUT_S, ...opts }, (err, result) => (err ? reject(err) : resolve(result))),
  );
}

/** Seeded so every run sends the same requests. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dir = mkdtempSync(join(tmpdir(), "parley-load-"));
const setting = option("database", join(dir, "parley.db"));
let dialect = "";
try {
  const seedStart = performance.now();
  const database = openDatabase(setting);
  dialect = database.dialect;
  const ws = await seedLoadWorkspace(database, { points: POINTS, writers: 20, readers: 20 });
  await database.close();
  console.error(
    `seeded ${SYSTEMS} systems, ${SYSTEMS * RISKS_PER_SYSTEM} risks, ${POINTS.toLocaleString("en")} points in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );
  const bare = await startServer(["bench/support/bare-server.mjs"]);
  const server = await startServer(["bench/support/load-server.ts", setting]);
  const url = server.url;
  // Readers are browsers: they always offer compressed bodies.
  const BROWSER = { "accept-encoding": "gzip, deflate, br, zstd" };
  const readHeaders = { authorization: `Bearer ${ws.readerTokens[0]}`, ...BROWSER };
  // Three runs per request; each figure is the median of the three.
  const latency = async (title: string, target: string, withAuth = true) => {
    const runs: autocannon.Result[] = [];
    for (let k = 0; k < 3; k++)
      runs.push(
        await run({
          url: target,
          connections: 50,
          duration: Math.max(5, Math.round(SECONDS / 12)),
          headers: withAuth ? readHeaders : {},
        }),
      );
    const median = (pick: (r: autocannon.Result) => number) => runs.map(pick).sort((a, b) => a - b)[1]!;
    return {
      title,
      p50: median((r) => r.latency.p50),
      p99: median((r) => r.latency.p99),
      rps: median((r) => r.requests.average),
      errors: runs.reduce((n, r) => n + r.errors + r.non2xx, 0),
    };
  };
  // The map's size as sent: plain, and as a browser receives it.
  const mapBytes = async (headers: Record<string, string>) => {
    const res = await fetch(`${url}/api/v1/portfolio`, {
      headers: { ...headers, authorization: readHeaders.authorization },
    });
    return {
      bytes: Number(res.headers.get("content-length") ?? 0),
      coding: res.headers.get("content-encoding") ?? "none",
    };
  };
  const plainMap = await mapBytes({ "accept-encoding": "identity" });
  const sentMap = await mapBytes(BROWSER);
  const rows = [
    await latency("bare Fastify route, own process (baseline)", bare.url, false),
    await latency("GET /api/v1/portfolio (500 systems)", `${url}/api/v1/portfolio`),
    await latency("GET /api/v1/systems/:ref (system page)", `${url}/api/v1/systems/${ws.systemKeys[3]}`),
    await latency(
      "GET /api/v1/risks?systemId (system risks)",
      `${url}/api/v1/risks?systemId=${ws.systemIds[3]}`,
    ),
    await latency("GET /api/v1/signals/:id/series (auto)", `${url}/api/v1/signals/${ws.signalIds[3]}/series`),
  ];
  await bare.stop();
  console.log(
    `API latency at 50 connections, median of 3 runs (${dialect}; ${SYSTEMS} systems, ${(SYSTEMS * RISKS_PER_SYSTEM).toLocaleString("en")} risks, ${POINTS.toLocaleString("en")} points; server in its own process)\n`,
  );
  console.log(
    `Requests offer compression as browsers do (accept-encoding: ${BROWSER["accept-encoding"]}); the map of ${SYSTEMS} systems is ${(plainMap.bytes / 1024).toFixed(0)} KB plain and ${(sentMap.bytes / 1024).toFixed(1)} KB as sent (${sentMap.coding}, compressed once per refresh).\n`,
  );
  console.log("| request | p50 ms | p99 ms | requests/s | ratio to bare route | errors |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  const baseline = rows[0]!.rps;
  for (const r of rows)
    console.log(
      `| ${r.title} | ${r.p50} | ${r.p99} | ${Math.round(r.rps).toLocaleString("en")} | ${(r.rps / baseline).toFixed(3)} | ${r.errors} |`,
    );
  await server.stop();

  // Mixed load from 200 clients. Each client is one person: 180 only read (the map, system pages,
  // risk lists, charts); 20 are engineers who also send points, add risks and then read the map,
  // which must show their own write (read-your-writes).
  const mixedServer = await startServer(["bench/support/load-server.ts", setting], PROFILE);
  const rnd = random(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  let clients = 0;
  let sequence = 0;
  type Context = { writer?: string; reader?: string; kind?: string };
  // Responses per kind of request, to compare with the server's own counts when clients time out.
  const answered = new Map<string, number>();
  const onResponse = (_status: number, _body: string, context: Context) =>
    void answered.set(context.kind ?? "?", (answered.get(context.kind ?? "?") ?? 0) + 1);
  const identity = (context: Context) => {
    if (!context.reader) {
      const k = clients++;
      context.reader = ws.readerTokens[k % ws.readerTokens.length]!;
      if (k % 10 === 0) context.writer = ws.writerTokens[(k / 10) % ws.writerTokens.length]!;
    }
    return context;
  };
  const read = (path: () => string, asWriter = false): autocannon.Request => ({
    method: "GET",
    onResponse,
    setupRequest: (req, context: Context) => {
      const who = identity(context);
      context.kind = `GET ${path().split(/[/?]/)[3]}`;
      const token = asWriter && who.writer ? who.writer : who.reader!;
      return { ...req, path: path(), headers: { authorization: `Bearer ${token}`, ...BROWSER } };
    },
  });
  const write = (path: () => string, body: () => unknown, fallback: () => string): autocannon.Request => ({
    method: "POST",
    onResponse,
    setupRequest: (req, context: Context) => {
      const who = identity(context);
      context.kind = who.writer ? `POST ${path().split(/[/?]/)[3]}` : `GET ${fallback().split(/[/?]/)[3]}`;
      // A reader's turn at this step is one more read.
      if (!who.writer)
        return {
          ...req,
          method: "GET",
          path: fallback(),
          headers: { authorization: `Bearer ${who.reader}`, ...BROWSER },
        };
      return {
        ...req,
        method: "POST",
        path: path(),
        headers: { authorization: `Bearer ${who.writer}`, "content-type": "application/json" },
        body: JSON.stringify(body()),
      };
    },
  });
  const future = Date.UTC(2030, 0, 1);
  const clientLoop = monitorEventLoopDelay({ resolution: 10 });
  clientLoop.enable();
  const mixed = await run({
    url: mixedServer.url,
    connections: CLIENTS,
    duration: SECONDS,
    requests: [
      read(() => "/api/v1/portfolio", true),
      read(() => `/api/v1/systems/${pick(ws.systemKeys)}`),
      write(
        () => `/api/v1/signals/${pick(ws.signalIds)}/points`,
        () => Array.from({ length: 60 }, (_, i) => ({ t: future + (sequence++ * 60 + i) * 1000, v: 1 })),
        () => `/api/v1/signals/${pick(ws.signalIds)}/series`,
      ),
      read(() => `/api/v1/risks?systemId=${pick(ws.systemIds)}&limit=20`),
      write(
        () => `/api/v1/systems/${pick(ws.systemKeys)}/risks`,
        () => ({ title: `Load risk ${sequence++}`, class: "scale" }),
        () => `/api/v1/systems/${pick(ws.systemKeys)}/signals`,
      ),
      read(() => "/api/v1/portfolio", true),
    ],
  });
  clientLoop.disable();
  console.error(`client responses by kind: ${JSON.stringify(Object.fromEntries(answered))}`);
  console.error(
    `load generator event-loop delay: p99 ${(clientLoop.percentile(99) / 1e6).toFixed(0)} ms, max ${(clientLoop.max / 1e6).toFixed(0)} ms`,
  );
  const peakRss = mixedServer.peakRss();
  await mixedServer.stop();
  console.log(
    `\nMixed load: ${CLIENTS} concurrent clients for ${SECONDS} s (20 writers: 60-point batches, new risks, then the map; 180 readers: the map, system pages, risk lists, charts); client timeout ${TIMEOUT_S} s\n`,
  );
  console.log(
    "| requests | errors | of which timeouts | non-2xx | p50 ms | p99 ms | max ms | requests/s | server peak RSS MB |",
  );
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  console.log(
    `| ${mixed.requests.total.toLocaleString("en")} | ${mixed.errors} | ${mixed.timeouts} | ${mixed.non2xx} | ${mixed.latency.p50} | ${mixed.latency.p99} | ${mixed.latency.max} | ${Math.round(mixed.requests.average).toLocaleString("en")} | ${Math.round(peakRss / 1_048_576)} |`,
  );
  const target = mixed.errors === 0 && mixed.non2xx === 0 ? "met" : "**missed**";
  console.log(`\nTarget (zero errors, zero non-2xx at ${CLIENTS} clients): ${target}.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
