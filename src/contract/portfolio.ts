import { z } from "zod";
import { Id, IsoDate, IsoDateTime } from "./common.js";
import { Stage, UsersReached } from "./enums.js";
import { PersonRef } from "./systems.js";

export const Alignment = z.object({
  roundId: Id,
  roundTitle: z.string(),
  heldOn: IsoDate,
  asked: z.number().int(),
  readBack: z.number().int().describe("Questions answered and read back (aligned)"),
  disagreements: z.number().int(),
});
export type Alignment = z.infer<typeof Alignment>;

export const RiskPostureSummary = z.object({
  total: z.number().int(),
  undecidedHighImpact: z.number().int().describe("Open risks with impact 4-5 and no live decision"),
  accepted: z.number().int(),
  expiringSoon: z.number().int().describe("Acceptances whose review-by date is within 30 days"),
  expired: z.number().int().describe("Acceptances past their review-by date: the risk is open again"),
  unguarded: z.number().int().describe("Open risks without any safeguard"),
});
export type RiskPostureSummary = z.infer<typeof RiskPostureSummary>;

export const StateCounts = z.object({
  ok: z.number().int(),
  atRisk: z.number().int(),
  breached: z.number().int(),
  noData: z.number().int(),
});
export type StateCounts = z.infer<typeof StateCounts>;

export const SignalHealth = z.object({
  limits: StateCounts.describe("Trust limits by their last evaluated state"),
  budgets: StateCounts.describe("Risk budgets by their last evaluated state"),
  openFindings: z.number().int().describe("Quiet-failure findings open or under investigation"),
  signals: z.number().int(),
  lastPointAt: IsoDateTime.nullable().describe("Newest point across the system's signals"),
});
export type SignalHealth = z.infer<typeof SignalHealth>;

export const PortfolioEntry = z.object({
  id: Id,
  key: z.string(),
  name: z.string(),
  stage: Stage,
  usersReached: UsersReached,
  leadershipOwner: PersonRef.nullable(),
  engineeringOwner: PersonRef.nullable(),
  alignment: Alignment.nullable().describe("From the latest round; null when no round was held"),
  risks: RiskPostureSummary,
  lastReviewOn: IsoDate.nullable(),
  nextStageGaps: z.number().int().describe("Readiness rules not yet met for the next stage"),
  health: SignalHealth,
  updatedAt: IsoDateTime,
});
export type PortfolioEntry = z.infer<typeof PortfolioEntry>;

export const Portfolio = z.object({
  generatedAt: IsoDateTime,
  systems: z.array(PortfolioEntry),
  totals: z.object({
    systems: z.number().int(),
    byStage: z.record(z.string(), z.number().int()),
    undecidedHighImpact: z.number().int(),
    expiringSoon: z.number().int(),
    expired: z.number().int(),
    breached: z.number().int().describe("Limits and budgets breached"),
    atRisk: z.number().int().describe("Limits and budgets at risk"),
    openFindings: z.number().int(),
  }),
});
export type Portfolio = z.infer<typeof Portfolio>;

export const TimelineEvent = z.object({
  seq: z.number().int(),
  at: IsoDateTime,
  actor: PersonRef.nullable(),
  systemId: Id.nullable(),
  entity: z.string(),
  entityId: Id,
  action: z.string(),
  summary: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const TimelineQuery = z.object({
  since: IsoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
