import { writeFileSync } from "node:fs";
import { Option, type Command } from "commander";
import { IsoDate } from "../contract/common.js";
import { VOICES, type Voice } from "../contract/briefs.js";
import { buildBrief } from "../core/briefs/index.js";
import { invalid } from "../core/errors.js";
import { renderBriefMarkdown } from "../briefs/markdown.js";
import { loadBriefSnapshot } from "../store/briefs.js";
import { openReadyDatabase } from "./database.js";
import { fail } from "./output.js";

interface BriefOptions {
  system?: string;
  for: Voice;
  format: "md" | "pdf" | "json";
  from?: string;
  to?: string;
  output?: string;
}

function dateOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!IsoDate.safeParse(value).success)
    throw invalid("invalid_option", `--${name}: "${value}" is not a date. Use YYYY-MM-DD, e.g. 2026-11-01.`);
  return value;
}

/** `parley brief`: a leadership or engineering brief as Markdown, PDF or JSON. */
export function registerBriefCommands(program: Command, databaseSetting: () => string): void {
  program
    .command("brief")
    .description("Write a brief for leadership or engineering, for one system or the whole portfolio")
    .addOption(new Option("--for <voice>", "who the brief is for").choices([...VOICES]).makeOptionMandatory())
    .option("-s, --system <key>", "one system's key (default: every active system)")
    .addOption(
      new Option("-f, --format <format>", "output format").choices(["md", "pdf", "json"]).default("md"),
    )
    .option("--from <date>", "first day of the period, YYYY-MM-DD (default: 29 days before --to)")
    .option("--to <date>", "last day of the period, YYYY-MM-DD (default: today)")
    .option(
      "-o, --output <file>",
      "write to this file instead of standard output (needed for PDF on a terminal)",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  parley brief --for leadership --format pdf -o board.pdf\n  parley brief --for engineering --system support-assistant --from 2026-10-01 --to 2026-10-31\n",
    )
    .action(async (opts: BriefOptions) => {
      const json = opts.format === "json";
      try {
        const period = { from: dateOption("from", opts.from), to: dateOption("to", opts.to) };
        if (opts.format === "pdf" && !opts.output && process.stdout.isTTY)
          throw invalid("pdf_needs_file", "A PDF is binary and would garble the terminal. Add -o brief.pdf.");
        const database = await openReadyDatabase(databaseSetting());
        let brief;
        try {
          const snapshot = await loadBriefSnapshot(
            database.db,
            { ...period, systemRef: opts.system },
            new Date(),
          );
          brief = buildBrief(snapshot, opts.for);
        } finally {
          await database.close();
        }
        const body =
          opts.format === "pdf"
            ? await (await import("../briefs/pdf.js")).renderBriefPdf(brief) // pdfkit only when asked for
            : opts.format === "json"
              ? `${JSON.stringify(brief, null, 2)}\n`
              : renderBriefMarkdown(brief);
        if (opts.output) {
          try {
            writeFileSync(opts.output, body);
          } catch {
            throw invalid(
              "cannot_write",
              `Cannot write ${opts.output}. Check the folder exists and is writable.`,
            );
          }
          process.stderr.write(
            `Wrote the ${brief.title} (${brief.period.from} to ${brief.period.to}) to ${opts.output}.\n`,
          );
        } else {
          process.stdout.write(body);
        }
      } catch (err) {
        fail(err, json);
      }
    });
}
