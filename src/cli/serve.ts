import { loadDemoWorkspace, DEMO_PASSWORD } from "../commands/demo.js";
import { needsSetup } from "../commands/auth.js";
import { buildApp } from "../server/app.js";
import { openReadyDatabase } from "./database.js";
import { mailerFromEnv } from "../mail/mailer.js";
import { publicUrlFrom } from "../mail/public-url.js";
import { Scheduler } from "../scheduler/scheduler.js";

/** Job periods from the environment, e.g. PARLEY_SCAN_INTERVAL_MS=500 (tests, small teams). */
function intervalsFromEnv(env: NodeJS.ProcessEnv): Record<string, number> {
  const intervals: Record<string, number> = {};
  for (const [name, variable] of [
    ["evaluate", "PARLEY_EVALUATE_INTERVAL_MS"],
    ["notify-scan", "PARLEY_SCAN_INTERVAL_MS"],
    ["weekly-digest", "PARLEY_DIGEST_INTERVAL_MS"],
  ] as const) {
    const value = Number(env[variable]);
    if (env[variable] && Number.isFinite(value) && value >= 100) intervals[name] = value;
  }
  return intervals;
}

export interface ServeOptions {
  setting: string;
  port: number;
  host: string;
  demo: boolean;
  /** Run the periodic jobs and notification deliveries in this process (default true). */
  scheduler?: boolean;
}

/** Starts the server, optionally with the demo workspace, and stops cleanly on SIGINT/SIGTERM. */
export async function serve(options: ServeOptions): Promise<void> {
  const database = await openReadyDatabase(options.setting);
  let signInHelp = "";
  if (options.demo) {
    const result = await loadDemoWorkspace(database);
    if (result.people.length > 0) {
      signInHelp = `Sign in as ${result.people.map((p) => `${p.email} (${p.side})`).join(", ")} with password ${DEMO_PASSWORD}.`;
    } else {
      signInHelp = `${result.reason} Sign in with your own account.`;
    }
  } else if (await needsSetup(database)) {
    signInHelp = "Open the URL to create the first admin account.";
  }
  const mailer = mailerFromEnv(process.env);
  const app = await buildApp({
    database,
    mailer,
    logger: { level: process.env.PARLEY_LOG_LEVEL ?? "warn" },
    secureCookies: process.env.PARLEY_SECURE_COOKIES === "1",
    ...(process.env.PARLEY_WORKSPACE_NAME && { workspaceName: process.env.PARLEY_WORKSPACE_NAME }),
  });
  const address = await app.listen({ port: options.port, host: options.host });
  const port = new URL(address).port;
  const shown =
    options.host === "localhost" || options.host === "127.0.0.1" || options.host === "0.0.0.0"
      ? `http://localhost:${port}`
      : address;
  process.stdout.write(
    `Parley is running at ${shown} (database: ${database.location})\n${signInHelp ? `${signInHelp}\n` : ""}API docs: ${shown}/api/docs\n`,
  );
  // Limits, budgets and detectors move with the calendar too, and notifications go out: the
  // scheduler runs each periodic job once across every server sharing this database.
  let scheduler: Scheduler | null = null;
  if (options.scheduler !== false) {
    const tick = Number(process.env.PARLEY_SCHEDULER_TICK_MS);
    scheduler = new Scheduler({
      database,
      transport: { mailer, publicUrl: publicUrlFrom(process.env.PARLEY_PUBLIC_URL, Number(port)) },
      intervals: intervalsFromEnv(process.env),
      ...(Number.isFinite(tick) && tick >= 50 && { tickMs: tick }),
      onError: (err, where) => app.log.error({ err }, `${where} failed`),
    });
    scheduler.start();
  }
  const stop = async () => {
    await scheduler?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}
