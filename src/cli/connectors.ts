import { createInterface } from "node:readline";
import cliProgress from "cli-progress";
import { Option, type Command } from "commander";
import { parse } from "csv-parse";
import type { FocusImportResult } from "../contract/connectors.js";
import { SignalCreate } from "../contract/signals.js";
import type { CommandContext } from "../commands/context.js";
import { createSignal, ingestPoints, type NumberedRow } from "../commands/signals.js";
import { invalid, ParleyError } from "../core/errors.js";
import { checkPointRow, ProblemList } from "../core/point-input.js";
import { SIGNAL_KINDS } from "../core/signals/types.js";
import { openSource, type FileSource } from "../ingest/file-source.js";
import { importFocus } from "../ingest/focus/import.js";
import {
  mapTableRow,
  TIME_FORMATS,
  type MappedPoint,
  type TableMapping,
  type TimeFormat,
} from "../ingest/table-import.js";
import type { Database } from "../store/database.js";
import { findSignalRow, resolveSignalRefs } from "../store/signals.js";
import { openReadyDatabase } from "./database.js";
import { emit, fail } from "./output.js";

const CLI_ACTOR = { id: "cli", name: "parley import", side: "engineering" as const, isAdmin: false };

function contextOf(database: Database): CommandContext {
  return { database, actor: CLI_ACTOR, now: new Date() };
}

