import { createReadStream, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { Transform } from "node:stream";
import { parse } from "csv-parse";
import cliProgress from "cli-progress";
import { ingestPoints, type NumberedRow } from "../commands/signals.js";
import { ParleyError, invalid } from "../core/errors.js";
import { ProblemList } from "../core/point-input.js";
import type { Database } from "../store/database.js";
import { findSignalRow } from "../store/signals.js";

export interface IngestFileOptions {
  file: string;
  signal?: string | undefined;
  format?: "csv" | "ndjson" | undefined;
  batchSize: number;
  progress: boolean;
}

export interface IngestFileResult {
  file: string;
  accepted: number;
  rejected: number;
  problems: Array<{ line: number; reason: string }>;
  seconds: number;
}

/** Counts bytes as they stream by, for the progress bar. */
function byteCounter(onBytes: (n: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
}

async function* ndjsonRows(
  stream: NodeJS.ReadableStream,
  problems: ProblemList,
): AsyncGenerator<NumberedRow> {
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line += 1;
    const trimmed = text.trim();
    if (!trimmed) continue;
    try {
      yield { line, row: JSON.parse(trimmed) };
    } catch {
      problems.add(line, "not valid JSON");
    }
  }
}

async function* csvRows(stream: NodeJS.ReadableStream): AsyncGenerator<NumberedRow> {
  const parser = stream.pipe(
    parse({
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      info: true,
    }),
  );
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    yield { line: info.lines, row: record };
  }
}

/**
 * Streams a CSV or NDJSON file into the database in batches, so memory stays flat however large
 * the file is. Each batch is committed before the next is read.
 */
export async function ingestFile(database: Database, options: IngestFileOptions): Promise<IngestFileResult> {
  let size: number;
  try {
    size = statSync(options.file).size;
  } catch {
    throw invalid("file_not_found", `Cannot read ${options.file}. Check the path.`);
  }
  const format =
    options.format ??
    (/\.csv$/i.test(options.file) ? "csv" : /\.(nd)?jsonl?$/i.test(options.file) ? "ndjson" : null);
  if (!format)
    throw invalid(
      "unknown_format",
      `Cannot tell the format of ${options.file}: use a .csv or .ndjson file, or pass --format.`,
    );
  const signalId = options.signal ? (await findSignalRow(database.db, options.signal)).id : null;

  const started = Date.now();
  const bar = options.progress
    ? new cliProgress.SingleBar(
        {
          format: "ingest [{bar}] {percentage}% | {value}/{total} MB | {points} points | {rate} points/s",
          stream: process.stderr,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const mb = (n: number) => Math.round((n / 1_048_576) * 10) / 10;
  let bytes = 0;
  let accepted = 0;
  bar?.start(mb(size), 0, { points: 0, rate: 0 });
  const stream = createReadStream(options.file).pipe(byteCounter((n) => (bytes += n)));
  const problems = new ProblemList();
  const rows = format === "csv" ? csvRows(stream) : ndjsonRows(stream, problems);
  const ctx = {
    database,
    actor: { id: "cli", name: "parley ingest", side: "engineering" as const, isAdmin: false },
    now: new Date(),
  };

  let batch: NumberedRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    ctx.now = new Date();
    const result = await ingestPoints(ctx, batch, signalId, problems);
    accepted += result.accepted;
    batch = [];
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    bar?.update(mb(bytes), {
      points: accepted.toLocaleString("en"),
      rate: Math.round(accepted / seconds).toLocaleString("en"),
    });
  };
  try {
    for await (const row of rows) {
      batch.push(row);
      if (batch.length >= options.batchSize) await flush();
    }
    await flush();
  } catch (err) {
    if (err instanceof ParleyError) throw err;
    throw invalid(
      "unreadable_file",
      `Could not read ${options.file}: ${err instanceof Error ? err.message : String(err)}`,
    );
  } finally {
    bar?.update(mb(bytes));
    bar?.stop();
  }
  return {
    file: options.file,
    accepted,
    rejected: problems.count,
    problems: [...problems.items].sort((a, b) => a.line - b.line),
    seconds: (Date.now() - started) / 1000,
  };
}
