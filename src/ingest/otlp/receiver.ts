import { afterIngest, type SignalTouch } from "../../commands/limits.js";
import type { CommandContext } from "../../commands/context.js";
import type { Database, Tx } from "../../store/database.js";
import { inTransaction } from "../../store/database.js";
import { dialectOf } from "../../store/dialect.js";
import { writePointsInTransaction, type PointRow } from "../../store/points.js";
import { ensureSignals, signalIdsOf, type SignalIds } from "../derived-signals.js";
import type { PriceBook } from "../price-book.js";
import { receiverConfig, type ReceiverConfig } from "../receiver-config.js";
import { resolveByRules, type RuleSet } from "../rules.js";
import { recordSightings } from "../sightings.js";
import type { DerivedSignal } from "../signal-catalog.js";
import { MinuteBatch, MINUTE_MS, type TimeWindow } from "./batch.js";
import type { OtlpKind } from "./codec.js";
import {
  addHistogramDelta,
  deltaOf,
  genAiHistogramPoints,
  type HistogramPoint,
  type StreamState,
} from "./genai-metrics.js";
import { summarizeLogs } from "./genai-logs.js";
import { summarizeSpans, type Resolver } from "./genai-spans.js";
import { minutePoints, parseMinute, mergeMinutes, type MinuteState } from "./minute-state.js";
import { storableNumber } from "../text.js";
import { text, type OtlpObject } from "./values.js";

/** Minute state is kept this long; older telemetry is refused rather than half-counted. */
export const RETENTION_MS = 7 * 86_400_000;
const FUTURE_MS = 3_600_000;
export const OTLP_SOURCE = "otlp";
/** At most this many genai.* signals per system. */
export const MAX_GENAI_SIGNALS = 200;

export interface ReceiveResult {
  accepted: number;
  rejected: number;
  errorMessage: string;
}

/** The system for a resource: parley.system, else service.name, through the mapping rules. */
export function otlpResolver(set: RuleSet): Resolver {
  return (attrs) => {
    const name = text(attrs["parley.system"]) ?? text(attrs["service.name"]) ?? "unknown_service";
    const systemId = resolveByRules(
      set,
      (field, key) => (field === "service" ? name : key ? text(attrs[key]) : null),
      name,
    );
    return systemId ? { systemId } : { unmapped: name };
  };
}

export function acceptedWindow(now: number): TimeWindow {
  const earliest = now - RETENTION_MS;
  return { earliest: earliest - (earliest % MINUTE_MS) + MINUTE_MS, latest: now + FUTURE_MS };
}

/**
 * Turns one decoded OTLP export request into per-system, per-minute signals: the request's totals
 * are merged into the stored minute state and the touched minutes' points rewritten from it, all
 * in one transaction, so a request either counts fully or (when it fails) not at all.
 */
export async function receiveOtlp(
  ctx: CommandContext,
  kind: OtlpKind,
  request: OtlpObject,
): Promise<ReceiveResult> {
  const db = ctx.database.db;
  const now = ctx.now.getTime();
  let { batch, histograms, prices } = summarize(kind, request, await receiverConfig(ctx.database), now);
  // A service may map to a system created a moment ago: look again before refusing it.
  if (batch.unmapped.size > 0)
    ({ batch, histograms, prices } = summarize(kind, request, await receiverConfig(ctx.database, true), now));

  const systemIds = [...new Set([...batch.minutes.keys(), ...histograms.map((p) => p.systemId)])];
  if (systemIds.length > 0) {
    const ids = await signalIdsOf(db, systemIds, "genai.");
    await ensureDerivedSignals(ctx, batch, histograms, prices, ids);
    const touched = await inTransaction(db, async (tx) => {
      await addMetricDeltas(tx, histograms, prices, batch, now);
      const merged = await mergeIntoStoredMinutes(tx, batch, ctx.now.toISOString());
      const rows = pointRows(merged, ids);
      await writePointsInTransaction(tx, rows, ctx.now.toISOString());
      const earliest = new Map<string, number>();
      for (const r of rows) earliest.set(r.signalId, Math.min(earliest.get(r.signalId) ?? Infinity, r.t));
      return [...earliest].map(([signalId, t]) => ({ signalId, earliest: t }));
    });
    // The data is committed; what follows must not turn the export into a failure.
    const due = throttled(ctx.database, touched, now);
    if (due.length > 0)
      await afterIngest(ctx.database, due, ctx.now).catch(warn("updating detectors and limits"));
  }
  await noteSightings(ctx, batch).catch(warn("recording unmapped services"));
  await pruneOldState(ctx.database, now).catch(warn("pruning old OTLP state"));
  return { accepted: batch.accepted, rejected: batch.rejected, errorMessage: batch.errorMessage() };
}

