import { createReadStream, statSync } from "node:fs";
import { pipeline, Transform, type Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { invalid } from "../core/errors.js";

export interface FileSource {
  stream: Readable;
  /** Bytes on disk (0 for stdin), for a progress bar. */
  size: number;
  /** Bytes read from disk so far. */
  read(): number;
}

/** A file to stream ("-" for standard input), gunzipped when its name ends in .gz. */
export function openSource(file: string): FileSource {
  let size = 0;
  if (file !== "-") {
    try {
      size = statSync(file).size;
    } catch {
      throw invalid("file_not_found", `Cannot read ${file}. Check the path.`);
    }
  }
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const raw = file === "-" ? process.stdin : createReadStream(file);
  // pipeline() destroys every stage when one fails, so a read error surfaces on `stream`.
  const ignore = () => undefined;
  const stream: Readable = /\.gz$/i.test(file)
    ? pipeline(raw, counter, createGunzip(), ignore)
    : pipeline(raw, counter, ignore);
  return { stream, size, read: () => bytes };
}
