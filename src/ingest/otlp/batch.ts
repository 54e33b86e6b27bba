import { sketchOf } from "../../core/signals/quantile-sketch.js";
import { emptyMinute, mergeMinutes, type MinuteState, type Usage } from "./minute-state.js";

export const MINUTE_MS = 60_000;

/** Which system a resource's telemetry belongs to, or why it belongs to none. */
export type Resolution = { systemId: string } | { unmapped: string };

/** The time window the receiver accepts: telemetry older than the retained minute state is refused. */
export interface TimeWindow {
  earliest: number;
  latest: number;
}

/**
 * The per-(system, minute) totals of one OTLP request, plus what was refused and why. Latencies
 * are collected as plain numbers and turned into one sketch per minute at the end, which is much
 * cheaper than updating a sketch per span.
 */
export class MinuteBatch {
  readonly minutes = new Map<string, Map<number, MinuteState>>();
  private readonly latencies = new Map<MinuteState, number[]>();
  accepted = 0;
  rejected = 0;
  /** Rejection reasons, each once, for the partial-success message. */
  readonly reasons = new Set<string>();
  readonly unmapped = new Map<string, number>();
  readonly unpriced = new Map<string, number>();

  constructor(readonly window: TimeWindow) {}

  minute(systemId: string, t: number): MinuteState {
    let bySystem = this.minutes.get(systemId);
    if (!bySystem) this.minutes.set(systemId, (bySystem = new Map()));
    const start = t - (t % MINUTE_MS);
    let state = bySystem.get(start);
    if (!state) bySystem.set(start, (state = emptyMinute()));
    return state;
  }

  /** Records a latency (ms) for the spans side of a minute. */
  latency(state: MinuteState, ms: number): void {
    let values = this.latencies.get(state);
    if (!values) this.latencies.set(state, (values = []));
    values.push(ms);
  }

  /** Null when `t` is inside the window; otherwise the reason to refuse it. */
  outOfWindow(t: number): string | null {
    if (!Number.isFinite(t)) return "a timestamp is missing";
    if (t < this.window.earliest)
      return `data older than ${new Date(this.window.earliest).toISOString()} is not accepted (Parley keeps 7 days of minute state)`;
    if (t > this.window.latest)
      return "a timestamp is more than an hour in the future; check the sender's clock";
    return null;
  }

  reject(n: number, reason: string): void {
    this.rejected += n;
    if (this.reasons.size < 5) this.reasons.add(reason);
  }

  noteUnmapped(name: string, n: number): void {
    this.unmapped.set(name, (this.unmapped.get(name) ?? 0) + n);
  }

  noteUnpriced(providerModel: string): void {
    this.unpriced.set(providerModel, (this.unpriced.get(providerModel) ?? 0) + 1);
  }

  /** Folds the collected latencies into the minute states; call once, after the last span. */
  finish(): void {
    for (const [state, values] of this.latencies)
      state.spans.latency = sketchOf(values, state.spans.latency.alpha);
    this.latencies.clear();
  }

  /** Adds another batch's minutes (e.g. metrics deltas computed inside the transaction). */
  addMinute(systemId: string, minute: number, state: MinuteState): void {
    const current = this.minute(systemId, minute);
    const merged = mergeMinutes(current, state);
    this.minutes.get(systemId)!.set(minute, merged);
  }

  errorMessage(): string {
    const parts = [...this.reasons];
    return parts.join("; ");
  }
}

export function addCost(usage: Usage, cost: Record<string, number>): void {
  for (const [currency, amount] of Object.entries(cost))
    usage.cost[currency] = (usage.cost[currency] ?? 0) + amount;
}