/** A progress bar on stderr (only when it is a terminal and output is not JSON). */
function progressBar(show: boolean, source: FileSource, label: string, unit: string) {
  if (!show || process.stderr.isTTY !== true) return null;
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} MB | {items} ${unit}`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const mb = (n: number) => Math.round((n / 1_048_576) * 10) / 10;
  bar.start(Math.max(mb(source.size), 0.1), 0, { items: 0 });
  return {
    update: (items: number) => bar.update(mb(source.read()), { items: items.toLocaleString("en") }),
    stop: () => {
      bar.update(mb(source.read()));
      bar.stop();
    },
  };
}

/** `parley import focus|csv|ndjson`: billing exports and any table of numbers into signals. */
export function registerConnectorCommands(program: Command, databaseSetting: () => string): void {
  const group = program
    .command("import")
    .description(
      "Import FinOps FOCUS billing exports, or CSV/NDJSON files with a column mapping, into signals",
    );

  group
    .command("focus")
    .description(
      "Import a FOCUS 1.x billing export (CSV, .csv.gz, or - for stdin): daily cost per system (billing.cost.<currency>) and tokens where the unit is tokens",
    )
    .argument("<file>", "the FOCUS CSV export")
    .option("--dry-run", "check and summarise the file without storing anything")
    .option("--json", "print the result as JSON (no progress bar)")
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean }) => {
      const json = Boolean(opts.json);
      try {
        const database = await openReadyDatabase(databaseSetting());
        const source = openSource(file);
        const bar = progressBar(!json, source, "focus", "rows");
        let result: FocusImportResult;
        try {
          result = await importFocus(contextOf(database), source.stream, {
            fileName: file === "-" ? "stdin" : (file.split("/").pop() ?? file),
            dryRun: Boolean(opts.dryRun),
            onProgress: (rows) => bar?.update(rows),
          });
        } finally {
          bar?.stop();
          await database.close();
        }
        emit(json, result, () => describeFocus(file, result));
        if (result.rejected > 0) process.exitCode = 1;
      } catch (err) {
        fail(err, json);
      }
    });

  for (const format of ["csv", "ndjson"] as const) registerTableImport(group, databaseSetting, format);
}

function describeFocus(file: string, r: FocusImportResult): string {
  const lines = [
    `${r.dryRun ? "Dry run: would import" : "Imported"} ${r.imported.toLocaleString("en")} new charges from ${file} (${r.rows.toLocaleString("en")} rows: ${r.duplicates} already imported, ${r.corrections} corrections among the new, ${r.unmapped} unmapped, ${r.rejected} rejected).`,
  ];
  for (const s of r.systems)
    lines.push(
      `  ${s.systemKey.padEnd(24)} ${s.cost.toFixed(2).padStart(12)} ${s.currency}  ${s.tokens > 0 ? `${s.tokens.toLocaleString("en")} tokens, ` : ""}${s.days} days`,
    );
  if (r.unmappedGroups.length > 0) {
    lines.push(
      "Unmapped (tag rows parley-system=<system key>, or add a rule: POST /api/v1/connectors/focus/rules):",
    );
    for (const u of r.unmappedGroups.slice(0, 10))
      lines.push(`  ${u.name}: ${u.rows} rows, ${u.cost.toFixed(2)} ${u.currency}`);
  }
  for (const p of r.problems.slice(0, 20)) lines.push(`  line ${p.line}: ${p.reason}`);
  if (r.rejected > 20) lines.push(`  ... and ${r.rejected - 20} more (use --json for the first 1000)`);
  return lines.join("\n");
}

interface TableOptions {
  signal?: string;
  signalColumn?: string;
  timeColumn: string;
  valueColumn: string;
  denominatorColumn?: string;
  sourceColumn?: string;
  source?: string;
  timeFormat: TimeFormat;
  utc?: boolean;
  scale: string;
  delimiter: string;
  create?: string;
  aggregation?: string;
  unit?: string;
  dryRun?: boolean;
  preview: string;
  batch: string;
  json?: boolean;
}

function registerTableImport(group: Command, databaseSetting: () => string, format: "csv" | "ndjson"): void {
  const column = format === "csv" ? "column" : "field (a dotted path like usage.cost)";
  group
    .command(format)
    .description(
      `Import a ${format === "csv" ? "CSV" : "NDJSON"} file into a signal, mapping its ${format === "csv" ? "columns" : "fields"} to time, value and (optionally) denominator, source and signal`,
    )
    .argument(
      "<file>",
      `the ${format === "csv" ? "CSV (with a header row)" : "NDJSON"} file; .gz is read compressed; - reads stdin`,
    )
    .option("-s, --signal <ref>", 'the signal every row belongs to: "system-key/signal-key" or a signal id')
    .option("--signal-column <name>", `the ${column} naming each row's signal (instead of --signal)`)
    .requiredOption("-t, --time-column <name>", `the ${column} holding the time`)
    .requiredOption("-v, --value-column <name>", `the ${column} holding the value`)
    .option("-n, --denominator-column <name>", `the ${column} holding the denominator (for ratio signals)`)
    .option("--source-column <name>", `the ${column} telling senders apart`)
    .option(
      "--source <text>",
      "a source for every row (default: empty); re-importing the same rows replaces them",
    )
    .addOption(
      new Option("--time-format <format>", "how times are written")
        .choices([...TIME_FORMATS])
        .default("auto"),
    )
    .option("--utc", 'read times without a zone ("2026-05-01 10:00") as UTC')
    .option("--scale <factor>", "multiply every value, e.g. 0.01 for cents into dollars", "1")
    .option("--delimiter <char>", "CSV delimiter", ",")
    .addOption(
      new Option("--create <kind>", "create the --signal if it does not exist, as this kind").choices([
        ...SIGNAL_KINDS,
      ]),
    )
    .addOption(new Option("--aggregation <how>", "with --create").choices(["sum", "mean", "ratio"]))
    .option("--unit <unit>", 'with --create, e.g. "USD"')
    .option("--dry-run", "show the first rows as they would be stored, check every row, store nothing")
    .option("--preview <n>", "rows to show in a dry run", "10")
    .option("--batch <n>", "points per committed batch", "10000")
    .option("--json", "print the result as JSON (no progress bar)")
    .action(async (file: string, opts: TableOptions) => {
      const json = Boolean(opts.json);
      try {
        const result = await importTable(databaseSetting, format, file, opts);
        emit(json, result, () => describeTable(file, result));
        if (result.rejected > 0) process.exitCode = result.accepted > 0 || result.dryRun ? 1 : 2;
      } catch (err) {
        fail(err, json);
      }
    });
}

