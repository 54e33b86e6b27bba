import { formatNumber } from "../briefs/format.js";
import {
  fitLoadExponent,
  flatFit,
  quantile,
  rateSamples,
  ratioSamples,
  recentDays,
  recentMean,
  RATIO_WINDOW_DAYS,
  spreadOf,
} from "./ratios.js";
import { MAX_MULTIPLE, projectLimit, weakest, DAYS_PER_MONTH, type DailyDemand } from "./limit-projection.js";
import { describeRehearsal } from "./sentences.js";
import type {
  Confidence,
  LoadFit,
  ObservedSeries,
  Range,
  RatioEstimate,
  RehearsalInput,
  RehearsalResult,
  SignalProjection,
} from "./types.js";

/** Days of requests the "observed today" figure averages over (two whole weeks). */
const TODAY_DAYS = 14;
/** When the recorded volume and the signal disagree by more than this, say so. */
const VOLUME_MISMATCH = 0.15;

const scale = (r: Range, k: number): Range => ({ low: r.low * k, central: r.central * k, high: r.high * k });
const exactly = (v: number): Range => ({ low: v, central: v, high: v });
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

interface PathPoint {
  t: number;
  multiple: number;
}

/** When load reaches `multiple` on the planned path, growing at a steady rate between milestones. */
function dateOnPath(path: readonly PathPoint[], multiple: number): string | null {
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1]!;
    const b = path[i]!;
    if (multiple > a.multiple && multiple <= b.multiple && b.multiple > a.multiple) {
      const share = Math.log(multiple / a.multiple) / Math.log(b.multiple / a.multiple);
      return isoDay(a.t + share * (b.t - a.t));
    }
  }
  return null;
}

function dataConfidence(days: number, spreads: readonly Range[]): Confidence {
  const widest = Math.max(1, ...spreads.map((r) => (r.low > 0 ? r.high / r.low : 1)));
  if (days >= 28 && widest <= 1.25) return "high";
  if (days >= 14 && widest <= 1.6) return "medium";
  return "low";
}

function ratio(
  measure: RatioEstimate["measure"],
  label: string,
  unit: string,
  samples: number[],
  method: string,
): RatioEstimate | null {
  const value = spreadOf(samples);
  return value ? { measure, label, unit, value, days: samples.length, method } : null;
}

/**
 * The scale rehearsal: per-request ratios from observed daily signals (with their spread), each
 * capacity limit's use at today's load and as load grows, the multiple at which it breaks (low,
 * central, high), the first to break, and sentences for both sides. Pure: same input, same answer.
 */
