import { z } from "zod";
import { Id, IsoDate, IsoDateTime, RequiredText, Text } from "./common.js";
import {
  CAPACITY_LIMIT_KINDS,
  LIMIT_MEASURES,
  LIMIT_OUTCOMES,
  LIMIT_WINDOWS,
  SIGNAL_ROLES,
} from "../core/rehearsal/types.js";

// The scale rehearsal: a system's planned scale, the capacity limits engineering records, and the
// projection of what breaks first as usage grows (docs/rehearsal.md).

export const CapacityLimitKind = z.enum(CAPACITY_LIMIT_KINDS);
export const LimitMeasure = z.enum(LIMIT_MEASURES);
export const LimitWindow = z.enum(LIMIT_WINDOWS);
export const SignalRole = z.enum(SIGNAL_ROLES);

const Count = z.number().finite().min(0).max(1e15);
const Multiple = z.number().finite().min(0.01).max(1000);
const Share = z.number().finite().min(0).max(1);

export const Milestone = z.object({
  label: Text(100).default("").describe('e.g. "Q3 launch in three languages"'),
  multiple: Multiple.nullable().default(null).describe("A multiple of today's volume, e.g. 10"),
  requestsPerDay: Count.nullable()
    .default(null)
    .describe("Or the absolute volume planned, in requests per day"),
  date: IsoDate.describe("Target date"),
});
export type Milestone = z.infer<typeof Milestone>;

const SignalRef = Text(200).describe('A signal id or "system-key/signal-key"');

export const SignalRoles = z
  .object({
    requests: SignalRef.nullable().default(null).describe("The signal that counts requests per day (sum)"),
    tokens: z.array(RequiredText(200)).max(4).default([]).describe("Signals counting tokens (summed)"),
    cost: SignalRef.nullable().default(null).describe("Default: the system's first cost signal"),
    manualWork: SignalRef.nullable().default(null).describe("Default: the first manual-work signal"),
    errorRate: SignalRef.nullable().default(null).describe("Default: the first error-rate ratio signal"),
    latency: z.array(RequiredText(200)).max(4).default([]).describe("Default: the system's latency signals"),
  })
  .describe("Which signal plays which part; unset roles are found by signal kind and connector key");
export type SignalRoles = z.infer<typeof SignalRoles>;

export const PlannedScaleInput = z.object({
  requestsPerDay: Count.nullable()
    .default(null)
    .describe("Today's requests (cases, tickets, documents) per day; null: read the requests signal"),
  users: Count.nullable().default(null),
  dataVolume: z
    .object({ value: Count, unit: RequiredText(40) })
    .nullable()
    .default(null)
    .describe('e.g. { "value": 40, "unit": "GB of articles" }'),
  measuredOn: IsoDate.nullable().default(null).describe("When today's figures were measured"),
  milestones: z.array(Milestone).max(12).default([]),
  retryRate: Share.default(0).describe("Share of provider calls that are retries today, e.g. 0.05"),
  pricePer1kTokens: z
    .number()
    .finite()
    .min(1e-9)
    .max(1000)
    .nullable()
    .default(null)
    .describe("Blended price per 1,000 tokens today; lets spend stand in for a missing token signal"),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "use a 3-letter ISO currency code such as USD")
    .nullable()
    .default(null),
  roles: SignalRoles.default({
    requests: null,
    tokens: [],
    cost: null,
    manualWork: null,
    errorRate: null,
    latency: [],
  }),
  rehearsalMaxAgeDays: z
    .number()
    .int()
    .min(1)
    .max(366)
    .default(30)
    .describe("For the readiness rule rehearsal_recent: how old the latest rehearsal may be"),
});
export type PlannedScaleInput = z.infer<typeof PlannedScaleInput>;

export const PlannedScale = PlannedScaleInput.extend({
  systemId: Id,
  updatedAt: IsoDateTime,
  updatedBy: z.object({ id: Id, name: z.string() }).nullable(),
});
export type PlannedScale = z.infer<typeof PlannedScale>;

export const CapacityLimitCreate = z.object({
  name: RequiredText(200).describe('e.g. "OpenAI gpt-4o tokens per minute"'),
  kind: CapacityLimitKind,
  value: z.number().finite().min(1e-6).max(1e15),
  unit: Text(40).default("").describe('e.g. "tokens/min", "cases/day", "USD/month", "ms"'),
  source: Text(500)
    .default("")
    .describe('Where the figure comes from, e.g. "OpenAI tier 3 dashboard, 2026-11-01"'),
  peakFactor: z
    .number()
    .finite()
    .min(1)
    .max(1000)
    .nullable()
    .default(null)
    .describe(
      "Busiest minute over the average minute (per-minute limits), or busiest day over the average day",
    ),
  quantile: z.number().gt(0).lt(1).nullable().default(null).describe("For latency budgets: 0.95 or 0.99"),
  measure: LimitMeasure.nullable()
    .default(null)
    .describe("For quotas, internal and custom limits: what is counted"),
  window: LimitWindow.nullable()
    .default(null)
    .describe("For internal and custom limits: per minute, day or month"),
  currentUsage: z
    .number()
    .finite()
    .min(0)
    .max(1e15)
    .nullable()
    .default(null)
    .describe("For custom limits: today's use, in the limit's unit"),
});
export type CapacityLimitCreate = z.infer<typeof CapacityLimitCreate>;

