import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { exportOpenSlo, importOpenSlo, planOpenSloImport } from "../commands/openslo.js";
import { invalid } from "../core/errors.js";
import { openReadyDatabase } from "./database.js";
import { EXIT, failConfig, planAndApply } from "./config.js";

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

/** `parley openslo import|export`: OpenSLO v1 SLOs in and out as Parley risk budgets. */
export function registerOpenSloCommands(program: Command, databaseSetting: () => string): void {
  const group = program
    .command("openslo")
    .description(
      "Import OpenSLO v1 SLO/SLI documents as risk budgets, or export budgets as OpenSLO (docs/openslo.md)",
    );
  const usage = (cmd: Command) =>
    cmd.exitOverride((err) => process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage));

  usage(
    group
      .command("import")
      .description(
        "Import SLO and SLI documents (multi-document YAML) as objective budgets; shows the plan first",
      )
      .argument("<file>", "an OpenSLO YAML file, or - for stdin")
      .option("--system <key>", "the Parley system the SLOs belong to (default: each SLO's spec.service)")
      .option("--dry-run", "only show the plan")
      .option("-y, --yes", "apply without asking")
      .option("--as <email>", "the person the changes are recorded under (default: $PARLEY_ACTOR)")
      .option("--json", "print the plan as JSON")
      .action(
        async (
          file: string,
          opts: { system?: string; dryRun?: boolean; yes?: boolean; as?: string; json?: boolean },
        ) => {
          try {
            // One file per run keeps line numbers right; for several, join them with --- lines and read -.
            const text = readText(file);
            const name = file === "-" ? "stdin" : file;
            const system = opts.system?.trim().toLowerCase();
            const database = await openReadyDatabase(databaseSetting());
            try {
              await planAndApply(
                database,
                opts,
                `OpenSLO import of ${name} into ${database.location}:`,
                () => planOpenSloImport(database, name, text, { system }),
                (ctx, expected) => importOpenSlo(ctx, name, text, { system, expected }),
              );
            } finally {
              await database.close();
            }
          } catch (err) {
            failConfig(err, Boolean(opts.json));
          }
        },
      ),
  );

  usage(
    group
      .command("export")
      .description("Write the objective budgets as OpenSLO v1 SLO documents with inline SLIs")
      .option("--system <key>", "only this system's budgets")
      .option("-o, --out <file>", "write to this file instead of standard output")
      .action(async (opts: { system?: string; out?: string }) => {
        try {
          const database = await openReadyDatabase(databaseSetting());
          let result: Awaited<ReturnType<typeof exportOpenSlo>>;
          try {
            result = await exportOpenSlo(database, { system: opts.system?.trim().toLowerCase() });
          } finally {
            await database.close();
          }
          if (opts.out) writeFileSync(opts.out, result.text);
          else process.stdout.write(result.text);
          for (const s of result.skipped) process.stderr.write(`Skipped ${s}.\n`);
          process.stderr.write(
            `${result.count} SLO${result.count === 1 ? "" : "s"} exported${opts.out ? ` to ${opts.out}` : ""}.\n`,
          );
        } catch (err) {
          failConfig(err, false);
        }
      }),
  );
}
