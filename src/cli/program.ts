import { Command, Option } from "commander";
import { setupFirstAdmin, needsSetup } from "../commands/auth.js";
import { DEMO_PASSWORD, loadDemoWorkspace } from "../commands/demo.js";
import { SIDES } from "../contract/enums.js";
import { SetupFirstAdmin } from "../contract/people.js";
import { invalid } from "../core/errors.js";
import { databaseSetting, migrateToLatest, openDatabase } from "../store/database.js";
import { PARLEY_VERSION } from "../version.js";
import { openReadyDatabase } from "./database.js";
import { emit, fail } from "./output.js";
import { registerSignalCommands } from "./signals.js";
import { registerCheckCommand } from "./check.js";
import { registerBackupCommands } from "./backup.js";
import { registerAuditCommand } from "./audit.js";
import { registerBriefCommands } from "./briefs.js";
import { registerConnectorCommands } from "./connectors.js";
import { registerRehearseCommand } from "./rehearse.js";
import { registerConfigCommands } from "./config.js";
import { registerOpenSloCommands } from "./openslo.js";

/** The whole `parley` command line, built fresh so tests can drive it in-process. */
export function buildProgram(): Command {
  const program = new Command()
    .name("parley")
    .description("Parley: the shared map where leadership and engineering align on their AI systems.")
    .version(PARLEY_VERSION)
    .addOption(
      new Option(
        "-d, --database <path-or-url>",
        "SQLite file or postgres:// URL (default: $PARLEY_DATABASE, $DATABASE_URL, or parley-data/parley.db)",
      ),
    )
    .showHelpAfterError("(run with --help for usage)");

  const globalDatabase = (): string => {
    return (program.opts<{ database?: string }>().database ?? databaseSetting()).trim();
  };

  program
    .command("serve")
    .description("Start the Parley server (web app and API) on one port")
    .option("-p, --port <port>", "port to listen on (default: $PORT or 7300)")
    .option("-H, --host <host>", "address to bind (default: $HOST or localhost; 0.0.0.0 for all interfaces)")
    .option("--demo", "load the demo workspace first if the workspace is empty")
    .option(
      "--no-scheduler",
      "do not run periodic jobs and notifications here (another server on the same database runs them)",
    )
    .action(async (opts: { port?: string; host?: string; demo?: boolean; scheduler?: boolean }) => {
      try {
        const port = Number(opts.port ?? process.env.PORT ?? 7300);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw invalid("invalid_port", `"${opts.port}" is not a port number (0-65535).`);
        // Loaded on demand: the server (Fastify, OpenAPI, every route) is most of the CLI's start-up time.
        const { serve } = await import("./serve.js");
        await serve({
          setting: globalDatabase(),
          port,
          host: opts.host ?? process.env.HOST ?? "localhost",
          demo: Boolean(opts.demo),
          scheduler: opts.scheduler !== false,
        });
      } catch (err) {
        fail(err, false);
      }
    });

  program
    .command("migrate")
    .description("Create the database if needed and apply pending schema migrations")
    .option("--json", "print the result as JSON")
    .action(async (opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      try {
        const database = openDatabase(globalDatabase());
        const report = await migrateToLatest(database);
        await database.close();
        emit(json, { database: database.location, ...report }, () =>
          report.applied.length
            ? `Applied ${report.applied.join(", ")} to ${database.location}.`
            : `${database.location} is up to date (${report.current}).`,
        );
      } catch (err) {
        fail(err, json);
      }
    });

  program
    .command("init")
    .description("Create the database and the first admin account")
    .requiredOption("--email <email>", "the admin's e-mail")
    .requiredOption("--name <name>", "the admin's name")
    .addOption(
      new Option("--side <side>", "which side the admin is on").choices([...SIDES]).default("engineering"),
    )
    .option(
      "--password <password>",
      "initial password (default: $PARLEY_ADMIN_PASSWORD; at least 10 characters)",
    )
    .option("--json", "print the result as JSON")
    .action(
      async (opts: { email: string; name: string; side: string; password?: string; json?: boolean }) => {
        const json = Boolean(opts.json);
        try {
          const parsed = SetupFirstAdmin.safeParse({
            ...opts,
            password: opts.password ?? process.env.PARLEY_ADMIN_PASSWORD ?? "",
          });
          if (!parsed.success) {
            const issue = parsed.error.issues[0]!;
            throw invalid("invalid_option", `--${String(issue.path[0])}: ${issue.message}`);
          }
          const database = await openReadyDatabase(globalDatabase());
          const person = await setupFirstAdmin(database, parsed.data, new Date());
          await database.close();
          emit(
            json,
            { database: database.location, admin: person },
            () =>
              `Created ${database.location} with admin ${person.name} <${person.email}>. Start it with: parley serve`,
          );
        } catch (err) {
          fail(err, json);
        }
      },
    );

  program
    .command("demo")
    .description(
      "Load the demo workspace (6 AI systems, people on both sides, rounds, risks, decisions) into an empty workspace",
    )
    .option("--json", "print the result as JSON")
    .action(async (opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      try {
        const database = await openReadyDatabase(globalDatabase());
        const result = await loadDemoWorkspace(database);
        await database.close();
        emit(json, { database: database.location, ...result }, () =>
          result.loaded
            ? `Loaded the demo workspace into ${database.location}: ${result.systems} systems.\nSign in with any of these (password ${DEMO_PASSWORD}):\n${result.people.map((p) => `  ${p.email.padEnd(22)} ${p.name} (${p.side})`).join("\n")}`
            : `${result.reason}`,
        );
        if (!result.loaded && result.people.length === 0) process.exitCode = 1;
      } catch (err) {
        fail(err, json);
      }
    });

  program
    .command("status")
    .description("Show whether the workspace is set up")
    .option("--json", "print the result as JSON")
    .action(async (opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      try {
        const database = await openReadyDatabase(globalDatabase());
        const setup = !(await needsSetup(database));
        const systems = await database.db
          .selectFrom("systems")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow();
        await database.close();
        emit(
          json,
          {
            database: database.location,
            dialect: database.dialect,
            setUp: setup,
            systems: Number(systems.n),
          },
          () =>
            `${database.location} (${database.dialect}): ${setup ? "set up" : "no admin yet: run parley init or open the web app"}, ${Number(systems.n)} systems.`,
        );
      } catch (err) {
        fail(err, json);
      }
    });

  registerSignalCommands(program, globalDatabase);
  registerCheckCommand(program, globalDatabase);
  registerBackupCommands(program, globalDatabase);
  registerAuditCommand(program);
  registerBriefCommands(program, globalDatabase);
  registerConnectorCommands(program, globalDatabase);
  registerRehearseCommand(program, globalDatabase);
  registerConfigCommands(program, globalDatabase);
  registerOpenSloCommands(program, globalDatabase);
  return program;
}
