import {
  emptySketch,
  mergeSketches,
  sketchQuantile,
  type QuantileSketch,
} from "../../core/signals/quantile-sketch.js";
import {
  evalLabelSignal,
  evalScoreSignal,
  GENAI_SIGNALS,
  genaiCostSignal,
  LATENCY_QUANTILES,
  latencySignal,
  type DerivedSignal,
} from "../signal-catalog.js";

/**
 * What Parley knows about one system's model calls in one minute. A point with the same (signal,
 * time, source) replaces the previous one, so every OTLP request merges its counts into this state
 * and the minute's points are rewritten from the merged whole: two exports that each saw 10
 * requests in a minute leave 20, not 10. Plain JSON so the store keeps it as text.
 */
export interface MinuteState {
  /** From spans. */
  spans: Usage;
  /** From the gen_ai.client.* histograms; used for the minutes spans did not cover. */
  metrics: Usage;
  evals: Record<string, EvalTotals>;
}

export interface Usage {
  requests: number;
  errors: number;
  latency: QuantileSketch;
  /** Requests that reported token usage, so "no tokens reported" differs from "zero tokens". */
  tokenRequests: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** Amount per currency code. */
  cost: Record<string, number>;
}

export interface EvalTotals {
  /** Results received. */
  n: number;
  /** Results with a numeric score, and their sum. */
  scored: number;
  sum: number;
  /** Results per label. */
  labels: Record<string, number>;
}

export function emptyUsage(): Usage {
  return {
    requests: 0,
    errors: 0,
    latency: emptySketch(),
    tokenRequests: 0,
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    cost: {},
  };
}

export function emptyMinute(): MinuteState {
  return { spans: emptyUsage(), metrics: emptyUsage(), evals: {} };
}

function addRecord(into: Record<string, number>, from: Record<string, number>): Record<string, number> {
  const out = { ...into };
  for (const [k, v] of Object.entries(from)) out[k] = (out[k] ?? 0) + v;
  return out;
}

export function mergeUsage(a: Usage, b: Usage): Usage {
  return {
    requests: a.requests + b.requests,
    errors: a.errors + b.errors,
    latency: mergeSketches(a.latency, b.latency),
    tokenRequests: a.tokenRequests + b.tokenRequests,
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    cost: addRecord(a.cost, b.cost),
  };
}

/** Combines two states of the same minute; the order does not matter. */
export function mergeMinutes(a: MinuteState, b: MinuteState): MinuteState {
  const evals: Record<string, EvalTotals> = { ...a.evals };
  for (const [name, e] of Object.entries(b.evals)) {
    const prev = evals[name];
    evals[name] = prev
      ? {
          n: prev.n + e.n,
          scored: prev.scored + e.scored,
          sum: prev.sum + e.sum,
          labels: addRecord(prev.labels, e.labels),
        }
      : e;
  }
  return { spans: mergeUsage(a.spans, b.spans), metrics: mergeUsage(a.metrics, b.metrics), evals };
}

/** Reads a stored state, tolerating fields added later (they start empty). */
export function parseMinute(text: string): MinuteState {
  const raw = JSON.parse(text) as Partial<MinuteState>;
  return {
    spans: { ...emptyUsage(), ...raw.spans },
    metrics: { ...emptyUsage(), ...raw.metrics },
    evals: raw.evals ?? {},
  };
}

export interface DerivedPoint {
  signal: DerivedSignal;
  value: number;
  denominator: number | null;
}

/** At most this many evaluation names (and labels per name) become signals per minute. */
const MAX_EVAL_SIGNALS = 50;

/**
 * The minute's points, one per derived signal. Spans win over metrics for the minutes they
 * cover, so an application that exports both is not counted twice. `knownKeys` are the system's
 * existing signal keys: a label seen before but not in this minute gets a 0 share, so the share
 * of "fail" is not computed over only the minutes that had a failure.
 */
export function minutePoints(state: MinuteState, knownKeys: ReadonlySet<string> = new Set()): DerivedPoint[] {
  const points: DerivedPoint[] = [];
  const calls = state.spans.requests > 0 ? state.spans : state.metrics;
  if (calls.requests > 0) {
    points.push({ signal: GENAI_SIGNALS.requests, value: calls.requests, denominator: null });
    points.push({ signal: GENAI_SIGNALS.errors, value: calls.errors, denominator: null });
    points.push({ signal: GENAI_SIGNALS.errorRate, value: calls.errors, denominator: calls.requests });
  }
  if (calls.latency.count > 0) {
    for (const [q, label] of LATENCY_QUANTILES) {
      const value = sketchQuantile(calls.latency, q);
      if (value !== null) points.push({ signal: latencySignal(q, label), value, denominator: null });
    }
  }
  const usage = state.spans.tokenRequests > 0 ? state.spans : state.metrics;
  if (usage.tokenRequests > 0) {
    points.push({ signal: GENAI_SIGNALS.inputTokens, value: usage.inputTokens, denominator: null });
    points.push({ signal: GENAI_SIGNALS.outputTokens, value: usage.outputTokens, denominator: null });
    if (usage.cachedInputTokens > 0)
      points.push({
        signal: GENAI_SIGNALS.cachedInputTokens,
        value: usage.cachedInputTokens,
        denominator: null,
      });
  }
  const spend =
    Object.keys(state.spans.cost).length > 0 || state.spans.tokenRequests > 0 ? state.spans : state.metrics;
  for (const [currency, amount] of Object.entries(spend.cost).sort())
    points.push({ signal: genaiCostSignal(currency), value: amount, denominator: null });
  let evalSignals = 0;
  for (const [name, e] of Object.entries(state.evals).sort()) {
    if (evalSignals >= MAX_EVAL_SIGNALS) break;
    if (e.scored > 0) {
      points.push({ signal: evalScoreSignal(name), value: e.sum, denominator: e.scored });
      evalSignals += 1;
    }
    const written = new Set<string>();
    for (const [label, n] of Object.entries(e.labels).sort().slice(0, 10)) {
      const signal = evalLabelSignal(name, label);
      written.add(signal.key);
      points.push({ signal, value: n, denominator: e.n });
      evalSignals += 1;
    }
    const prefix = `${evalLabelSignal(name, "x").key.slice(0, -1)}`;
    for (const key of knownKeys) {
      if (!key.startsWith(prefix) || written.has(key)) continue;
      const signal = evalLabelSignal(name, key.slice(prefix.length));
      if (signal.key === key && e.n > 0) points.push({ signal, value: 0, denominator: e.n });
    }
  }
  return points;
}
