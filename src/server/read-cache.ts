import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { Negotiator } from "@fastify/accept-negotiator";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export type ContentCoding = "br" | "gzip" | "identity";

/** One representation of a cached body. */
export interface Representation {
  coding: ContentCoding;
  body: Buffer;
  /** A strong ETag of this representation, for If-None-Match (each coding has its own). */
  etag: string;
}

/** A response body prepared once and sent as-is to every reader: plain, gzip and brotli. */
export interface CachedBody {
  body: Buffer;
  /** A strong ETag of the plain body. */
  etag: string;
  /** Compressed once per refresh, off the event loop: a map of 500 systems is ~40x smaller. */
  gzip: Buffer;
  br: Buffer;
}

interface Entry {
  /** Writes counted when the computation started: it reflects every write up to this one. */
  seq: number;
  at: number;
  body: Promise<CachedBody>;
}

async function prepare(json: string): Promise<CachedBody> {
  const body = Buffer.from(json, "utf8");
  const [gz, br] = await Promise.all([
    gzipAsync(body, { level: 6 }),
    // Quality 5: most of brotli's gain at gzip's speed (11, the default, is ~50x slower).
    brotliAsync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  ]);
  return { body, etag: `"${createHash("sha1").update(body).digest("base64url")}"`, gzip: gz, br };
}

// No cache: header strings come from clients, and a cache keyed by them would grow without bound.
const codings = new Negotiator<ContentCoding>({ supportedValues: ["br", "gzip", "identity"] });

/**
 * The representation to send for an Accept-Encoding header (none, or nothing acceptable: plain).
 * Its ETag names the coding, so a cache never confuses a compressed body with the plain one.
 */
export function representationFor(cached: CachedBody, acceptEncoding: string | undefined): Representation {
  const coding = (acceptEncoding ? codings.negotiate(acceptEncoding) : null) ?? "identity";
  if (coding === "identity") return { coding, body: cached.body, etag: cached.etag };
  return { coding, body: cached[coding], etag: `${cached.etag.slice(0, -1)}-${coding}"` };
}

/**
 * A cache for expensive whole-workspace reads (the shared map), stale-while-revalidate with
 * read-your-writes: a person who just wrote always gets a result computed after their write;
 * everyone else gets the last result at once while a refresh runs in the background once it is
 * older than `ttlMs`. At most one computation per key runs at a time: concurrent requests share
 * it, and writers who need a newer one share the single computation queued behind it, so a burst
 * of writes cannot start a stampede of rebuilds. Bodies are serialised once, as bytes.
 */
export class ReadCache {
  private writes = 0;
  private readonly lastWriteBy = new Map<string, number>();
  private readonly done = new Map<string, Entry>();
  private readonly running = new Map<string, Entry>();
  private readonly queued = new Map<string, Promise<CachedBody>>();

  constructor(private readonly ttlMs = 2_000) {}

  /** Records a successful write by `actorId` (called after each write request). */
  noteWrite(actorId: string): void {
    this.writes += 1;
    this.lastWriteBy.set(actorId, this.writes);
  }

  get(key: string, now: number, actorId: string, compute: () => Promise<string>): Promise<CachedBody> {
    const needed = this.lastWriteBy.get(actorId) ?? 0;
    const current = this.done.get(key);
    const pending = this.running.get(key);
    if (current && current.seq >= needed) {
      if (now - current.at >= this.ttlMs && !pending) this.refresh(key, now, compute);
      return current.body;
    }
    if (pending && pending.seq >= needed) return pending.body;
    if (!pending) return this.refresh(key, now, compute).body;
    // A computation is running but started before this reader's write: wait for the next one,
    // which starts when it ends and so counts every write made until then.
    let next = this.queued.get(key);
    if (!next) {
      const after = () => {
        this.queued.delete(key);
        return this.refresh(key, now, compute).body;
      };
      next = pending.body.then(after, after);
      this.queued.set(key, next);
    }
    return next;
  }

  private refresh(key: string, now: number, compute: () => Promise<string>): Entry {
    const entry: Entry = { seq: this.writes, at: now, body: compute().then(prepare) };
    this.running.set(key, entry);
    entry.body.then(
      () => {
        if (this.running.get(key) === entry) this.running.delete(key);
        const current = this.done.get(key);
        if (!current || current.seq <= entry.seq) this.done.set(key, entry);
      },
      () => {
        if (this.running.get(key) === entry) this.running.delete(key);
      },
    );
    return entry;
  }
}
