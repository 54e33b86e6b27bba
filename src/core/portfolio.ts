import type { RiskPostureSummary } from "../contract/portfolio.js";
import type { RiskPosture } from "../contract/enums.js";
import { isExpiringSoon, isHighImpact, needsDecision, type DecisionFacts } from "./decisions.js";

export interface RiskForSummary {
  impact: number;
  posture: RiskPosture;
  current: DecisionFacts | null;
  safeguardCount: number;
}

/** The risk posture of one system as the shared map shows it. */
export function summarizeRisks(risks: readonly RiskForSummary[], today: string): RiskPostureSummary {
  const open = risks.filter((r) => r.posture !== "closed");
  return {
    total: open.length,
    undecidedHighImpact: open.filter((r) => isHighImpact(r.impact) && needsDecision(r.posture)).length,
    accepted: open.filter((r) => r.posture === "accepted").length,
    expiringSoon: open.filter((r) => r.posture === "accepted" && isExpiringSoon(r.current, today)).length,
    expired: open.filter((r) => r.posture === "expired").length,
    unguarded: open.filter((r) => r.safeguardCount === 0 && r.posture !== "avoided").length,
  };
}
