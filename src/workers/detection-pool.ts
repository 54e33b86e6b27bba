/**
 * Runs the offline quiet-failure detector for many signals on worker threads. The daily pass
 * detects over two years of daily values for every signal: spread over the machine's cores it
 * takes a fraction of the time, and the server's event loop stays free to answer requests while
 * it runs. Small batches (one signal after an ingest) run inline, where a message round trip
 * would cost more than the work. A worker that fails never fails the pass: its share runs inline.
 *
 * PARLEY_DETECT_WORKERS sets the number of workers (0 runs everything inline); the default is
 * the number of cores, at most 4.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Finding } from "../core/signals/index.js";
import { detectAll, type DetectionJob } from "./detect-all.js";

export type { DetectionJob } from "./detect-all.js";
export interface DetectionRequest {
  id: number;
  jobs: DetectionJob[];
}
export interface DetectionReply {
  id: number;
  findings: Finding[][];
}

/** Below this many series the work runs inline. */
const MIN_PARALLEL_JOBS = 16;
/** Workers idle this long are stopped: the daily pass comes once a day, their memory need not stay. */
const IDLE_MS = 30_000;
let idleTimer: NodeJS.Timeout | null = null;

interface PoolWorker {
  worker: Worker;
  pending: Map<number, { resolve: (f: Finding[][]) => void; reject: (e: Error) => void }>;
}

let workers: PoolWorker[] | null = null;
let nextId = 1;

function poolSize(): number {
  const configured = process.env.PARLEY_DETECT_WORKERS;
  if (configured !== undefined && configured !== "") {
    const n = Number(configured);
    return Number.isInteger(n) && n >= 0 ? Math.min(n, 16) : 0;
  }
  return Math.min(availableParallelism(), 4);
}

function startWorker(): PoolWorker {
  // From the built server this module is dist/workers/detection-pool.js; from sources it is .ts.
  const fromSources = import.meta.url.endsWith(".ts");
  const entry = new URL(fromSources ? "./detect-worker-source.mjs" : "./detect-worker.js", import.meta.url);
  const worker = new Worker(entry);
  const member: PoolWorker = { worker, pending: new Map() };
  const fail = (error: Error) => {
    for (const p of member.pending.values()) p.reject(error);
    member.pending.clear();
    // A pool whose workers all died starts afresh on the next batch.
    if (workers) workers = workers.filter((w) => w !== member);
    if (workers?.length === 0) workers = null;
  };
  worker.on("message", (reply: DetectionReply) => {
    const p = member.pending.get(reply.id);
    member.pending.delete(reply.id);
    p?.resolve(reply.findings);
    if (member.pending.size === 0) worker.unref();
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`detection worker exited with code ${code}`)));
  // An idle worker never keeps the process alive.
  worker.unref();
  return member;
}

function pool(): PoolWorker[] {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  if (workers === null) workers = Array.from({ length: poolSize() }, startWorker);
  return workers;
}

function stopWhenIdle(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (workers?.every((w) => w.pending.size === 0)) void closeDetectionPool();
  }, IDLE_MS);
  idleTimer.unref();
}

function send(target: PoolWorker, jobs: DetectionJob[]): Promise<Finding[][]> {
  const id = nextId++;
  return new Promise<Finding[][]>((resolve, reject) => {
    target.pending.set(id, { resolve, reject });
    target.worker.ref();
    target.worker.postMessage({ id, jobs } satisfies DetectionRequest);
  }).catch(() => detectAll(jobs));
}

/** The findings of each series, in order: on worker threads when the batch is large enough. */
export async function detectFindings(jobs: DetectionJob[]): Promise<Finding[][]> {
  const available = jobs.length >= MIN_PARALLEL_JOBS ? pool() : [];
  if (available.length === 0) return detectAll(jobs);
  // Contiguous shares of about equal length (series are mostly two years long).
  const share = Math.ceil(jobs.length / available.length);
  const parts = await Promise.all(available.map((w, k) => send(w, jobs.slice(k * share, (k + 1) * share))));
  stopWhenIdle();
  return parts.flat();
}

/** Stops the workers (they also never keep a process alive on their own). */
export async function closeDetectionPool(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const running = workers ?? [];
  workers = null;
  await Promise.all(running.map((w) => w.worker.terminate()));
}
