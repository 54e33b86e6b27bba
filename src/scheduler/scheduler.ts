import { hostname } from "node:os";
import type { Job } from "../contract/notifications.js";
import { weekStart } from "../core/notifications/delivery.js";
import { evaluateWorkspace } from "../commands/limits.js";
import { deliver, type Transport } from "../notify/send.js";
import { inTransaction, type Database } from "../store/database.js";
import { claimDueDeliveries, createDigests, scanForEvents } from "../store/notifications.js";

const MINUTE = 60_000;
const WEEK = 7 * 24 * 60 * MINUTE;
/** A run that started this long ago without finishing is taken to have died with its server. */
const STALE_RUN_MS = 30 * MINUTE;

export interface JobDefinition {
  name: string;
  description: string;
  /** Nominal period, for display. */
  everyMs: number;
  /** When the run after one starting at `now` is due. */
  next(now: Date): Date;
  run(now: Date): Promise<string>;
}

export interface SchedulerOptions {
  database: Database;
  transport: Transport;
  clock?: () => Date;
  /** How often the server looks for due jobs and deliveries (default 5 s). */
  tickMs?: number;
  /** Overrides of job periods in ms, e.g. { "notify-scan": 500 } (tests, small teams). */
  intervals?: Record<string, number>;
  /** Names this server in job and delivery records. */
  workerId?: string;
  onError?: (err: unknown, where: string) => void;
}

/** The next Monday 08:00 UTC after `now`: when the weekly digest goes out. */
export function nextDigestTime(now: Date): Date {
  const monday = weekStart(now).getTime() + 8 * 60 * MINUTE;
  return new Date(monday > now.getTime() ? monday : monday + WEEK);
}

/** The jobs every Parley server runs, each exactly once per period across all servers. */
export function defaultJobs(options: SchedulerOptions): JobDefinition[] {
  const { database, transport } = options;
  const every = (name: string, fallback: number) => options.intervals?.[name] ?? fallback;
  const interval = (name: string, fallback: number) => {
    const ms = every(name, fallback);
    return { everyMs: ms, next: (now: Date) => new Date(now.getTime() + ms) };
  };
  return [
    {
      name: "evaluate",
      description: "Re-evaluate trust limits, risk budgets and quiet-failure detectors",
      ...interval("evaluate", 5 * MINUTE),
      run: async (now) => {
        const result = await evaluateWorkspace(database, now);
        return `${result.signals} signals evaluated, ${result.findings} findings raised`;
      },
    },
    {
      name: "notify-scan",
      description:
        "Record notifications: limit and budget alerts, findings, acceptances due or expired, waiting rounds, review cadence",
      ...interval("notify-scan", MINUTE),
      run: async (now) => {
        const recorded = await inTransaction(database.db, (tx) =>
          scanForEvents(tx, now, transport.mailer.configured),
        );
        return `${recorded} new event${recorded === 1 ? "" : "s"}`;
      },
    },
    {
      name: "weekly-digest",
      description: "Prepare the weekly e-mail digest (Mondays 08:00 UTC)",
      everyMs: every("weekly-digest", WEEK),
      next: options.intervals?.["weekly-digest"]
        ? (now) => new Date(now.getTime() + options.intervals!["weekly-digest"]!)
        : nextDigestTime,
      run: async (now) => {
        if (!transport.mailer.configured) return "skipped: e-mail is not configured";
        const to = weekStart(now);
        const from = new Date(to.getTime() - WEEK);
        const created = await inTransaction(database.db, (tx) => createDigests(tx, from, to, now));
        return `${created} digest${created === 1 ? "" : "s"} queued`;
      },
    },
  ];
}

/**
 * The scheduler inside every server (no external cron). Each tick it claims due jobs with a
 * compare-and-set on the job's next run time — so on several servers sharing one database, each
 * run happens on exactly one of them, and a restart does not run a job again before it is due —
 * then sends due notification deliveries, each claimed the same way.
 */
