import { readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import {
  applyConfigText,
  ConfigProblems,
  exportConfigText,
  planConfigText,
  type PlanOptions,
} from "../commands/config.js";
import type { CommandContext } from "../commands/context.js";
import type { ConfigPlan } from "../contract/config.js";
import { parseConfig } from "../config/check.js";
import { DEFAULT_SCHEMA_REF } from "../config/export.js";
import { configJsonSchemaText } from "../config/json-schema.js";
import { appliedLine, planChangesSomething, renderPlan } from "../config/render-plan.js";
import { formatProblem } from "../config/yaml-source.js";
import { invalid, ParleyError } from "../core/errors.js";
import type { Side } from "../contract/enums.js";
import type { Database } from "../store/database.js";
import { openReadyDatabase } from "./database.js";

/**
 * Exit codes of apply, export and config: 0 done (or nothing to do), 1 the plan could not be
 * applied (a readiness gate refused a stage move, the workspace changed meanwhile, the answer
 * was not "yes", a database error), 2 usage or validation errors (the file has problems, an
 * unknown --as person, a missing argument).
 */
export const EXIT = { ok: 0, applyFailed: 1, usage: 2 } as const;

function exitWith(code: number): never {
  process.exit(code);
}

/** Prints a failure the way config users need it: every problem on its own file:line:column line. */
export function failConfig(err: unknown, json: boolean): never {
  const code = err instanceof ParleyError ? err.code : "internal_error";
  const message = err instanceof Error ? err.message : String(err);
  const usage = err instanceof ParleyError && (err.kind === "invalid" || err.kind === "not_found");
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ error: { code, message, ...(err instanceof ParleyError && err.details !== undefined && { details: err.details }) } }, null, 2)}\n`,
    );
  } else if (err instanceof ConfigProblems) {
    for (const p of err.problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(`parley: ${message}\n`);
  } else {
    process.stderr.write(`parley: ${message}${code !== "internal_error" ? ` [${code}]` : ""}\n`);
    const gaps = (err as { details?: { gaps?: Array<{ message: string }> } }).details?.gaps;
    for (const gap of gaps ?? []) process.stderr.write(`  - ${gap.message}\n`);
    if (process.env.PARLEY_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  }
  exitWith(usage ? EXIT.usage : EXIT.applyFailed);
}

function readText(file: string): string {
  try {
    return file === "-" ? readFileSync(0, "utf8") : readFileSync(file, "utf8");
  } catch (err) {
    throw invalid(
      "file_unreadable",
      `Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Check the path.`,
    );
  }
}

/** The person an apply is recorded under, by e-mail (`--as`, else $PARLEY_ACTOR). */
export async function actorByEmail(
  database: Database,
  email: string | undefined,
): Promise<CommandContext["actor"]> {
  const wanted = (email ?? process.env.PARLEY_ACTOR ?? "").trim().toLowerCase();
  if (!wanted)
    throw invalid(
      "actor_required",
      "Say who is applying, so the audit log can name them: --as you@example.com (or set PARLEY_ACTOR).",
    );
  const person = await database.db
    .selectFrom("people")
    .select(["id", "name", "side", "isAdmin", "disabled"])
    .where("email", "=", wanted)
    .executeTakeFirst();
  if (!person || person.disabled)
    throw invalid(
      "unknown_actor",
      `--as ${wanted}: no active person with that e-mail in this workspace. Use the e-mail of someone who can sign in.`,
    );
  return { id: person.id, name: person.name, side: person.side as Side, isAdmin: person.isAdmin === 1 };
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim().toLowerCase() === "yes";
  } finally {
    rl.close();
  }
}

interface ApplyCliOptions {
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
  prune?: boolean;
  as?: string;
}

/**
 * Plans a document and, unless it is a dry run, applies it after a "yes" (or --yes). Shared by
 * `parley apply` and `parley openslo import`.
 */
export async function planAndApply(
  database: Database,
  opts: ApplyCliOptions,
  heading: string,
  plan: (options: PlanOptions) => Promise<{ plan: ConfigPlan; notes?: string[] }>,
  apply: (ctx: CommandContext, expected: ConfigPlan | undefined) => Promise<{ plan: ConfigPlan }>,
): Promise<void> {
  const json = Boolean(opts.json);
  const options = { prune: Boolean(opts.prune) };
  const say = (text: string) => process.stdout.write(`${text}\n`);
  // The actor is checked before anything is shown, so a bad --as fails fast.
  const actor = opts.dryRun ? null : await actorByEmail(database, opts.as);
  const { plan: shown, notes = [] } = await plan(options);
  const human = () => [renderPlan(shown, heading), ...notes.map((n) => `Note: ${n}`)].join("\n");
  if (opts.dryRun || !planChangesSomething(shown)) {
    if (json) say(JSON.stringify({ plan: shown, notes, applied: false }, null, 2));
    else say(human());
    return;
  }
  if (!json) say(human());
  if (!opts.yes) {
    if (!process.stdin.isTTY)
      throw invalid(
        "confirmation_required",
        "Not a terminal, so nobody can confirm: pass --yes to apply, or --dry-run to only see the plan.",
      );
    if (!(await confirm("\nApply these changes? Only 'yes' will be accepted: "))) {
      process.stderr.write("Apply cancelled: nothing was changed.\n");
      exitWith(EXIT.applyFailed);
    }
  }
  const ctx: CommandContext = { database, actor: actor!, now: new Date() };
  const result = await apply(ctx, opts.yes ? undefined : shown);
  if (json) say(JSON.stringify({ plan: result.plan, notes, applied: true }, null, 2));
  else say(`Applied: ${appliedLine(result.plan.counts)}.`);
}

/** `parley apply`, `parley export` and `parley config schema|validate`. */
export function registerConfigCommands(program: Command, databaseSetting: () => string): void {
  const usageExit = (cmd: Command) =>
    cmd.exitOverride((err) => exitWith(err.exitCode === 0 ? EXIT.ok : EXIT.usage));

  usageExit(
    program
      .command("apply")
      .description(
        "Apply a parley.yaml (systems, owners, signals, limits, budgets, readiness gates, question sets): shows the plan, then applies it in one transaction",
      )
      .argument("<file>", "the YAML file, or - for stdin")
      .option("--dry-run", "only show the plan")
      .option("-y, --yes", "apply without asking (for pipelines)")
      .option("--prune", "archive limits, budgets and set questions that are not in the file")
      .option("--as <email>", "the person the changes are recorded under (default: $PARLEY_ACTOR)")
      .option("--json", "print the plan (and whether it was applied) as JSON")
      .action(async (file: string, opts: ApplyCliOptions) => {
        try {
          const text = readText(file);
          const name = file === "-" ? "stdin" : file;
          const database = await openReadyDatabase(databaseSetting());
          try {
            await planAndApply(
              database,
              opts,
              `Plan for ${name} against ${database.location}:`,
              async (options) => ({ plan: await planConfigText(database, name, text, options) }),
              (ctx, expected) => applyConfigText(ctx, name, text, { prune: Boolean(opts.prune), expected }),
            );
          } finally {
            await database.close();
          }
        } catch (err) {
          failConfig(err, Boolean(opts.json));
        }
      }),
  );

  usageExit(
    program
      .command("export")
      .description("Write the workspace as a parley.yaml that `parley apply` accepts with zero changes")
      .option("-o, --out <file>", "write to this file instead of standard output")
      .option(
        "--schema-ref <ref>",
        `what the yaml-language-server line points editors at (default ${DEFAULT_SCHEMA_REF}; e.g. http://localhost:7300/api/v1/config/schema)`,
      )
      .action(async (opts: { out?: string; schemaRef?: string }) => {
        try {
          const database = await openReadyDatabase(databaseSetting());
          let text: string;
          try {
            text = await exportConfigText(database, {
              now: new Date(),
              ...(opts.schemaRef !== undefined && { schemaRef: opts.schemaRef }),
            });
          } finally {
            await database.close();
          }
          if (opts.out) {
            writeFileSync(opts.out, text);
            process.stderr.write(`Wrote ${opts.out}.\n`);
          } else process.stdout.write(text);
        } catch (err) {
          failConfig(err, false);
        }
      }),
  );

  const config = program
    .command("config")
    .description("The parley.yaml format: its JSON Schema, and checking a file offline");
  usageExit(
    config
      .command("schema")
      .description("Print the JSON Schema of parley.yaml (for editor completion)")
      .option("-o, --out <file>", "write to this file instead of standard output")
      .action((opts: { out?: string }) => {
        const text = configJsonSchemaText();
        if (opts.out) {
          writeFileSync(opts.out, text);
          process.stderr.write(`Wrote ${opts.out}.\n`);
        } else process.stdout.write(text);
      }),
  );
  usageExit(
    config
      .command("validate")
      .description("Check a parley.yaml against the schema without a database (exit 2 with every problem)")
      .argument("<file>", "the YAML file, or - for stdin")
      .option("--json", "print problems as JSON")
      .action((file: string, opts: { json?: boolean }) => {
        const json = Boolean(opts.json);
        try {
          const name = file === "-" ? "stdin" : file;
          const parsed = parseConfig(name, readText(file));
          if (!parsed.ok) throw new ConfigProblems(parsed.problems);
          if (json) process.stdout.write(`${JSON.stringify({ valid: true }, null, 2)}\n`);
          else process.stdout.write(`${name} is valid.\n`);
        } catch (err) {
          failConfig(err, json);
        }
      }),
  );
}