function summarize(kind: OtlpKind, request: OtlpObject, config: ReceiverConfig, now: number) {
  const resolve = otlpResolver(config.rules);
  const prices = config.prices;
  const batch = new MinuteBatch(acceptedWindow(now));
  let histograms: HistogramPoint[] = [];
  if (kind === "traces") summarizeSpans(request, { resolve, prices }, batch);
  else if (kind === "metrics") histograms = genAiHistogramPoints(request, resolve, batch);
  else summarizeLogs(request, resolve, batch);
  return { batch, histograms, prices };
}

function warn(what: string) {
  return (err: unknown) => {
    process.stderr.write(
      `parley: OTLP data was stored, but ${what} failed: ${err instanceof Error ? err.message : String(err)}\n`,
    );
  };
}

/** Creates, before the write transaction, every derived signal the request can produce. */
async function ensureDerivedSignals(
  ctx: CommandContext,
  batch: MinuteBatch,
  histograms: HistogramPoint[],
  prices: PriceBook,
  ids: Map<string, SignalIds>,
): Promise<void> {
  // Cumulative points are probed as if all new: that may create a signal a zero delta never uses.
  const probe = new MinuteBatch(batch.window);
  for (const p of histograms)
    addHistogramDelta(p, prices, probe, (s, m, state) => probe.addMinute(s, m, state));
  const wanted = new Map<string, Map<string, DerivedSignal>>();
  for (const source of [batch, probe]) {
    for (const [systemId, minutes] of source.minutes) {
      let specs = wanted.get(systemId);
      if (!specs) wanted.set(systemId, (specs = new Map()));
      for (const state of minutes.values())
        for (const p of minutePoints(state)) specs.set(p.signal.key, p.signal);
    }
  }
  for (const [systemId, specs] of wanted) {
    let known = ids.get(systemId);
    if (!known) ids.set(systemId, (known = new Map()));
    // Evaluation names and currencies come from the sender; a bound keeps a buggy or hostile
    // exporter from filling a system with signals. Points for signals not created are dropped.
    const room = Math.max(0, MAX_GENAI_SIGNALS - known.size);
    const missing = [...specs.values()].filter((spec) => !known.has(spec.key)).slice(0, room);
    await ensureSignals(ctx, systemId, missing, known);
  }
}

/** Cumulative histograms become deltas against the stored stream values, inside the transaction. */
async function addMetricDeltas(
  tx: Tx,
  histograms: HistogramPoint[],
  prices: PriceBook,
  batch: MinuteBatch,
  now: number,
): Promise<void> {
  const cumulative = histograms.filter((p) => p.streamKey !== null);
  const keys = [...new Set(cumulative.map((p) => p.streamKey!))].sort();
  const previous = new Map<string, StreamState>();
  if (keys.length > 0) {
    await tx
      .insertInto("otlpMetricStreams")
      .values(
        keys.map((streamKey) => ({
          streamKey,
          systemId: cumulative.find((p) => p.streamKey === streamKey)!.systemId,
          startTime: -1,
          count: 0,
          sum: 0,
          buckets: "[]",
          seenAt: now,
        })),
      )
      .onConflict((oc) => oc.column("streamKey").doNothing())
      .execute();
    let q = tx
      .selectFrom("otlpMetricStreams")
      .selectAll()
      .where("streamKey", "in", keys)
      .orderBy("streamKey");
    if (dialectOf(tx) === "postgres") q = q.forUpdate();
    for (const row of await q.execute()) {
      if (Number(row.startTime) === -1) continue;
      previous.set(row.streamKey, {
        startTime: Number(row.startTime),
        count: Number(row.count),
        sum: Number(row.sum),
        buckets: JSON.parse(row.buckets) as number[],
      });
    }
  }
  const into = (s: string, m: number, state: MinuteState) => batch.addMinute(s, m, state);
  for (const point of histograms.sort((a, b) => a.timeMs - b.timeMs)) {
    if (!point.streamKey) {
      addHistogramDelta(point, prices, batch, into);
      continue;
    }
    const { delta, next } = deltaOf(point, previous.get(point.streamKey));
    previous.set(point.streamKey, next);
    addHistogramDelta(delta, prices, batch, into);
    await tx
      .updateTable("otlpMetricStreams")
      .set({
        startTime: next.startTime,
        count: next.count,
        sum: next.sum,
        buckets: JSON.stringify(next.buckets),
        seenAt: now,
      })
      .where("streamKey", "=", point.streamKey)
      .execute();
  }
}

interface MergedMinute {
  systemId: string;
  minute: number;
  state: MinuteState;
}

