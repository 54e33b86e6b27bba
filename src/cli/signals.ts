import { readFileSync } from "node:fs";
import { Option, type Command } from "commander";
import { runDetect, SeriesParseError } from "../core/signals/run-detect.js";
import { invalid, ParleyError } from "../core/errors.js";
import { openReadyDatabase } from "./database.js";
import { ingestFile } from "./ingest.js";
import { emit, fail } from "./output.js";

/** `parley ingest` and `parley detect`: getting production data in, and looking for quiet change. */
export function registerSignalCommands(program: Command, databaseSetting: () => string): void {
  program
    .command("ingest")
    .description(
      "Stream points from a CSV or NDJSON file into the database (columns/fields: t, v, optional n, source, signal)",
    )
    .argument("<file>", "a .csv (header row: t,v[,n,source,signal]) or .ndjson file")
    .option(
      "-s, --signal <ref>",
      'the signal every row belongs to: "system-key/signal-key" or a signal id (otherwise each row names its signal)',
    )
    .addOption(
      new Option("--format <format>", "file format (default: from the extension)").choices(["csv", "ndjson"]),
    )
    .option("--batch <n>", "points per committed batch", "10000")
    .option("--json", "print the result as JSON (no progress bar)")
    .action(
      async (
        file: string,
        opts: { signal?: string; format?: "csv" | "ndjson"; batch: string; json?: boolean },
      ) => {
        const json = Boolean(opts.json);
        try {
          const batchSize = Number(opts.batch);
          if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000)
            throw invalid("invalid_option", "--batch must be a whole number from 1 to 100000.");
          const database = await openReadyDatabase(databaseSetting());
          const result = await ingestFile(database, {
            file,
            signal: opts.signal,
            format: opts.format,
            batchSize,
            progress: !json && process.stderr.isTTY === true,
          });
          await database.close();
          emit(json, result, () => {
            const lines = [
              `${result.accepted.toLocaleString("en")} points stored, ${result.rejected.toLocaleString("en")} rejected (${result.seconds.toFixed(1)} s).`,
            ];
            for (const p of result.problems.slice(0, 20)) lines.push(`  line ${p.line}: ${p.reason}`);
            if (result.rejected > 20)
              lines.push(`  ... and ${result.rejected - 20} more (use --json for the first 1000)`);
            return lines.join("\n");
          });
          if (result.rejected > 0) process.exitCode = result.accepted > 0 ? 1 : 2;
        } catch (err) {
          fail(err, json);
        }
      },
    );

  program
    .command("detect")
    .description("Find level shifts and slow trends in any series; prints JSON {changePoints, trends}")
    .argument(
      "<file>",
      'CSV with a "timestamp,value" or "value" header, bare numbers one per line, or a JSON array of numbers or {t, v} objects; "-" reads stdin',
    )
    .action((file: string) => {
      try {
        let text: string;
        try {
          text = readFileSync(file === "-" ? 0 : file, "utf8");
        } catch {
          throw invalid("file_not_found", `Cannot read ${file}. Check the path.`);
        }
        process.stdout.write(`${JSON.stringify(runDetect(text))}\n`);
      } catch (err) {
        if (err instanceof SeriesParseError)
          fail(new ParleyError("invalid", err.code, `The series could not be read:\n${err.message}`), false);
        fail(err, false);
      }
    });
}
