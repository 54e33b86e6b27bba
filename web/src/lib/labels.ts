// Plain-language labels for every value in the contract. Records keyed by the contract's unions make
// the compiler tell us when the server adds a value we have not named yet. The key order is the order
// shown in the UI (the contract's enum modules are not imported at run time: they would pull zod in).
import type {
  AskState,
  DecisionOutcome,
  GrowthDriver,
  GrowthVisibility,
  ImpactArea,
  QuestionCategory,
  RiskClass,
  RiskPosture,
  SafeguardKind,
  SafeguardStatus,
  Side,
  Stage,
  UsersReached,
  Verdict,
} from "../../../src/contract/index.js";
import type { ChangeKind, Outlook, Voice } from "../../../src/contract/briefs.js";
import type { LedgerKind } from "../../../src/contract/ledger.js";

function keysOf<K extends string>(record: Record<K, unknown>): K[] {
  return Object.keys(record) as K[];
}

export const STAGE_LABEL: Record<Stage, string> = {
  idea: "Idea",
  demo: "Demo",
  pilot: "Pilot",
  production: "Production",
  retired: "Retired",
};
export const STAGE_MEANING: Record<Stage, string> = {
  idea: "Being explored; nothing built for real users yet.",
  demo: "Works in a controlled showcase; not yet trusted with real work.",
  pilot: "Real users, limited scope, watched closely.",
  production: "Part of how the business runs; failures cost money or trust.",
  retired: "Switched off; kept for the record.",
};
export const STAGES = keysOf(STAGE_LABEL);

export const SIDE_LABEL: Record<Side, string> = { leadership: "Leadership", engineering: "Engineering" };
export const SIDES = keysOf(SIDE_LABEL);
export function otherSide(side: Side): Side {
  return side === "leadership" ? "engineering" : "leadership";
}
export function sideLabel(side: string): string {
  return side in SIDE_LABEL ? SIDE_LABEL[side as Side] : side;
}

export const USERS_REACHED_LABEL: Record<UsersReached, string> = {
  internal: "Internal staff",
  external: "Customers and the public",
  both: "Staff and customers",
};

export const POSTURE_LABEL: Record<RiskPosture, string> = {
  undecided: "Undecided",
  accepted: "Accepted",
  mitigating: "Being mitigated",
  avoided: "Avoided",
  transferred: "Transferred",
  deferred: "Deferred",
  expired: "Acceptance expired",
  closed: "Closed",
};
export const POSTURES = keysOf(POSTURE_LABEL);

export const RISK_CLASS_LABEL: Record<RiskClass, string> = {
  quality: "Quality (probabilistic)",
  quiet_degradation: "Quiet degradation",
  cost_variability: "Cost variability",
  data_quality: "Data quality",
  legal_compliance: "Legal and compliance",
  reputational: "Reputation",
  security: "Security",
  vendor_dependency: "Vendor or dependency",
  scale: "Scale",
};
export const RISK_CLASSES = keysOf(RISK_CLASS_LABEL);

export const GROWTH_LABEL: Record<GrowthVisibility, string> = {
  loud: "Fails loudly (people notice)",
  quiet: "Grows quietly (nobody notices at first)",
};
export const GROWTH_VISIBILITIES = keysOf(GROWTH_LABEL);

export const GROWTH_DRIVER_LABEL: Record<GrowthDriver, string> = {
  scale: "with more usage",
  time: "over time",
  data_drift: "as the data drifts",
};
export const GROWTH_DRIVERS = keysOf(GROWTH_DRIVER_LABEL);

export const IMPACT_AREA_LABEL: Record<ImpactArea, string> = {
  money: "Money",
  customers: "Customers",
  time: "Time",
  reputation: "Reputation",
};
export const IMPACT_AREAS = keysOf(IMPACT_AREA_LABEL);

export const SCORE_LABEL: Record<1 | 2 | 3 | 4 | 5, string> = {
  1: "Very low",
  2: "Low",
  3: "Medium",
  4: "High",
  5: "Very high",
};
export const SCORES = [1, 2, 3, 4, 5] as const;
export function scoreLabel(score: number): string {
  return SCORE_LABEL[score as 1 | 2 | 3 | 4 | 5] ?? String(score);
}