export class Scheduler {
  readonly workerId: string;
  readonly jobs: JobDefinition[];
  private readonly clock: () => Date;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
    this.clock = options.clock ?? (() => new Date());
    this.jobs = defaultJobs(options);
  }

  start(): void {
    const tick = () => {
      if (this.running || this.stopped) return;
      this.running = this.tick()
        .then(() => undefined)
        .catch((err: unknown) => this.report(err, "scheduler tick"))
        .finally(() => {
          this.running = null;
        });
    };
    tick();
    this.timer = setInterval(tick, this.options.tickMs ?? 5000);
    this.timer.unref();
  }

  /** Stops ticking and waits for the current tick to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private report(err: unknown, where: string): void {
    if (this.options.onError) this.options.onError(err, where);
  }

  /** One pass: due jobs, then due deliveries. Public so tests can drive time by hand. */
  async tick(): Promise<{ jobs: string[]; delivered: number }> {
    const ran: string[] = [];
    for (const job of this.jobs) {
      if (this.stopped) break;
      const now = this.clock();
      if (!(await this.claim(job, now))) continue;
      ran.push(job.name);
      let result: string | null = null;
      let error: string | null = null;
      try {
        result = await job.run(now);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
        this.report(err, `job ${job.name}`);
      }
      await this.options.database.db
        .updateTable("scheduledJobs")
        .set({ lastFinishedAt: this.clock().toISOString(), lastResult: result, lastError: error })
        .where("name", "=", job.name)
        .where("lastRunBy", "=", this.workerId)
        .execute();
    }
    const delivered = await this.deliverDue();
    return { jobs: ran, delivered };
  }

  /** Sends every due delivery this server can claim. */
  async deliverDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      if (this.stopped) break;
      const batch = await claimDueDeliveries(this.options.database.db, this.workerId, this.clock());
      if (batch.length === 0) break;
      for (const delivery of batch) {
        try {
          await deliver(this.options.database, delivery, this.workerId, this.options.transport, this.clock);
          sent += 1;
        } catch (err) {
          this.report(err, `delivery ${delivery.id}`);
        }
      }
      if (batch.length < 20) break;
    }
    return sent;
  }

  private async claim(job: JobDefinition, now: Date): Promise<boolean> {
    const db = this.options.database.db;
    const at = now.toISOString();
    await db
      .insertInto("scheduledJobs")
      .values({ name: job.name, nextRunAt: at, runs: 0 })
      .onConflict((oc) => oc.column("name").doNothing())
      .execute();
    const row = await db
      .selectFrom("scheduledJobs")
      .selectAll()
      .where("name", "=", job.name)
      .executeTakeFirstOrThrow();
    if (row.nextRunAt > at) return false;
    const stale = new Date(now.getTime() - STALE_RUN_MS).toISOString();
    const result = await db
      .updateTable("scheduledJobs")
      .set((eb) => ({
        nextRunAt: job.next(now).toISOString(),
        lastStartedAt: at,
        lastRunBy: this.workerId,
        runs: eb("runs", "+", 1),
      }))
      .where("name", "=", job.name)
      .where("nextRunAt", "=", row.nextRunAt)
      // A run still going on another server (started, not finished, not stale) is left alone.
      .where((eb) =>
        eb.or([
          eb("lastStartedAt", "is", null),
          eb("lastFinishedAt", ">=", eb.ref("lastStartedAt")),
          eb("lastStartedAt", "<", stale),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The jobs as the API shows them. */
  async status(): Promise<Job[]> {
    const rows = await this.options.database.db.selectFrom("scheduledJobs").selectAll().execute();
    return jobStatus(this.jobs, rows);
  }
}

export function jobStatus(
  jobs: readonly Pick<JobDefinition, "name" | "description" | "everyMs">[],
  rows: readonly {
    name: string;
    nextRunAt: string;
    lastStartedAt: string | null;
    lastFinishedAt: string | null;
    lastRunBy: string | null;
    lastResult: string | null;
    lastError: string | null;
    runs: number;
  }[],
): Job[] {
  return jobs.map((job) => {
    const row = rows.find((r) => r.name === job.name);
    return {
      name: job.name,
      description: job.description,
      everySeconds: Math.round(job.everyMs / 1000),
      nextRunAt: row?.nextRunAt ?? new Date(0).toISOString(),
      lastStartedAt: row?.lastStartedAt ?? null,
      lastFinishedAt: row?.lastFinishedAt ?? null,
      lastRunBy: row?.lastRunBy ?? null,
      lastResult: row?.lastResult ?? null,
      lastError: row?.lastError ?? null,
      runs: Number(row?.runs ?? 0),
    };
  });
}
