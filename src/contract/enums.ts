import { z } from "zod";

export const STAGES = ["idea", "demo", "pilot", "production", "retired"] as const;
export const Stage = z.enum(STAGES);
export type Stage = z.infer<typeof Stage>;

export const SIDES = ["leadership", "engineering"] as const;
export const Side = z.enum(SIDES);
export type Side = z.infer<typeof Side>;

export const USERS_REACHED = ["internal", "external", "both"] as const;
export const UsersReached = z.enum(USERS_REACHED);
export type UsersReached = z.infer<typeof UsersReached>;

export const RISK_CLASSES = [
  "quality",
  "quiet_degradation",
  "cost_variability",
  "data_quality",
  "legal_compliance",
  "reputational",
  "security",
  "vendor_dependency",
  "scale",
] as const;
export const RiskClass = z.enum(RISK_CLASSES);
export type RiskClass = z.infer<typeof RiskClass>;

export const GROWTH_VISIBILITY = ["loud", "quiet"] as const;
export const GrowthVisibility = z.enum(GROWTH_VISIBILITY);
export type GrowthVisibility = z.infer<typeof GrowthVisibility>;

export const GROWTH_DRIVERS = ["scale", "time", "data_drift"] as const;
export const GrowthDriver = z.enum(GROWTH_DRIVERS);
export type GrowthDriver = z.infer<typeof GrowthDriver>;

export const IMPACT_AREAS = ["money", "customers", "time", "reputation"] as const;
export const ImpactArea = z.enum(IMPACT_AREAS);
export type ImpactArea = z.infer<typeof ImpactArea>;

export const DECISION_OUTCOMES = ["accept", "mitigate", "avoid", "transfer", "defer"] as const;
export const DecisionOutcome = z.enum(DECISION_OUTCOMES);
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;

/** Where a risk stands, derived from its latest decision and the calendar. */
export const RISK_POSTURES = [
  "undecided",
  "accepted",
  "mitigating",
  "avoided",
  "transferred",
  "deferred",
  "expired",
  "closed",
] as const;
export const RiskPosture = z.enum(RISK_POSTURES);
export type RiskPosture = z.infer<typeof RiskPosture>;

export const SAFEGUARD_KINDS = ["prevent", "detect", "limit", "recover"] as const;
export const SafeguardKind = z.enum(SAFEGUARD_KINDS);
export type SafeguardKind = z.infer<typeof SafeguardKind>;

export const SAFEGUARD_STATUSES = ["planned", "building", "live", "verified"] as const;
export const SafeguardStatus = z.enum(SAFEGUARD_STATUSES);
export type SafeguardStatus = z.infer<typeof SafeguardStatus>;

export const VERDICTS = ["understood", "needs_clarification", "disagree"] as const;
export const Verdict = z.enum(VERDICTS);
export type Verdict = z.infer<typeof Verdict>;

export const STATEMENT_KINDS = ["not_ready", "go_faster"] as const;
export const StatementKind = z.enum(STATEMENT_KINDS);
export type StatementKind = z.infer<typeof StatementKind>;

export const QUESTION_CATEGORIES = [
  "scale",
  "quiet_risk",
  "safeguards",
  "speed",
  "acceptable_risk",
  "trust",
  "cost",
  "data_quality",
  "legal",
  "done",
  "other",
] as const;
export const QuestionCategory = z.enum(QUESTION_CATEGORIES);
export type QuestionCategory = z.infer<typeof QuestionCategory>;
