import type {
  Confidence,
  LimitFacts,
  LimitMeasure,
  LimitOutcome,
  LimitProjection,
  LimitWindow,
  LoadFit,
  Range,
} from "./types.js";

/** Multiples beyond this count as "does not break": nobody plans a thousandfold growth. */
export const MAX_MULTIPLE = 1000;
export const DAYS_PER_MONTH = 365.25 / 12;

/** Per-day demand of each measure at today's load (1x), after the what-if. */
export interface DailyDemand {
  requests: Range | null;
  tokens: Range | null;
  spend: Range | null;
  human_cases: Range | null;
  /** Tokens of one request, for the context window. */
  tokensPerRequest: Range | null;
  /** The currency spend is counted in, e.g. "USD". */
  spendUnit: string;
}

/** What a limit projection needs besides the limit itself. */
export interface LimitContext {
  demand: DailyDemand;
  /** Today's latency quantiles (p10–p90 of recent daily values) and their fit against load. */
  latency: (quantile: number) => { name: string; today: Range; fit: LoadFit } | null;
  scale: number | null;
  /** Confidence the data supports, from days observed and spread. */
  dataConfidence: Confidence;
  /** When load reaches `multiple` on the planned path, YYYY-MM-DD. */
  dateOf: (multiple: number) => string | null;
}

const PRESETS: Partial<Record<LimitFacts["kind"], { measure: LimitMeasure; window: LimitWindow }>> = {
  requests_per_minute: { measure: "requests", window: "minute" },
  tokens_per_minute: { measure: "tokens", window: "minute" },
  human_review_per_day: { measure: "human_cases", window: "day" },
  contract_cap_spend_per_month: { measure: "spend", window: "month" },
  risk_budget: { measure: "spend", window: "month" },
};

const MEASURE_WORDS: Record<LimitMeasure, string> = {
  requests: "requests",
  tokens: "tokens",
  spend: "spend",
  human_cases: "cases for a human",
};

/** What to record when a measure has no data behind it. */
const MEASURE_MISSING: Record<LimitMeasure, string> = {
  requests: "today's requests per day on the plan, or the signal that counts requests",
  tokens:
    "a token signal (e.g. genai.input_tokens and genai.output_tokens) or the blended price per 1,000 tokens on the plan",
  spend: "a cost signal (sum per day) and the requests signal or today's requests per day",
  human_cases: "a manual-work signal (share of cases a person handles) or a what-if human share",
};

const scaleRange = (r: Range, k: number): Range => ({
  low: r.low * k,
  central: r.central * k,
  high: r.high * k,
});

function windowDaysOf(limit: LimitFacts, window: LimitWindow): number {
  if (limit.windowDays !== null) return limit.windowDays;
  return window === "minute" ? 1 / 1440 : window === "day" ? 1 : DAYS_PER_MONTH;
}

/** x at which u·x^e reaches 1, capped at MAX_MULTIPLE; MAX_MULTIPLE when it never does. */
export function breakMultiple(utilisation: number, exponent: number): number {
  if (!(utilisation > 0)) return MAX_MULTIPLE;
  if (utilisation >= 1) return exponent > 0 ? Math.pow(1 / utilisation, 1 / exponent) : 0;
  if (!(exponent > 0)) return MAX_MULTIPLE;
  return Math.min(Math.pow(1 / utilisation, 1 / exponent), MAX_MULTIPLE);
}

/** The break range: the earliest break pairs the highest use with the steepest growth. */
export function breakRange(utilisation: Range, exponent: Range): Range {
  return {
    low: breakMultiple(utilisation.high, exponent.high),
    central: breakMultiple(utilisation.central, exponent.central),
    high: breakMultiple(utilisation.low, exponent.low),
  };
}

function outcomeOf(breakAt: Range, utilisation: Range, exponent: Range, scale: number | null): LimitOutcome {
  if (utilisation.central >= 1) return "already_broken";
  if (exponent.central === 0 && exponent.high === 0) return "not_load_driven";
  if (breakAt.central >= MAX_MULTIPLE) return "holds";
  if (scale !== null && breakAt.central <= scale) return "breaks_before_plan";
  return "breaks_after_plan";
}

function spreadConfidence(r: Range): Confidence {
  const ratio = r.low > 0 ? r.high / r.low : Number.POSITIVE_INFINITY;
  return ratio <= 1.25 ? "high" : ratio <= 1.6 ? "medium" : "low";
}

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };
export function weakest(...levels: Confidence[]): Confidence {
  return levels.reduce((a, b) => (RANK[b] < RANK[a] ? b : a), "high");
}

interface Demand {
  label: string;
  today: Range | null;
  exponent: Range;
  method: string;
  missing: string | null;
  confidence: Confidence;
}

const LINEAR: Range = { low: 1, central: 1, high: 1 };
const FLAT: Range = { low: 0, central: 0, high: 0 };