function mappingOf(opts: TableOptions): TableMapping {
  const scale = Number(opts.scale);
  if (!Number.isFinite(scale) || scale === 0)
    throw invalid("invalid_option", "--scale must be a non-zero number.");
  if (!opts.signal && !opts.signalColumn)
    throw invalid(
      "signal_required",
      "Name the signal: --signal system-key/signal-key, or --signal-column with each row's signal.",
    );
  if (opts.signal && opts.signalColumn)
    throw invalid("invalid_option", "Use either --signal or --signal-column, not both.");
  if (opts.create && !opts.signal)
    throw invalid("invalid_option", "--create needs --signal system-key/signal-key.");
  return {
    timeColumn: opts.timeColumn,
    valueColumn: opts.valueColumn,
    denominatorColumn: opts.denominatorColumn,
    sourceColumn: opts.sourceColumn,
    source: opts.source,
    signalColumn: opts.signalColumn,
    timeFormat: opts.timeFormat,
    utc: Boolean(opts.utc),
    scale,
  };
}

async function* tableRecords(
  format: "csv" | "ndjson",
  source: FileSource,
  delimiter: string,
  problems: ProblemList,
): AsyncGenerator<{ line: number; record: Record<string, unknown> }> {
  if (format === "csv") {
    const parser = source.stream.pipe(
      parse({
        columns: (h: string[]) => h.map((c) => c.trim()),
        bom: true,
        delimiter,
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
        info: true,
      }),
    );
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>)
      yield { line: info.lines, record };
    return;
  }
  let line = 0;
  for await (const text of createInterface({ input: source.stream, crlfDelay: Infinity })) {
    line += 1;
    if (!text.trim()) continue;
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === "object" && !Array.isArray(value))
        yield { line, record: value as Record<string, unknown> };
      else problems.add(line, "each line must be a JSON object");
    } catch {
      problems.add(line, "not valid JSON");
    }
  }
}

export interface TableImportResult {
  file: string;
  dryRun: boolean;
  rows: number;
  accepted: number;
  rejected: number;
  problems: Array<{ line: number; reason: string }>;
  preview: Array<{ line: number; t: string; v: number; n?: number; source: string; signal: string }>;
  seconds: number;
}

async function resolveSignal(ctx: CommandContext, opts: TableOptions): Promise<string | null> {
  if (!opts.signal) return null;
  try {
    return (await findSignalRow(ctx.database.db, opts.signal)).id;
  } catch (err) {
    if (!(err instanceof ParleyError && err.kind === "not_found")) throw err;
    if (!opts.create || !opts.signal.includes("/"))
      throw invalid(
        "signal_not_found",
        `There is no signal "${opts.signal}". Create it in the web app or API, or pass --create <kind> (with --aggregation and --unit).`,
      );
    if (opts.dryRun) return null;
    const [system, key] = opts.signal.split("/", 2) as [string, string];
    const parsed = SignalCreate.safeParse({
      key,
      name: key,
      kind: opts.create,
      unit: opts.unit ?? "",
      aggregation: opts.aggregation ?? (opts.create === "cost" ? "sum" : "mean"),
    });
    if (!parsed.success)
      throw invalid("invalid_option", `Cannot create "${opts.signal}": ${parsed.error.issues[0]?.message}`);
    return (await createSignal(ctx, system, parsed.data)).id;
  }
}

