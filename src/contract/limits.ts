import { z } from "zod";
import { Id, IsoDate, IsoDateTime, RequiredText, Text } from "./common.js";

export const LIMIT_STATES = ["ok", "at_risk", "breached", "no_data"] as const;
export const LimitState = z.enum(LIMIT_STATES);
export type LimitState = z.infer<typeof LimitState>;

export const WINDOW_AGGREGATES = ["mean", "sum", "max", "min", "ratio", "quantile"] as const;
export const WindowAggregateKind = z.enum(WINDOW_AGGREGATES);

const Days = z.number().positive().max(3660);

export const TrustLimitCreate = z.object({
  signalId: Id.describe('The signal: id or "system-key/signal-key"'),
  name: Text(200).default("").describe("Defaults to a sentence built from the rule"),
  windowDays: Days.describe("Window the aggregate covers, e.g. 7 for 'over 7 days'"),
  aggregate: WindowAggregateKind.default("mean"),
  quantile: z.number().gt(0).lt(1).nullable().default(null),
  comparator: z
    .enum(["above", "below"])
    .describe("Trust is lost when the aggregate goes above (or below) the threshold"),
  threshold: z.number().min(-1e15).max(1e15),
  horizonDays: Days.nullable()
    .default(null)
    .describe("How far ahead a forecast crossing counts as at risk (default: the window)"),
  sourceAnswerId: Id.nullable()
    .default(null)
    .describe("Leadership's answer to 'what would make you stop trusting this system'"),
});
export type TrustLimitCreate = z.infer<typeof TrustLimitCreate>;

export const SignalRef = z.object({
  id: Id,
  key: z.string(),
  name: z.string(),
  unit: z.string(),
  kind: z.string(),
});

export const Evaluation = z.object({
  state: LimitState,
  value: z.number().nullable(),
  headroom: z.number().nullable(),
  forecastBreachAt: IsoDateTime.nullable().describe(
    "When the limit is crossed (or the budget runs out) at the current trend",
  ),
  evaluatedAt: IsoDateTime,
  stateSince: IsoDateTime.nullable(),
});

export const TrustLimit = z.object({
  id: Id,
  systemId: Id,
  signal: SignalRef,
  name: z.string(),
  rule: z.string().describe('e.g. "7-day mean of Agent edit rate above 0.25"'),
  windowDays: z.number(),
  aggregate: WindowAggregateKind,
  quantile: z.number().nullable(),
  comparator: z.enum(["above", "below"]),
  threshold: z.number(),
  horizonDays: z.number().nullable(),
  sourceAnswerId: Id.nullable(),
  createdAt: IsoDateTime,
  evaluation: Evaluation,
});
export type TrustLimit = z.infer<typeof TrustLimit>;

export const LimitSeriesQuery = z.object({
  from: IsoDate.optional().describe("First day included (default: 89 days before `to`); at most 366 days"),
  to: IsoDate.optional().describe("Last day included (default: today)"),
});
export type LimitSeriesQuery = z.infer<typeof LimitSeriesQuery>;

export const LimitSeriesPoint = z.object({
  t: z.number().describe("Start of the day (UTC), epoch ms, as in the signal's daily series"),
  at: z.number().describe("When the window was read, epoch ms: the day's last millisecond, or now for today"),
  v: z
    .number()
    .nullable()
    .describe("The window value the limit checks at `at` (its evaluation.value then); null without data"),
});
export type LimitSeriesPoint = z.infer<typeof LimitSeriesPoint>;

export const LimitSeries = z.object({
  limitId: Id,
  from: IsoDate,
  to: IsoDate,
  windowDays: z.number(),
  aggregate: WindowAggregateKind,
  comparator: z.enum(["above", "below"]),
  threshold: z.number(),
  points: z
    .array(LimitSeriesPoint)
    .describe("One per day up to today, computed from the raw points exactly as the limit evaluates"),
});
export type LimitSeries = z.infer<typeof LimitSeries>;

export const BudgetPeriodInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("calendar_month") }),
  z.object({ kind: z.literal("rolling"), days: Days }),
]);

