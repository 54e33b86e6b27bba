interface Entry {
  /** Writes counted when the computation started: it reflects every write up to this one. */
  seq: number;
  at: number;
  body: Promise<string>;
}

/**
 * A cache for expensive whole-workspace reads (the shared map), stale-while-revalidate with
 * read-your-writes: a person who just wrote always gets a result computed after their write;
 * everyone else gets the last result at once while at most one refresh runs in the background
 * once it is older than `ttlMs`. Concurrent requests share one computation.
 */
export class ReadCache {
  private writes = 0;
  private readonly lastWriteBy = new Map<string, number>();
  private readonly done = new Map<string, Entry>();
  private readonly running = new Map<string, Entry>();

  constructor(private readonly ttlMs = 2_000) {}

  /** Records a successful write by `actorId` (called after each write request). */
  noteWrite(actorId: string): void {
    this.writes += 1;
    this.lastWriteBy.set(actorId, this.writes);
  }

  get(key: string, now: number, actorId: string, compute: () => Promise<string>): Promise<string> {
    const needed = this.lastWriteBy.get(actorId) ?? 0;
    const current = this.done.get(key);
    const pending = this.running.get(key);
    if (current && current.seq >= needed) {
      if (now - current.at >= this.ttlMs && !pending) this.refresh(key, now, compute);
      return current.body;
    }
    if (pending && pending.seq >= needed) return pending.body;
    return this.refresh(key, now, compute).body;
  }

  private refresh(key: string, now: number, compute: () => Promise<string>): Entry {
    const entry: Entry = { seq: this.writes, at: now, body: compute() };
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
