import { loadDemoWorkspace, DEMO_PASSWORD } from "../commands/demo.js";
import { needsSetup } from "../commands/auth.js";
import { buildApp } from "../server/app.js";
import { openReadyDatabase } from "./database.js";
import { evaluateWorkspace } from "../commands/limits.js";

/** How often the server re-evaluates limits, budgets and detectors without new data. */
export const EVALUATION_INTERVAL_MS = 5 * 60_000;

export interface ServeOptions {
  setting: string;
  port: number;
  host: string;
  demo: boolean;
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
  const app = await buildApp({
    database,
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
  // Limits, budgets and detectors move with the calendar too; re-evaluate every few minutes.
  const evaluate = () =>
    evaluateWorkspace(database, new Date()).catch((err: unknown) =>
      app.log.error({ err }, "periodic evaluation failed"),
    );
  void evaluate();
  const timer = setInterval(() => void evaluate(), EVALUATION_INTERVAL_MS);
  timer.unref();
  const stop = async () => {
    clearInterval(timer);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}
