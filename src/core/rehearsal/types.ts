/**
 * The vocabulary of a scale rehearsal: what engineering records about a system's capacity and
 * what the projection reports. Plain `as const` lists and types so the contract can build zod
 * enums from them while the core stays free of zod.
 */

export const CAPACITY_LIMIT_KINDS = [
  "requests_per_minute",
  "tokens_per_minute",
  "quota_per_day",
  "quota_per_month",
  "context_window_tokens",
  "latency_budget_ms",
  "human_review_per_day",
  "contract_cap_spend_per_month",
  "internal_service_limit",
  "custom",
] as const;
export type CapacityLimitKind = (typeof CAPACITY_LIMIT_KINDS)[number];

/** What a limit counts. */
export const LIMIT_MEASURES = ["requests", "tokens", "spend", "human_cases"] as const;
export type LimitMeasure = (typeof LIMIT_MEASURES)[number];

/** The window a limit counts over. */
export const LIMIT_WINDOWS = ["minute", "day", "month"] as const;
export type LimitWindow = (typeof LIMIT_WINDOWS)[number];

/** Which observed signal plays which part in the projection. */
export const SIGNAL_ROLES = ["requests", "tokens", "cost", "manual_work", "error_rate", "latency"] as const;
export type SignalRole = (typeof SIGNAL_ROLES)[number];

/** A value with its uncertainty: `low` ≤ `central` ≤ `high`. */
export interface Range {
  low: number;
  central: number;
  high: number;
}

export type Confidence = "low" | "medium" | "high";

/** One day's value of a signal; `t` is the start of the UTC day, epoch ms. */
export interface DailyValue {
  t: number;
  v: number;
}

export interface Milestone {
  label: string;
  /** A multiple of today's volume, or null when given as an absolute volume. */
  multiple: number | null;
  /** Requests per day at the milestone, or null when given as a multiple. */
  requestsPerDay: number | null;
  /** Target date, YYYY-MM-DD. */
  date: string;
}

/** Today's volume and where it is meant to go. */
export interface PlanFacts {
  /** Today's requests (cases, tickets, documents...) per day; null: take it from the requests signal. */
  requestsPerDay: number | null;
  users: number | null;
  dataVolume: { value: number; unit: string } | null;
  /** When today's figures were measured, YYYY-MM-DD. */
  measuredOn: string | null;
  milestones: readonly Milestone[];
  /** Share of provider calls that are retries today (0.05 = 5% extra calls). */
  retryRate: number;
  /** Blended price per 1,000 tokens today, to derive tokens from spend when no token signal exists. */
  pricePer1kTokens: number | null;
  currency: string | null;
}

/** A capacity limit as engineering recorded it (or a spend budget leadership set). */
export interface LimitFacts {
  id: string | null;
  name: string;
  kind: CapacityLimitKind | "risk_budget";
  value: number;
  unit: string;
  source: string;
  /** Busiest minute (or day) over the average one; null when nobody recorded it. */
  peakFactor: number | null;
  /** For latency budgets: 0.95 or 0.99. */
  quantile: number | null;
  /** For quotas, internal and custom limits: what is counted and over which window. */
  measure: LimitMeasure | null;
  window: LimitWindow | null;
  /** For rolling spend budgets: the window in days (overrides `window`). */
  windowDays: number | null;
  /** For custom limits: today's use in the limit's unit, which then grows with load. */
  currentUsage: number | null;
}

export interface ObservedSeries {
  name: string;
  unit: string;
  values: readonly DailyValue[];
}

/** The daily signals a rehearsal reads, by role. Absent roles are simply missing data. */
export interface ObservedSignals {
  requests: ObservedSeries | null;
  tokens: ObservedSeries | null;
  cost: ObservedSeries | null;
  manualWork: ObservedSeries | null;
  errorRate: ObservedSeries | null;
  latency: ReadonlyArray<ObservedSeries & { quantile: number }>;
}

/** The what-if knobs; null leaves today's value. */
export interface WhatIf {
  /** The scale to rehearse, as a multiple of today's volume; null: the last planned milestone. */
  scale: number | null;
  /** Multiplies the cost per request (0.5 for a model at half the price). */
  costMultiplier: number;
  /** Replaces the price per 1,000 tokens (needs tokens per request). */
  pricePer1kTokens: number | null;
  /** Share of provider calls that are retries. */
  retryRate: number | null;
  /** Share of cases sent to a human. */
  humanShare: number | null;
}

export const NO_WHAT_IF: WhatIf = {
  scale: null,
  costMultiplier: 1,
  pricePer1kTokens: null,
  retryRate: null,
  humanShare: null,
};

export interface RehearsalInput {
  now: number;
  plan: PlanFacts;
  limits: readonly LimitFacts[];
  signals: ObservedSignals;
  whatIf: WhatIf;
}

export const LIMIT_OUTCOMES = [
  "already_broken",
  "breaks_before_plan",
  "breaks_after_plan",
  "holds",
  "not_load_driven",
  "no_data",
] as const;
export type LimitOutcome = (typeof LIMIT_OUTCOMES)[number];

export interface RatioEstimate {
  measure: "cost_per_request" | "tokens_per_request" | "manual_share" | "error_rate";
  label: string;
  unit: string;
  value: Range;
  days: number;
  method: string;
}

export interface LoadFit {
  /** How latency or error rate grows with load: value ∝ load^exponent. */
  exponent: Range;
  /** Whether the data showed growth with load (false: assumed flat). */
  evidence: boolean;
  days: number;
  loadRange: { min: number; max: number } | null;
  note: string;
}

export interface LimitProjection {
  id: string | null;
  name: string;
  kind: CapacityLimitKind | "risk_budget";
  value: number;
  unit: string;
  source: string;
  /** What the demand is measured in, e.g. "tokens a minute at peak". */
  demandLabel: string;
  /** Demand today (at 1x), in the limit's unit; null without data. */
  demandToday: Range | null;
  /** Utilisation at 1x; utilisation at x is utilisationToday × x^exponent. */
  utilisationToday: Range | null;
  exponent: Range;
  /** Multiple of today's load at which the limit is reached; null when it never is or no data. */
  breakAt: Range | null;
  /** When load reaches `breakAt.central` on the planned path, YYYY-MM-DD, if it does. */
  expectedOn: string | null;
  outcome: LimitOutcome;
  method: string;
  /** What to record so this limit can be projected (no data), or null. */
  missing: string | null;
  confidence: Confidence;
}

export interface SignalProjection {
  name: string;
  unit: string;
  today: Range;
  atScale: Range;
  method: string;
}

export interface RehearsalResult {
  computedAt: string;
  today: {
    requestsPerDay: number | null;
    source: "plan" | "signal" | "none";
    measuredOn: string | null;
    observedRequestsPerDay: number | null;
  };
  /** The scale rehearsed (what-if or the last milestone), as a multiple of today. */
  scale: { multiple: number; label: string; date: string | null } | null;
  milestones: Array<{ label: string; multiple: number; date: string }>;
  assumptions: {
    costMultiplier: number;
    pricePer1kTokens: number | null;
    retryRate: number;
    baseRetryRate: number;
    humanShare: number | null;
  };
  ratios: RatioEstimate[];
  signals: SignalProjection[];
  latencyFit: LoadFit | null;
  limits: LimitProjection[];
  firstBreak: {
    name: string;
    kind: CapacityLimitKind | "risk_budget";
    breakAt: Range;
    beforeScale: boolean;
    expectedOn: string | null;
  } | null;
  confidence: Confidence;
  daysObserved: number;
  notes: string[];
  missing: string[];
  engineering: string[];
  leadership: string[];
}