/** Streams a CSV/NDJSON file through the column mapping into the ordinary point ingestion. */
async function importTable(
  databaseSetting: () => string,
  format: "csv" | "ndjson",
  file: string,
  opts: TableOptions,
): Promise<TableImportResult> {
  const mapping = mappingOf(opts);
  const batchSize = Number(opts.batch);
  const previewSize = Number(opts.preview);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000)
    throw invalid("invalid_option", "--batch must be a whole number from 1 to 100000.");
  if (!Number.isInteger(previewSize) || previewSize < 0)
    throw invalid("invalid_option", "--preview must be a whole number.");
  const database = await openReadyDatabase(databaseSetting());
  const started = Date.now();
  try {
    const ctx = contextOf(database);
    const signalId = await resolveSignal(ctx, opts);
    const source = openSource(file);
    const bar = progressBar(!opts.json, source, opts.dryRun ? "check" : "import", "rows");
    const problems = new ProblemList();
    const preview: TableImportResult["preview"] = [];
    const refs = new Map<string, number[]>();
    let rows = 0;
    let accepted = 0;
    let batch: NumberedRow[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      ctx.now = new Date();
      accepted += (await ingestPoints(ctx, batch, signalId, problems)).accepted;
      batch = [];
      bar?.update(rows);
    };
    try {
      for await (const { line, record } of tableRecords(format, source, opts.delimiter, problems)) {
        rows += 1;
        const mapped = mapTableRow(record, mapping);
        if (!mapped.ok) {
          problems.add(line, mapped.reason);
          continue;
        }
        if (opts.dryRun) {
          if (dryCheck(line, mapped.point, problems, refs)) {
            accepted += 1;
            if (preview.length < previewSize) preview.push(previewRow(line, mapped.point, opts.signal));
          }
          if (rows % 10_000 === 0) bar?.update(rows);
          continue;
        }
        batch.push({ line, row: mapped.point });
        if (batch.length >= batchSize) await flush();
      }
      await flush();
    } catch (err) {
      if (err instanceof ParleyError) throw err;
      throw invalid(
        "unreadable_file",
        `Could not read ${file}: ${err instanceof Error ? err.message : String(err)}`,
      );
    } finally {
      bar?.stop();
    }
    if (opts.dryRun && !signalId && !opts.signal) accepted -= await unknownRefs(database, refs, problems);
    return {
      file,
      dryRun: Boolean(opts.dryRun),
      rows,
      accepted,
      rejected: problems.count,
      problems: [...problems.items].sort((a, b) => a.line - b.line),
      preview,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await database.close();
  }
}

/** The checks ingestion would make, for a dry run; signal names are resolved at the end. */
function dryCheck(
  line: number,
  point: MappedPoint,
  problems: ProblemList,
  refs: Map<string, number[]>,
): boolean {
  const check = checkPointRow(point);
  if (!check.ok) {
    problems.add(line, check.reason);
    return false;
  }
  if (point.signal) {
    const lines = refs.get(point.signal) ?? [];
    lines.push(line);
    refs.set(point.signal, lines);
  }
  return true;
}

async function unknownRefs(
  database: Database,
  refs: Map<string, number[]>,
  problems: ProblemList,
): Promise<number> {
  const known = await resolveSignalRefs(database.db, refs.keys());
  let unknown = 0;
  for (const [ref, lines] of refs) {
    if (known.has(ref)) continue;
    for (const line of lines) problems.add(line, `unknown signal "${ref}"; create it first`);
    unknown += lines.length;
  }
  return unknown;
}

function previewRow(
  line: number,
  p: MappedPoint,
  signal: string | undefined,
): TableImportResult["preview"][number] {
  return {
    line,
    t: new Date(p.t).toISOString(),
    v: p.v,
    ...(p.n !== undefined && { n: p.n }),
    source: p.source,
    signal: p.signal ?? signal ?? "",
  };
}

function describeTable(file: string, r: TableImportResult): string {
  const lines: string[] = [];
  if (r.dryRun) {
    lines.push(`Dry run of ${file}: nothing was stored. The first rows as they would be stored:`);
    lines.push(
      `  ${"line".padStart(4)}  ${"time".padEnd(24)}  ${"value".padStart(12)}  ${"n".padStart(9)}  ${"source".padEnd(10)}  signal`,
    );
    for (const p of r.preview)
      lines.push(
        `  ${String(p.line).padStart(4)}  ${p.t}  ${String(p.v).padStart(12)}  ${String(p.n ?? "").padStart(9)}  ${p.source.slice(0, 10).padEnd(10)}  ${p.signal}`,
      );
    lines.push(
      `${r.accepted.toLocaleString("en")} of ${r.rows.toLocaleString("en")} rows would be stored, ${r.rejected.toLocaleString("en")} rejected.`,
    );
  } else {
    lines.push(
      `${r.accepted.toLocaleString("en")} points stored from ${r.rows.toLocaleString("en")} rows, ${r.rejected.toLocaleString("en")} rejected (${r.seconds.toFixed(1)} s).`,
    );
  }
  for (const p of r.problems.slice(0, 20)) lines.push(`  line ${p.line}: ${p.reason}`);
  if (r.rejected > 20) lines.push(`  ... and ${r.rejected - 20} more (use --json for the first 1000)`);
  return lines.join("\n");
}
