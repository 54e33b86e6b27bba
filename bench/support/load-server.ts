// The Parley server as its own process for the load benchmarks, so its latency and peak RSS are
// its own and not shared with the load generator. Prints its URL on stdout; stops on SIGTERM.
// Run: node --import tsx bench/support/load-server.ts DATABASE_SETTING
// With BENCH_SQL_PROFILE=1 (SQLite), prints the statements that took the most time when it stops.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { evaluateWorkspace } from "../../src/commands/limits.js";
import { buildApp } from "../../src/server/app.js";
import { openDatabase } from "../../src/store/database.js";

const database = openDatabase(process.argv[2]);
const sqlTime = new Map<string, { ms: number; calls: number }>();
if (process.env.BENCH_SQL_PROFILE && "sqlite" in database.raw) {
  const sqlite = database.raw.sqlite;
  const prepare = sqlite.prepare.bind(sqlite);
  const timed =
    (text: string, run: (...args: unknown[]) => unknown) =>
    (...args: unknown[]) => {
      const started = performance.now();
      try {
        return run(...args);
      } finally {
        const key = text
          .replace(/\s+/g, " ")
          .replace(/(\?, )+\?/g, "?…")
          .slice(0, 160);
        const s = sqlTime.get(key) ?? { ms: 0, calls: 0 };
        s.ms += performance.now() - started;
        s.calls += 1;
        sqlTime.set(key, s);
      }
    };
  sqlite.prepare = ((text: string) => {
    const statement = prepare(text);
    return new Proxy(statement, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if ((prop === "all" || prop === "run" || prop === "get") && typeof value === "function")
          return timed(text, value.bind(target) as (...args: unknown[]) => unknown);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }) as typeof sqlite.prepare;
}
// As `parley serve` does at start: evaluate limits, budgets and detectors once (before listening,
// so the first measurement does not include it).
await evaluateWorkspace(database, new Date());
sqlTime.clear();
const app = await buildApp({ database });
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const routeTime = new Map<string, { ms: number; max: number; calls: number; slow: number }>();
if (process.env.BENCH_SQL_PROFILE) {
  app.addHook("onResponse", async (req, reply) => {
    const key = `${req.method} ${req.routeOptions.url ?? req.url}`;
    const r = routeTime.get(key) ?? { ms: 0, max: 0, calls: 0, slow: 0 };
    r.ms += reply.elapsedTime;
    r.max = Math.max(r.max, reply.elapsedTime);
    r.calls += 1;
    if (reply.elapsedTime > 5_000) r.slow += 1;
    routeTime.set(key, r);
  });
}
const url = await app.listen({ port: 0, host: "127.0.0.1" });
process.stdout.write(`${url}\n`);
process.on("SIGTERM", () => {
  if (sqlTime.size > 0) {
    const top = [...sqlTime].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15);
    for (const [text, s] of top)
      process.stderr.write(`${s.ms.toFixed(0).padStart(7)} ms ${String(s.calls).padStart(7)}×  ${text}\n`);
  }
  if (process.env.BENCH_SQL_PROFILE)
    process.stderr.write(
      `server event-loop delay: p50 ${(loopDelay.percentile(50) / 1e6).toFixed(0)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms, max ${(loopDelay.max / 1e6).toFixed(0)} ms\n`,
    );
  for (const [key, r] of routeTime)
    process.stderr.write(
      `${key}: ${r.calls} calls, mean ${(r.ms / r.calls).toFixed(0)} ms, max ${r.max.toFixed(0)} ms, over 5 s: ${r.slow}\n`,
    );
  void app
    .close()
    .then(() => database.close())
    .finally(() => process.exit(0));
});