function volumeDemand(limit: LimitFacts, ctx: LimitContext): Demand {
  const preset = PRESETS[limit.kind];
  const measure = limit.measure ?? preset?.measure ?? null;
  const window = limit.window ?? preset?.window ?? null;
  if (measure === null || window === null) {
    if (limit.currentUsage !== null)
      return {
        label: limit.unit || "use",
        today: { low: limit.currentUsage, central: limit.currentUsage, high: limit.currentUsage },
        exponent: LINEAR,
        method: "today's use as recorded by engineering, growing in step with load",
        missing: null,
        confidence: "medium",
      };
    return {
      label: limit.unit || "use",
      today: null,
      exponent: LINEAR,
      method: "",
      missing: `Record what "${limit.name}" counts (requests, tokens, spend or cases for a human, per minute, day or month), or today's use of it.`,
      confidence: "low",
    };
  }
  const perDay = ctx.demand[measure];
  const days = windowDaysOf(limit, window);
  const peaky = window !== "month" && limit.windowDays === null;
  const peak = peaky ? (limit.peakFactor ?? 1) : 1;
  const windowWords =
    limit.windowDays !== null
      ? `over ${limit.windowDays} days`
      : window === "minute"
        ? "a minute at peak"
        : window === "day"
          ? limit.peakFactor
            ? "on a busy day"
            : "a day"
          : "a month";
  const words =
    measure === "spend" && ctx.demand.spendUnit ? `${ctx.demand.spendUnit} spent` : MEASURE_WORDS[measure];
  const label = `${words} ${windowWords}`;
  if (!perDay)
    return {
      label,
      today: null,
      exponent: LINEAR,
      method: "",
      missing: `To project "${limit.name}", record ${MEASURE_MISSING[measure]}.`,
      confidence: "low",
    };
  const peakNote =
    window === "minute"
      ? limit.peakFactor
        ? ` × peak-to-average ${limit.peakFactor}`
        : " assuming even traffic (no peak-to-average factor recorded: peaks make this break earlier)"
      : peak !== 1
        ? ` × busy-day factor ${peak}`
        : "";
  const perWindow =
    window === "minute"
      ? " ÷ 1,440 minutes"
      : window === "month"
        ? " × 30.4 days"
        : days !== 1
          ? ` × ${days} days`
          : "";
  return {
    label,
    today: scaleRange(perDay, days * peak),
    exponent: LINEAR,
    method: `${MEASURE_WORDS[measure]} per day${perWindow}${peakNote}, growing in step with load`,
    missing: null,
    confidence:
      window === "minute" && !limit.peakFactor ? weakest(ctx.dataConfidence, "medium") : ctx.dataConfidence,
  };
}

function contextWindowDemand(ctx: LimitContext): Demand {
  const t = ctx.demand.tokensPerRequest;
  return {
    label: "tokens in an average request",
    today: t,
    exponent: FLAT,
    method:
      "average tokens per request against the window; does not grow with load (the longest requests use more — record p99 tokens per request to check them)",
    missing: t ? null : `To check the context window, record ${MEASURE_MISSING.tokens}.`,
    confidence: t ? weakest(ctx.dataConfidence, "medium") : "low",
  };
}

function latencyDemand(limit: LimitFacts, ctx: LimitContext): Demand {
  const q = limit.quantile ?? 0.95;
  const label = `p${Math.round(q * 100)} latency in ms`;
  const found = ctx.latency(q);
  if (!found)
    return {
      label,
      today: null,
      exponent: FLAT,
      method: "",
      missing: `To project "${limit.name}", connect a p${Math.round(q * 100)} latency signal (e.g. OpenTelemetry genai.latency_p${Math.round(q * 100)}).`,
      confidence: "low",
    };
  return {
    label,
    today: found.today,
    exponent: found.fit.exponent,
    method: `${found.name}: ${found.fit.note}`,
    missing: null,
    confidence: found.fit.evidence ? weakest(ctx.dataConfidence, "medium") : "low",
  };
}

/** One limit at today's load and along growing load: its use, where it breaks and how sure that is. */
export function projectLimit(limit: LimitFacts, ctx: LimitContext): LimitProjection {
  const demand =
    limit.kind === "context_window_tokens"
      ? contextWindowDemand(ctx)
      : limit.kind === "latency_budget_ms"
        ? latencyDemand(limit, ctx)
        : volumeDemand(limit, ctx);
  const base = {
    id: limit.id,
    name: limit.name,
    kind: limit.kind,
    value: limit.value,
    unit: limit.unit,
    source: limit.source,
    demandLabel: demand.label,
    exponent: demand.exponent,
    method: demand.method,
    missing: demand.missing,
  };
  if (!demand.today || !(limit.value > 0)) {
    return {
      ...base,
      demandToday: null,
      utilisationToday: null,
      breakAt: null,
      expectedOn: null,
      outcome: "no_data",
      confidence: "low",
    };
  }
  const utilisation = scaleRange(demand.today, 1 / limit.value);
  const breakAt = breakRange(utilisation, demand.exponent);
  const outcome = outcomeOf(breakAt, utilisation, demand.exponent, ctx.scale);
  const breaks = outcome === "breaks_before_plan" || outcome === "breaks_after_plan";
  return {
    ...base,
    demandToday: demand.today,
    utilisationToday: utilisation,
    // A limit that holds on the central estimate keeps its range when the data allow an earlier break.
    breakAt:
      outcome === "not_load_driven" || (outcome === "holds" && breakAt.low >= MAX_MULTIPLE) ? null : breakAt,
    expectedOn: breaks ? ctx.dateOf(breakAt.central) : null,
    outcome,
    confidence: weakest(demand.confidence, spreadConfidence(breakAt)),
  };
}
