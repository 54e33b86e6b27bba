// Two Parley server processes on one database, both running the scheduler as fast as it goes:
// every job run and every notification must still happen exactly once.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpReceiver } from "../support/http-receiver.js";
import { createWorld, DIALECTS, type TestWorld } from "./harness.js";

const CLI = join(import.meta.dirname, "../../src/cli/main.ts");
const DAY = 86_400_000;
const SYSTEMS = 12;
const SCAN_MS = 300;

function startServer(database: string, env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", CLI, "-d", database, "serve", "--port", "0", "--host", "127.0.0.1"],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } },
    );
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (/running at /.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code !== 0 && code !== null) reject(new Error(`server exited with ${code}: ${out}`));
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

describe.each(DIALECTS)("scheduler on two servers sharing one database [%s]", (dialect) => {
  let w: TestWorld;
  let http: HttpReceiver;
  const servers: ChildProcess[] = [];

  beforeAll(async () => {
    http = await HttpReceiver.start();
    // Slow answers widen the window in which both servers could pick up the same delivery.
    http.answer("/hook", { status: 200, body: "ok" });
    w = await createWorld(dialect, new Date());
    const start = Date.now() - 20 * DAY;
    for (let i = 0; i < SYSTEMS; i++) {
      const key = `bot-${i}`;
      await w.engineer.post("/api/v1/systems", {
        key,
        name: `Bot ${i}`,
        leadershipOwnerId: w.leader.person.id,
        engineeringOwnerId: w.engineer.person.id,
      });
      await w.engineer.post(`/api/v1/systems/${key}/signals`, {
        key: "manual",
        name: "Manual-work rate",
        kind: "manual_work",
        aggregation: "ratio",
        unit: "",
      });
      const points = Array.from({ length: 20 }, (_, d) => ({ t: start + d * DAY, v: 30 + (d % 3), n: 100 }));
      expect((await w.engineer.post(`/api/v1/signals/${key}%2Fmanual/points`, points)).status).toBe(200);
      const limit = await w.leader.post("/api/v1/limits", {
        signalId: `${key}/manual`,
        windowDays: 7,
        aggregate: "ratio",
        comparator: "above",
        threshold: 0.15,
      });
      expect(limit.body.evaluation.state).toBe("breached");
    }
    const channel = await w.admin.post("/api/v1/notifications/channels", {
      name: "Team hook",
      kind: "webhook",
      url: `${http.url}/hook`,
    });
    expect(channel.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map(stopServer));
    await w.close();
    await http.close();
  });

  const scanRuns = async () =>
    Number(
      (
        await w.database.db
          .selectFrom("scheduledJobs")
          .select("runs")
          .where("name", "=", "notify-scan")
          .executeTakeFirstOrThrow()
      ).runs,
    );

  it("runs each job and sends each notification once, and keeps its schedule across a restart", async () => {
    const env = {
      PARLEY_LOG_LEVEL: "error",
      PARLEY_SCHEDULER_TICK_MS: "50",
      PARLEY_SCAN_INTERVAL_MS: String(SCAN_MS),
      PARLEY_EVALUATE_INTERVAL_MS: "1000",
    };
    const setting = w.database.location;
    servers.push(...(await Promise.all([startServer(setting, env), startServer(setting, env)])));
    const startedAt = Date.now();

    // Watch which server runs the scan job; neither may double a run.
    const runners = new Set<string>();
    const watch = setInterval(() => {
      void w.database.db
        .selectFrom("scheduledJobs")
        .select("lastRunBy")
        .where("name", "=", "notify-scan")
        .executeTakeFirst()
        .then((row) => row?.lastRunBy && runners.add(row.lastRunBy));
    }, 20);
    const breaches = () =>
      http.on("/hook").filter((r) => (JSON.parse(r.body) as { type: string }).type === "limit_breached");
    await http.waitFor(() => breaches().length >= SYSTEMS, 60_000);
    // Let both servers keep racing for a while after everything went out once.
    await new Promise((r) => setTimeout(r, 4000));

    // Restart one server: it must not re-run what was done nor resend anything, and the jobs go on.
    const runsBefore = await scanRuns();
    await stopServer(servers[0]!);
    servers[0] = await startServer(setting, env);
    await new Promise((r) => setTimeout(r, 2000));
    clearInterval(watch);
    expect(await scanRuns()).toBeGreaterThan(runsBefore);
    const elapsed = Date.now() - startedAt;

    const keys = http.on("/hook").map((r) => String(r.headers["idempotency-key"]));
    expect(new Set(keys).size).toBe(keys.length); // no delivery arrived twice
    expect(breaches()).toHaveLength(SYSTEMS);
    const events = await w.database.db
      .selectFrom("notificationEvents")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("kind", "=", "limit_breached")
      .executeTakeFirstOrThrow();
    expect(Number(events.n)).toBe(SYSTEMS);
    const undelivered = await w.database.db
      .selectFrom("notificationDeliveries")
      .select("status")
      .where("status", "!=", "sent")
      .execute();
    expect(undelivered).toEqual([]);

    const scan = await w.database.db
      .selectFrom("scheduledJobs")
      .selectAll()
      .where("name", "=", "notify-scan")
      .executeTakeFirstOrThrow();
    // One run per period across both servers: never more than the clock allows.
    expect(Number(scan.runs)).toBeGreaterThan(3);
    expect(Number(scan.runs)).toBeLessThanOrEqual(Math.ceil(elapsed / SCAN_MS) + 2);
    // Which server wins each run is up to timing; at least one won, and none doubled a run above.
    expect(runners.size).toBeGreaterThanOrEqual(1);
  }, 180_000);
});