export const OUTCOME_LABEL: Record<DecisionOutcome, string> = {
  accept: "Accept",
  mitigate: "Mitigate",
  avoid: "Avoid",
  transfer: "Transfer",
  defer: "Defer",
};
export const OUTCOME_MEANING: Record<DecisionOutcome, string> = {
  accept: "Live with it knowingly, until a review date.",
  mitigate: "Engineering reduces it with safeguards.",
  avoid: "Change the plan so the risk cannot happen.",
  transfer: "Hand it to someone else: a vendor, insurer or contract.",
  defer: "Decide later, by a set date.",
};
export const OUTCOMES = keysOf(OUTCOME_LABEL);

export const SAFEGUARD_KIND_LABEL: Record<SafeguardKind, string> = {
  prevent: "Prevent",
  detect: "Detect",
  limit: "Limit",
  recover: "Recover",
};
export const SAFEGUARD_KIND_MEANING: Record<SafeguardKind, string> = {
  prevent: "stops the failure from happening",
  detect: "notices the failure early",
  limit: "caps the damage when it happens",
  recover: "restores service and data afterwards",
};
export const SAFEGUARD_KINDS = keysOf(SAFEGUARD_KIND_LABEL);

export const SAFEGUARD_STATUS_LABEL: Record<SafeguardStatus, string> = {
  planned: "Planned",
  building: "Being built",
  live: "Live",
  verified: "Live and verified",
};
export const SAFEGUARD_STATUSES = keysOf(SAFEGUARD_STATUS_LABEL);

export const VERDICT_LABEL: Record<Verdict, string> = {
  understood: "Understood",
  needs_clarification: "Needs clarification",
  disagree: "Understood, and we disagree",
};
export const VERDICT_HINT: Record<Verdict, string> = {
  understood: "My words match what you meant.",
  needs_clarification: "I am not sure I got it; please answer again.",
  disagree: "I understand your answer and see it differently. That is a valid outcome.",
};
export const VERDICTS = keysOf(VERDICT_LABEL);

export const ASK_STATE_LABEL: Record<AskState, string> = {
  awaiting_answer: "Waiting for an answer",
  awaiting_read_back: "Waiting for read-back",
  understood: "Aligned: understood",
  needs_clarification: "Needs clarification",
  disagree: "Aligned: we disagree",
};

export const CATEGORY_LABEL: Record<QuestionCategory, string> = {
  scale: "Scale",
  quiet_risk: "Quiet risks",
  safeguards: "Safeguards",
  speed: "Speed",
  acceptable_risk: "Acceptable risk",
  trust: "Trust",
  cost: "Cost",
  data_quality: "Data quality",
  legal: "Legal",
  done: "What done means",
  other: "Other",
};
export const CATEGORIES = keysOf(CATEGORY_LABEL);

export const LEDGER_KIND_LABEL: Record<LedgerKind, string> = {
  caught: "Caught a problem",
  prevented: "Prevented a failure",
  incident_avoided: "Avoided an incident",
  cost_stabilised: "Stabilised cost",
  data_cleaned: "Cleaned data",
  other: "Other",
};
export const LEDGER_KIND_HINT: Record<LedgerKind, string> = {
  caught: "A safeguard noticed something wrong before it reached people.",
  prevented: "Something that would have failed never got the chance.",
  incident_avoided: "An outage or public mistake that did not happen.",
  cost_stabilised: "Spend that was creeping, brought back under control.",
  data_cleaned: "Bad or stale data found and fixed.",
  other: "Anything else engineering did that nobody would otherwise see.",
};
export const LEDGER_KINDS = keysOf(LEDGER_KIND_LABEL);

export const OUTLOOK_LABEL: Record<Outlook, string> = {
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
  not_applicable: "Not applicable",
};
export const OUTLOOKS = keysOf(OUTLOOK_LABEL);

export const VOICE_LABEL: Record<Voice, string> = {
  leadership: "Leadership",
  engineering: "Engineering",
};
export const VOICE_HINT: Record<Voice, string> = {
  leadership: "Outcomes, cost against budget, trust limits, decisions and value protected.",
  engineering: "Failure modes by expected cost, limits at risk, gaps, and what leadership said.",
};
export const VOICES = keysOf(VOICE_LABEL);

export const CHANGE_KIND_LABEL: Record<ChangeKind, string> = {
  added: "Added",
  changed: "Changed",
  decided: "Decided",
  removed: "Removed",
};