/** Adds the request's minutes to the stored ones (row-locked on PostgreSQL) and saves the sums. */
async function mergeIntoStoredMinutes(tx: Tx, batch: MinuteBatch, at: string): Promise<MergedMinute[]> {
  const keys: MergedMinute[] = [];
  for (const [systemId, minutes] of batch.minutes)
    for (const [minute, state] of minutes) keys.push({ systemId, minute, state });
  if (keys.length === 0) return [];
  keys.sort((a, b) => (a.systemId < b.systemId ? -1 : a.systemId > b.systemId ? 1 : a.minute - b.minute));
  await tx
    .insertInto("otlpMinutes")
    .values(keys.map((k) => ({ systemId: k.systemId, minute: k.minute, state: "{}", updatedAt: at })))
    .onConflict((oc) => oc.columns(["systemId", "minute"]).doNothing())
    .execute();
  let q = tx
    .selectFrom("otlpMinutes")
    .select(["systemId", "minute", "state"])
    .where((eb) =>
      eb.or(keys.map((k) => eb.and([eb("systemId", "=", k.systemId), eb("minute", "=", k.minute)]))),
    )
    .orderBy("systemId")
    .orderBy("minute");
  if (dialectOf(tx) === "postgres") q = q.forUpdate();
  const stored = new Map((await q.execute()).map((r) => [`${r.systemId}:${Number(r.minute)}`, r.state]));
  const merged = keys.map((k) => ({
    ...k,
    state: mergeMinutes(parseMinute(stored.get(`${k.systemId}:${k.minute}`) ?? "{}"), k.state),
  }));
  await tx
    .insertInto("otlpMinutes")
    .values(
      merged.map((m) => ({
        systemId: m.systemId,
        minute: m.minute,
        state: JSON.stringify(m.state),
        updatedAt: at,
      })),
    )
    .onConflict((oc) =>
      oc.columns(["systemId", "minute"]).doUpdateSet((eb) => ({
        state: eb.ref("excluded.state"),
        updatedAt: eb.ref("excluded.updatedAt"),
      })),
    )
    .execute();
  return merged;
}

function pointRows(merged: MergedMinute[], ids: Map<string, SignalIds>): PointRow[] {
  const rows: PointRow[] = [];
  for (const m of merged) {
    const known = ids.get(m.systemId) ?? new Map<string, string>();
    for (const p of minutePoints(m.state, new Set(known.keys()))) {
      const signalId = known.get(p.signal.key);
      if (!signalId || !storableNumber(p.value) || (p.denominator !== null && !storableNumber(p.denominator)))
        continue;
      rows.push({ signalId, t: m.minute, source: OTLP_SOURCE, value: p.value, denominator: p.denominator });
    }
  }
  return rows;
}

async function noteSightings(ctx: CommandContext, batch: MinuteBatch): Promise<void> {
  const db = ctx.database.db;
  if (batch.unmapped.size > 0)
    await recordSightings(
      db,
      "otlp",
      "unmapped_service",
      batch.unmapped,
      (name) =>
        `Create a system with the key "${name}", or map the service: POST /api/v1/connectors/otlp/mappings {"pattern":"${name}","system":"<system key>"}`,
      ctx.now,
    );
  if (batch.unpriced.size > 0)
    await recordSightings(
      db,
      "otlp",
      "unpriced_model",
      batch.unpriced,
      (name) =>
        `No price matches "${name}": add one with POST /api/v1/connectors/prices {"model":"${name.split("/").slice(1).join("/")}","tokenType":"input",...}, or send gen_ai.usage.cost on the spans`,
      ctx.now,
    );
}

/** Limits and detectors of a signal are re-evaluated at most this often from OTLP traffic. */
const EVALUATE_EVERY_MS = 10_000;
const evaluated = new WeakMap<Database, Map<string, { at: number; pending: number }>>();

/**
 * The touched signals whose limits and detectors are due. Exporters send every few seconds, and
 * re-evaluating a dozen signals per request would cost more than storing the data; the skipped
 * earliest times are carried to the next due evaluation (and the server re-evaluates periodically).
 */
function throttled(database: Database, touched: SignalTouch[], now: number): SignalTouch[] {
  let state = evaluated.get(database);
  if (!state) evaluated.set(database, (state = new Map()));
  const due: SignalTouch[] = [];
  for (const t of touched) {
    const s = state.get(t.signalId);
    const earliest = Math.min(t.earliest, s?.pending ?? Infinity);
    if (!s || now - s.at >= EVALUATE_EVERY_MS) {
      state.set(t.signalId, { at: now, pending: Infinity });
      due.push({ signalId: t.signalId, earliest });
    } else s.pending = earliest;
  }
  return due;
}

const lastPruned = new WeakMap<Database, number>();

/** At most hourly: forget minute and stream state past the retention window. */
async function pruneOldState(database: Database, now: number): Promise<void> {
  const last = lastPruned.get(database) ?? 0;
  if (now - last < 3_600_000) return;
  lastPruned.set(database, now);
  const earliest = acceptedWindow(now).earliest;
  await database.db
    .deleteFrom("otlpMinutes")
    .where("minute", "<", earliest - MINUTE_MS)
    .execute();
  await database.db.deleteFrom("otlpMetricStreams").where("seenAt", "<", earliest).execute();
}