export const CapacityLimit = CapacityLimitCreate.extend({
  id: Id,
  systemId: Id,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type CapacityLimit = z.infer<typeof CapacityLimit>;

export const WhatIfInput = z.object({
  scale: Multiple.nullable()
    .default(null)
    .describe("The scale to rehearse, e.g. 10 for 10x; default: the plan"),
  costMultiplier: z
    .number()
    .finite()
    .min(0.001)
    .max(100)
    .default(1)
    .describe("0.5: a model at half the price"),
  pricePer1kTokens: z.number().finite().min(1e-9).max(1000).nullable().default(null),
  retryRate: Share.nullable().default(null).describe("Share of provider calls that are retries"),
  humanShare: Share.nullable().default(null).describe("Share of cases sent to a person"),
});
export type WhatIfInput = z.infer<typeof WhatIfInput>;

const Range = z.object({ low: z.number(), central: z.number(), high: z.number() });
const Confidence = z.enum(["low", "medium", "high"]);
const LimitKindOrBudget = z.enum([...CAPACITY_LIMIT_KINDS, "risk_budget"]);

export const LimitProjection = z.object({
  id: Id.nullable(),
  name: z.string(),
  kind: LimitKindOrBudget,
  value: z.number(),
  unit: z.string(),
  source: z.string(),
  demandLabel: z.string(),
  demandToday: Range.nullable(),
  utilisationToday: Range.nullable().describe("Share of the limit used at today's load"),
  exponent: Range.describe("Use at x times today's load = utilisationToday × x^exponent"),
  breakAt: Range.nullable().describe("Multiple of today's load at which the limit is reached"),
  expectedOn: IsoDate.nullable(),
  outcome: z.enum(LIMIT_OUTCOMES),
  method: z.string(),
  missing: z.string().nullable(),
  confidence: Confidence,
});

export const RehearsalResult = z.object({
  computedAt: IsoDateTime,
  today: z.object({
    requestsPerDay: z.number().nullable(),
    source: z.enum(["plan", "signal", "none"]),
    measuredOn: IsoDate.nullable(),
    observedRequestsPerDay: z.number().nullable(),
  }),
  scale: z.object({ multiple: z.number(), label: z.string(), date: IsoDate.nullable() }).nullable(),
  milestones: z.array(z.object({ label: z.string(), multiple: z.number(), date: IsoDate })),
  assumptions: z.object({
    costMultiplier: z.number(),
    pricePer1kTokens: z.number().nullable(),
    retryRate: z.number(),
    baseRetryRate: z.number(),
    humanShare: z.number().nullable(),
  }),
  ratios: z.array(
    z.object({
      measure: z.enum(["cost_per_request", "tokens_per_request", "manual_share", "error_rate"]),
      label: z.string(),
      unit: z.string(),
      value: Range,
      days: z.number(),
      method: z.string(),
    }),
  ),
  signals: z.array(
    z.object({ name: z.string(), unit: z.string(), today: Range, atScale: Range, method: z.string() }),
  ),
  latencyFit: z
    .object({
      exponent: Range,
      evidence: z.boolean(),
      days: z.number(),
      loadRange: z.object({ min: z.number(), max: z.number() }).nullable(),
      note: z.string(),
    })
    .nullable(),
  limits: z.array(LimitProjection),
  firstBreak: z
    .object({
      name: z.string(),
      kind: LimitKindOrBudget,
      breakAt: Range,
      beforeScale: z.boolean(),
      expectedOn: IsoDate.nullable(),
    })
    .nullable(),
  confidence: Confidence,
  daysObserved: z.number(),
  notes: z.array(z.string()),
  missing: z.array(z.string()).describe("What to record so more can be projected"),
  engineering: z.array(z.string()).describe("Engineering's voice: which limit, units, method"),
  leadership: z.array(z.string()).describe("Leadership's voice: what runs out, when, how sure"),
});
export type RehearsalResult = z.infer<typeof RehearsalResult>;

export const Rehearsal = z.object({
  id: Id,
  systemId: Id,
  systemKey: z.string(),
  createdAt: IsoDateTime,
  createdBy: z.object({ id: Id, name: z.string() }).nullable(),
  whatIf: WhatIfInput,
  result: RehearsalResult,
});
export type Rehearsal = z.infer<typeof Rehearsal>;

export const RehearsalView = z.object({
  plan: PlannedScale.nullable(),
  limits: z.array(CapacityLimit),
  latest: Rehearsal.nullable().describe("The newest saved rehearsal"),
});
export type RehearsalView = z.infer<typeof RehearsalView>;
