interface Entry {
  /** Writes counted when the computation started: it reflects every write up to this one. */
  seq: number;
  at: number;
  body: Promise<string>;
}

/**
 * A cache for expensive whole-workspace reads (the shared map) with read-your-writes: a person who
 * just wrote always gets a result computed after their write; everyone else may get one up to
 * `ttlMs` old. Concurrent requests share one computation, so under heavy write load the map is
 * rebuilt at most once per `ttlMs` per writer instead of once per request.
 */
export class ReadCache {
  private writes = 0;
  private readonly lastWriteBy = new Map<string, number>();
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly ttlMs = 2_000) {}

  /** Records a successful write by `actorId` (called after each write request). */
  noteWrite(actorId: string): void {
    this.writes += 1;
    this.lastWriteBy.set(actorId, this.writes);
  }

  get(key: string, now: number, actorId: string, compute: () => Promise<string>): Promise<string> {
    const needed = this.lastWriteBy.get(actorId) ?? 0;
    const entry = this.entries.get(key);
    if (entry && entry.seq >= needed && now - entry.at < this.ttlMs) return entry.body;
    const fresh: Entry = { seq: this.writes, at: now, body: compute() };
    this.entries.set(key, fresh);
    fresh.body.catch(() => {
      if (this.entries.get(key) === fresh) this.entries.delete(key);
    });
    return fresh.body;
  }
}