export function rehearse(input: RehearsalInput): RehearsalResult {
  const { now, plan, signals, whatIf } = input;
  const notes: string[] = [];
  const missing: string[] = [];

  const observed = signals.requests ? recentMean(signals.requests.values, now, TODAY_DAYS) : null;
  const requestsPerDay = plan.requestsPerDay ?? observed;
  const source = plan.requestsPerDay !== null ? "plan" : observed !== null ? "signal" : "none";
  if (requestsPerDay === null)
    missing.push("Record today's requests per day on the plan, or name the signal that counts requests.");
  if (plan.requestsPerDay !== null && observed !== null) {
    const off = observed / plan.requestsPerDay - 1;
    if (Math.abs(off) > VOLUME_MISMATCH)
      notes.push(
        `The ${signals.requests!.name} signal shows ${formatNumber(observed)} a day over the last ${TODAY_DAYS} days, ${off > 0 ? "above" : "below"} the recorded ${formatNumber(plan.requestsPerDay)}${plan.measuredOn ? ` (measured ${plan.measuredOn})` : ""}: update today's volume if it has moved.`,
      );
  }

  const milestones = plan.milestones
    .map((m) => ({
      label: m.label,
      date: m.date,
      multiple:
        m.multiple ?? (m.requestsPerDay !== null && requestsPerDay ? m.requestsPerDay / requestsPerDay : NaN),
    }))
    .filter((m) => Number.isFinite(m.multiple) && m.multiple > 0)
    .sort((a, b) => a.date.localeCompare(b.date));
  if (plan.milestones.length === 0)
    missing.push("Record the planned scale: milestones with a multiple or volume and a date.");
  const last = milestones.at(-1);
  const scaleTarget =
    whatIf.scale !== null
      ? { multiple: whatIf.scale, label: `${formatNumber(whatIf.scale)}x (what-if)`, date: null }
      : last
        ? { multiple: last.multiple, label: last.label || `${formatNumber(last.multiple)}x`, date: last.date }
        : null;
  const start = plan.measuredOn ? Date.parse(`${plan.measuredOn}T00:00:00Z`) : now;
  const path: PathPoint[] = [
    { t: Math.min(start, now), multiple: 1 },
    ...milestones.map((m) => ({ t: Date.parse(`${m.date}T00:00:00Z`), multiple: m.multiple })),
  ];

  // Per-request ratios over the last 30 days, against the requests signal or today's figure.
  const denominator = signals.requests?.values ?? requestsPerDay;
  const ratios: RatioEstimate[] = [];
  const perRequest = (s: ObservedSeries | null) =>
    s && denominator !== null ? ratioSamples(s.values, denominator, now) : [];
  const against = signals.requests ? `÷ ${signals.requests.name}` : "÷ the recorded requests per day";
  const method7 = `trailing 7-day totals ${against}, one ratio per day over the last ${RATIO_WINDOW_DAYS} days; the range is their 10th–90th percentile`;
  const cost = ratio(
    "cost_per_request",
    "Cost per request",
    signals.cost?.unit ?? plan.currency ?? "",
    perRequest(signals.cost),
    `${signals.cost?.name ?? ""}: ${method7}`,
  );
  let tokens = ratio(
    "tokens_per_request",
    "Tokens per request",
    "tokens",
    perRequest(signals.tokens),
    `${signals.tokens?.name ?? ""}: ${method7}`,
  );
  if (!tokens && cost && plan.pricePer1kTokens) {
    tokens = {
      ...cost,
      measure: "tokens_per_request",
      label: "Tokens per request",
      unit: "tokens",
      value: scale(cost.value, 1000 / plan.pricePer1kTokens),
      method: `derived from cost per request at the recorded ${formatNumber(plan.pricePer1kTokens)} ${plan.currency ?? ""} per 1,000 tokens (no token signal)`,
    };
  }
  const manual = signals.manualWork
    ? ratio(
        "manual_share",
        "Share of cases handled by a person",
        "share",
        rateSamples(signals.manualWork.values, now),
        `${signals.manualWork.name}: trailing 7-day means of the daily rate over the last ${RATIO_WINDOW_DAYS} days`,
      )
    : null;
  const errors = signals.errorRate
    ? ratio(
        "error_rate",
        "Error rate",
        "share",
        rateSamples(signals.errorRate.values, now),
        `${signals.errorRate.name}: trailing 7-day means of the daily rate over the last ${RATIO_WINDOW_DAYS} days`,
      )
    : null;
  for (const r of [cost, tokens, manual, errors]) if (r) ratios.push(r);

  const observedDays = Math.max(
    0,
    ...[signals.requests, signals.cost, signals.tokens, signals.manualWork]
      .filter((s): s is ObservedSeries => s !== null)
      .map((s) => recentDays(s.values, now, RATIO_WINDOW_DAYS).size),
  );
  const confidence = dataConfidence(
    observedDays,
    ratios.map((r) => r.value),
  );

  // The what-if.
  const baseRetry = plan.retryRate;
  const retryRate = whatIf.retryRate ?? baseRetry;
  const retryFactor = (1 + retryRate) / (1 + baseRetry);
  const tokensEff = tokens ? scale(tokens.value, retryFactor) : null;
  let costEff = cost ? cost.value : null;
  if (whatIf.pricePer1kTokens !== null) {
    if (tokens) costEff = scale(tokens.value, whatIf.pricePer1kTokens / 1000);
    else missing.push("A price per 1,000 tokens needs tokens per request: connect a token signal.");
  }
  costEff = costEff ? scale(costEff, whatIf.costMultiplier * retryFactor) : null;
  let manualEff = manual?.value ?? null;
  if (whatIf.humanShare !== null)
    manualEff =
      manual && manual.value.central > 0
        ? scale(manual.value, whatIf.humanShare / manual.value.central)
        : exactly(whatIf.humanShare);

  const perDay = (perReq: Range | null): Range | null =>
    perReq && requestsPerDay !== null ? scale(perReq, requestsPerDay) : null;
  const demand: DailyDemand = {
    requests: requestsPerDay !== null ? exactly(requestsPerDay * retryFactor) : null,
    tokens: perDay(tokensEff),
    spend: perDay(costEff),
    human_cases: perDay(manualEff),
    tokensPerRequest: tokens?.value ?? null,
    spendUnit: cost?.unit ?? plan.currency ?? "",
  };

  const latencyCache = new Map<number, { name: string; today: Range; fit: LoadFit } | null>();
  const latencyOf = (q: number) => {
    if (latencyCache.has(q)) return latencyCache.get(q)!;
    const series = [...signals.latency].sort(
      (a, b) => Math.abs(a.quantile - q) - Math.abs(b.quantile - q),
    )[0];
    const recent = series ? [...recentDays(series.values, now, TODAY_DAYS).values()] : [];
    const found =
      series && recent.length > 0
        ? {
            name: series.name,
            today: {
              low: quantile(recent, 0.1),
              central: quantile(recent, 0.5),
              high: quantile(recent, 0.9),
            },
            fit: signals.requests
              ? fitLoadExponent(signals.requests.values, series.values, now)
              : flatFit("no requests signal to fit latency against: assumed flat with load"),
          }
        : null;
    latencyCache.set(q, found);
    return found;
  };

  const limits = input.limits.map((limit) =>
    projectLimit(limit, {
      demand,
      latency: latencyOf,
      scale: scaleTarget?.multiple ?? null,
      dataConfidence: confidence,
      dateOf: (m) => dateOnPath(path, m),
    }),
  );
  for (const l of limits) if (l.missing) missing.push(l.missing);
  if (input.limits.length === 0)
    missing.push(
      "Record the capacity limits: provider rate limits and quotas, latency budgets, human review capacity, contract caps.",
    );

  const ranked = limits
    .filter((l) => l.breakAt !== null && l.breakAt.central < MAX_MULTIPLE)
    .sort((a, b) => a.breakAt!.central - b.breakAt!.central || a.breakAt!.low - b.breakAt!.low);
  const first = ranked[0];
  const firstBreak = first
    ? {
        name: first.name,
        kind: first.kind,
        breakAt: first.breakAt!,
        beforeScale: scaleTarget !== null && first.breakAt!.central <= scaleTarget.multiple,
        expectedOn: first.expectedOn,
      }
    : null;

  const x = scaleTarget?.multiple ?? null;
  const signalProjections: SignalProjection[] = [];
  const addSignal = (name: string, unit: string, today: Range | null, exponent: Range, method: string) => {
    if (!today || x === null) return;
    const at = {
      low: today.low * Math.pow(x, exponent.low),
      central: today.central * Math.pow(x, exponent.central),
      high: today.high * Math.pow(x, exponent.high),
    };
    signalProjections.push({ name, unit, today, atScale: at, method });
  };
  const linear = exactly(1);
  addSignal(
    "Requests per day",
    "requests",
    demand.requests,
    linear,
    "grows in step with load (retries included)",
  );
  addSignal(
    "Spend per month",
    cost?.unit ?? "",
    demand.spend && scale(demand.spend, DAYS_PER_MONTH),
    linear,
    "cost per request × requests × 30.4 days",
  );
  addSignal("Tokens per day", "tokens", demand.tokens, linear, "tokens per request × requests");
  addSignal(
    "Cases for a human per day",
    "cases",
    demand.human_cases,
    linear,
    "share handled by a person × requests",
  );
  if (errors) {
    const fit =
      signals.requests && signals.errorRate
        ? fitLoadExponent(signals.requests.values, signals.errorRate.values, now)
        : flatFit("no requests signal to fit against: assumed flat with load");
    addSignal("Error rate", "share", errors.value, fit.exponent, fit.note);
  }
  const p95 = latencyOf(0.95);
  if (p95) addSignal(p95.name, "ms", p95.today, p95.fit.exponent, p95.fit.note);

  const result: RehearsalResult = {
    computedAt: new Date(now).toISOString(),
    today: { requestsPerDay, source, measuredOn: plan.measuredOn, observedRequestsPerDay: observed },
    scale: scaleTarget,
    milestones,
    assumptions: {
      costMultiplier: whatIf.costMultiplier,
      pricePer1kTokens: whatIf.pricePer1kTokens,
      retryRate,
      baseRetryRate: baseRetry,
      humanShare: whatIf.humanShare,
    },
    ratios,
    signals: signalProjections,
    latencyFit: latencyOf(0.95)?.fit ?? null,
    limits,
    firstBreak,
    confidence: first ? weakest(confidence, first.confidence) : confidence,
    daysObserved: observedDays,
    notes,
    missing: [...new Set(missing)],
    engineering: [],
    leadership: [],
  };
  if (observedDays > 0 && observedDays < 14)
    notes.push(`Only ${observedDays} days of production data: treat every range as rough.`);
  return finiteNumbers(describeRehearsal(result));
}

/** Largest magnitude a result carries: extreme inputs must still give numbers JSON can hold. */
const HUGE = 1e300;

/** Replaces infinities with ±1e300 and NaN with 0 everywhere in a result (extreme what-ifs). */
function finiteNumbers<T>(value: T): T {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return 0 as T;
    return (value === Infinity ? HUGE : value === -Infinity ? -HUGE : value) as T;
  }
  if (Array.isArray(value)) return value.map(finiteNumbers) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, finiteNumbers(v)])) as T;
  return value;
}

/** Utilisation of a projected limit at `multiple` times today's load (central, low, high). */
export function utilisationAt(
  limit: { utilisationToday: Range | null; exponent: Range },
  multiple: number,
): Range | null {
  const u = limit.utilisationToday;
  if (!u) return null;
  return {
    low: u.low * Math.pow(multiple, limit.exponent.low),
    central: u.central * Math.pow(multiple, limit.exponent.central),
    high: u.high * Math.pow(multiple, limit.exponent.high),
  };
}
