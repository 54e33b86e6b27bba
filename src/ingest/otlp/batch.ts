import { sketchOf } from "../../core/signals/quantile-sketch.js";
import { costOf, type PriceBook, type TokenUsage } from "../price-book.js";
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
  /** Token usage per minute and (provider, model), priced once per group in finish(). */
  private readonly unpricedUsage = new Map<
    MinuteState,
    Map<string, TokenUsage & { provider: string | null; model: string; t: number }>
  >();
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

  /** Adds a call's tokens to be priced with its model's prices; cheaper than pricing each span. */
  tokens(state: MinuteState, provider: string | null, model: string, t: number, usage: TokenUsage): void {
    let byModel = this.unpricedUsage.get(state);
    if (!byModel) this.unpricedUsage.set(state, (byModel = new Map()));
    const key = provider === null ? model : `${provider}\u0000${model}`;
    const group = byModel.get(key);
    if (!group) byModel.set(key, { provider, model, t, ...usage });
    else {
      group.input += usage.input;
      group.output += usage.output;
      group.cachedInput += usage.cachedInput;
      group.cacheWrite += usage.cacheWrite;
    }
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

  /** Folds the collected latencies and priced tokens into the minute states, after the last span. */
  finish(prices: PriceBook): void {
    for (const [state, values] of this.latencies)
      state.spans.latency = sketchOf(values, state.spans.latency.alpha);
    this.latencies.clear();
    for (const [state, byModel] of this.unpricedUsage) {
      for (const group of byModel.values()) {
        const found = prices.pricesFor(group.provider, group.model, group.t);
        if (found) addCost(state.spans, costOf(found, group));
        // A model priced for input only (or output only) still undercounts: it stays on the list.
        if (!found || (group.input > 0 && !found.input) || (group.output > 0 && !found.output))
          this.noteUnpriced(`${group.provider ?? "unknown provider"}/${group.model}`);
      }
    }
    this.unpricedUsage.clear();
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
