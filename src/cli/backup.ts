import type { Command } from "commander";
import cliProgress from "cli-progress";
import { backupTo, migrateDatabase, restoreFrom } from "../commands/backup.js";
import { invalid } from "../core/errors.js";
import type { CopyReport } from "../store/backup.js";
import { migrateToLatest, openDatabase } from "../store/database.js";
import { emit, fail } from "./output.js";

function progressBar(enabled: boolean) {
  if (!enabled) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: "{table} | {rows} rows", stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0, { table: "", rows: 0 });
  return {
    update: (table: string, rows: number) =>
      bar.update(0, { table: table.padEnd(20), rows: rows.toLocaleString("en") }),
    stop: () => bar.stop(),
  };
}

function table(reports: CopyReport[]): string {
  return reports
    .map(
      (r) =>
        `  ${r.table.padEnd(22)} ${String(r.rows).padStart(10)} rows  ${r.checksum.slice(0, 12)}${r.verified === undefined ? "" : r.verified ? "  ✔ identical" : "  ✘ DIFFERENT"}`,
    )
    .join("\n");
}

/** `parley backup`, `parley restore` and `parley migrate-db`. */
export function registerBackupCommands(program: Command, databaseSetting: () => string): void {
  program
    .command("backup")
    .description("Write a consistent snapshot of the workspace to a file (safe while the server runs)")
    .argument("<file>", "where to write the backup (gzipped JSON lines, e.g. parley-2026-11-28.jsonl.gz)")
    .option("--json", "print the result as JSON")
    .action(async (file: string, opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      try {
        const database = openDatabase(databaseSetting());
        const bar = progressBar(!json && process.stderr.isTTY === true);
        const reports = await backupTo(database, file, bar.update).finally(() => bar.stop());
        await database.close();
        emit(
          json,
          { file, tables: reports },
          () => `Backed up ${database.location} to ${file}:\n${table(reports)}`,
        );
      } catch (err) {
        fail(err, json);
      }
    });

  program
    .command("restore")
    .description(
      "Restore a backup into an empty workspace (a new SQLite file or an empty PostgreSQL database)",
    )
    .argument("<file>", "a file written by parley backup")
    .option("--json", "print the result as JSON")
    .action(async (file: string, opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      try {
        const database = openDatabase(databaseSetting());
        const bar = progressBar(!json && process.stderr.isTTY === true);
        const reports = await restoreFrom(database, file, bar.update).finally(() => bar.stop());
        await database.close();
        emit(
          json,
          { file, database: database.location, tables: reports },
          () =>
            `Restored ${file} into ${database.location}; every table matches its checksum:\n${table(reports)}`,
        );
      } catch (err) {
        fail(err, json);
      }
    });

  program
    .command("migrate-db")
    .description(
      "Copy this workspace into another, empty database (e.g. SQLite to PostgreSQL) and verify every table",
    )
    .requiredOption("--to <url>", "the target: a postgres:// URL or a new SQLite file")
    .option("--json", "print the result as JSON")
    .action(async (opts: { to: string; json?: boolean }) => {
      const json = Boolean(opts.json);
      try {
        const from = databaseSetting();
        if (from === opts.to)
          throw invalid(
            "same_database",
            "--to names the database Parley is already using. Give a different target.",
          );
        const source = openDatabase(from);
        const target = openDatabase(opts.to);
        await migrateToLatest(target);
        const bar = progressBar(!json && process.stderr.isTTY === true);
        const reports = await migrateDatabase(source, target, bar.update).finally(() => bar.stop());
        await source.close();
        await target.close();
        const ok = reports.every((r) => r.verified);
        emit(
          json,
          { from: source.location, to: target.location, identical: ok, tables: reports },
          () =>
            `${ok ? "Copied" : "Copy FAILED verification:"} ${source.location} → ${target.location}\n${table(reports)}${ok ? `\nPoint Parley at it with PARLEY_DATABASE=${target.location}` : ""}`,
        );
        if (!ok) process.exitCode = 1;
      } catch (err) {
        fail(err, json);
      }
    });
}
