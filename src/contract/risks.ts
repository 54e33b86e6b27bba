import { z } from "zod";
import { Id, IsoDate, IsoDateTime, patchOf, RequiredText, Text } from "./common.js";
import {
  DecisionOutcome,
  GrowthDriver,
  GrowthVisibility,
  ImpactArea,
  RiskClass,
  RiskPosture,
  SafeguardKind,
  SafeguardStatus,
} from "./enums.js";
import { PersonRef } from "./systems.js";

const Score = z.number().int().min(1).max(5);

export const CostRange = z
  .object({
    low: z.number().finite().min(0),
    high: z.number().finite().min(0),
    currency: z.string().regex(/^[A-Z]{3}$/, "use a 3-letter ISO currency code such as USD"),
  })
  .refine((r) => r.high >= r.low, { message: "high must be at least low", path: ["high"] });
export type CostRange = z.infer<typeof CostRange>;

export const RiskFields = z.object({
  title: RequiredText(300),
  class: RiskClass,
  failureMode: Text(4000).default("").describe("Engineering view: how it fails"),
  triggers: Text(4000).default("").describe("Engineering view: triggers and edge cases"),
  dependencies: Text(4000).default("").describe("Engineering view: what it depends on"),
  businessImpact: Text(4000).default("").describe("Leadership view: impact on outcomes"),
  impactAreas: z.array(ImpactArea).max(4).default([]),
  growth: GrowthVisibility.default("loud"),
  growthDrivers: z.array(GrowthDriver).max(3).default([]),
  likelihood: Score.default(3),
  impact: Score.default(3),
  costOfFailure: CostRange.nullable().default(null),
  revealingSignals: z.array(RequiredText(200)).max(30).default([]).describe("Signals that would reveal it"),
  sourceAnswerId: Id.nullable().default(null).describe("The answer this risk came out of, if any"),
});

export const RiskCreate = RiskFields;
export type RiskCreate = z.infer<typeof RiskCreate>;

export const RiskUpdate = patchOf(RiskFields).extend({
  closed: z.boolean().optional().describe("Close a risk that no longer applies"),
  version: z.number().int().optional(),
});
export type RiskUpdate = z.infer<typeof RiskUpdate>;

export const Decision = z.object({
  id: Id,
  riskId: Id,
  outcome: DecisionOutcome,
  rationale: z.string(),
  conditions: z.string(),
  reviewBy: IsoDate.nullable(),
  decidedBy: PersonRef,
  decidedAt: IsoDateTime,
  supersededBy: Id.nullable(),
  sourceAnswerId: Id.nullable(),
});
export type Decision = z.infer<typeof Decision>;

export const DecisionCreate = z.object({
  outcome: DecisionOutcome,
  rationale: RequiredText(4000).describe("Why this is the right call now"),
  conditions: Text(4000).default("").describe('e.g. "while cost stays under 300 USD a day"'),
  reviewBy: IsoDate.nullable().default(null).describe("Required for accept and defer"),
  sourceAnswerId: Id.nullable().default(null),
});
export type DecisionCreate = z.infer<typeof DecisionCreate>;

export const SafeguardRef = z.object({
  id: Id,
  name: z.string(),
  kind: SafeguardKind,
  status: SafeguardStatus,
});

export const Risk = z.object({
  id: Id,
  systemId: Id,
  systemKey: z.string(),
  title: z.string(),
  class: RiskClass,
  failureMode: z.string(),
  triggers: z.string(),
  dependencies: z.string(),
  businessImpact: z.string(),
  impactAreas: z.array(ImpactArea),
  growth: GrowthVisibility,
  growthDrivers: z.array(GrowthDriver),
  likelihood: Score,
  impact: Score,
  costOfFailure: CostRange.nullable(),
  revealingSignals: z.array(z.string()),
  sourceAnswerId: Id.nullable(),
  closed: z.boolean(),
  posture: RiskPosture.describe("Derived from the latest decision and today's date"),
  currentDecision: Decision.nullable(),
  expiresInDays: z.number().int().nullable().describe("Days until the current decision's review-by date"),
  safeguards: z.array(SafeguardRef),
  proposedBy: PersonRef,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type Risk = z.infer<typeof Risk>;

export const RiskWithHistory = Risk.extend({ decisions: z.array(Decision).describe("Newest first") });
export type RiskWithHistory = z.infer<typeof RiskWithHistory>;

export const RisksQuery = z.object({
  systemId: Id.optional(),
  class: RiskClass.optional(),
  posture: RiskPosture.optional(),
  minImpact: z.coerce.number().int().min(1).max(5).optional(),
  unguarded: z.stringbool().optional().describe("Only risks without any safeguard"),
});