export const RiskBudgetCreate = z.object({
  signalId: Id.describe('The signal: id or "system-key/signal-key"'),
  name: RequiredText(200),
  period: BudgetPeriodInput,
  kind: z
    .enum(["spend", "objective"])
    .describe("spend: the signal's total must stay within amount; objective: a share of good days/hours"),
  amount: z
    .number()
    .positive()
    .nullable()
    .default(null)
    .describe("For spend: the most the period may total, e.g. 30000"),
  target: z
    .number()
    .gt(0)
    .lt(1)
    .nullable()
    .default(null)
    .describe("For objective: the share of buckets that must be good, e.g. 0.99"),
  bucket: z.enum(["hour", "day"]).default("day").describe("For objective: what one good or bad event is"),
  comparator: z
    .enum(["at_least", "at_most"])
    .default("at_least")
    .describe("For objective: a bucket is good when its aggregate is at least / at most the threshold"),
  threshold: z.number().min(-1e15).max(1e15).nullable().default(null),
  riskId: Id.nullable().default(null).describe("The risk this budget bounds, if any"),
});
export type RiskBudgetCreate = z.infer<typeof RiskBudgetCreate>;

export const BurnWindow = z.object({ windowHours: z.number(), burnRate: z.number().nullable() });
export const BurnAlert = z.object({
  severity: z.enum(["page", "ticket"]),
  longWindowHours: z.number(),
  shortWindowHours: z.number(),
  threshold: z.number(),
  longBurnRate: z.number(),
  shortBurnRate: z.number(),
});

export const RiskBudget = z.object({
  id: Id,
  systemId: Id,
  signal: SignalRef,
  name: z.string(),
  rule: z.string().describe('e.g. "Model spend at most 30,000 USD per calendar month"'),
  kind: z.enum(["spend", "objective"]),
  period: BudgetPeriodInput,
  amount: z.number().nullable(),
  target: z.number().nullable(),
  bucket: z.enum(["hour", "day"]),
  comparator: z.enum(["at_least", "at_most"]),
  threshold: z.number().nullable(),
  riskId: Id.nullable(),
  createdAt: IsoDateTime,
  evaluation: Evaluation.extend({
    amount: z.number().describe("Budget size: money for spend, allowed bad buckets for objectives"),
    consumed: z.number(),
    remaining: z.number(),
    periodStart: IsoDateTime,
    periodEnd: IsoDateTime,
    burnRates: z.array(BurnWindow),
    firingAlerts: z.array(BurnAlert),
  }),
});
export type RiskBudget = z.infer<typeof RiskBudget>;

export const StateChange = z.object({ state: LimitState, value: z.number().nullable(), at: IsoDateTime });
export type StateChange = z.infer<typeof StateChange>;

export const FINDING_STATUSES = ["open", "expected", "investigating", "resolved"] as const;
export const FindingStatus = z.enum(FINDING_STATUSES);

export const Finding = z.object({
  id: Id,
  systemId: Id,
  signal: SignalRef,
  kind: z.enum(["level_shift", "trend", "variance_change"]),
  since: IsoDateTime.nullable(),
  detectedAt: IsoDateTime,
  summary: z.string().describe('e.g. "Cost per request up 3% a week since 2 Oct (high confidence)"'),
  change: z.number(),
  baseline: z.number(),
  relativeChange: z.number().nullable(),
  confidence: z.number(),
  confidenceLabel: z.enum(["low", "medium", "high"]),
  worse: z.boolean().nullable(),
  status: FindingStatus,
  note: z.string(),
  triagedBy: z.object({ id: Id, name: z.string(), side: z.string() }).nullable(),
  triagedAt: IsoDateTime.nullable(),
});
export type Finding = z.infer<typeof Finding>;

export const FindingTriage = z.object({
  status: z.enum(["expected", "investigating", "resolved"]),
  note: Text(4000).default(""),
});
export type FindingTriage = z.infer<typeof FindingTriage>;

export const FindingsQuery = z.object({
  systemId: Id.optional(),
  status: FindingStatus.optional(),
});
