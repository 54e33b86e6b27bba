import { Option, type Command } from "commander";
import { systemReadiness } from "../commands/systems.js";
import { STAGES, type Stage } from "../contract/enums.js";
import type { Readiness } from "../contract/systems.js";
import { openReadyDatabase } from "./database.js";
import { emit, fail } from "./output.js";

interface CheckResult extends Readiness {
  system: string;
  name: string;
}

/** `parley check`: the readiness gates as a release-pipeline step. */
export function registerCheckCommand(program: Command, databaseSetting: () => string): void {
  program
    .command("check")
    .description(
      "Check readiness gates; exits 1 and lists what is missing when a gate fails (for release pipelines)",
    )
    .option("-s, --system <key>", "the system to check (default: every system that is not retired)")
    .addOption(
      new Option(
        "--stage <stage>",
        "the stage to check against (default: the system's current stage)",
      ).choices([...STAGES]),
    )
    .option("--json", "print the result as JSON")
    .action(async (opts: { system?: string; stage?: Stage; json?: boolean }) => {
      const json = Boolean(opts.json);
      try {
        const database = await openReadyDatabase(databaseSetting());
        const rows = opts.system
          ? [{ key: opts.system }]
          : await database.db
              .selectFrom("systems")
              .select("key")
              .where("stage", "!=", "retired")
              .orderBy("key")
              .execute();
        const results: CheckResult[] = [];
        const now = new Date();
        for (const { key } of rows) {
          const system = await database.db
            .selectFrom("systems")
            .select(["key", "name", "stage"])
            .where("key", "=", key.toLowerCase())
            .executeTakeFirst();
          const readiness = await systemReadiness(
            database.db,
            key,
            opts.stage ?? (system?.stage as Stage | undefined),
            now,
          );
          results.push({ system: system?.key ?? key, name: system?.name ?? key, ...readiness });
        }
        await database.close();
        const failed = results.filter((r) => !r.ready);
        emit(json, { ready: failed.length === 0, results }, () =>
          results
            .map((r) =>
              r.ready
                ? `✔ ${r.name} (${r.system}) meets the ${r.to ?? r.from} gate`
                : [
                    `✘ ${r.name} (${r.system}) does not meet the ${r.to} gate:`,
                    ...r.gaps.map((g) => `    - ${g.message} [${g.rule}]`),
                  ].join("\n"),
            )
            .join("\n"),
        );
        if (failed.length > 0) process.exitCode = 1;
      } catch (err) {
        fail(err, json);
      }
    });
}
