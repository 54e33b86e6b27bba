import type { DecisionOutcome, RiskPosture } from "../contract/enums.js";
import { daysBetween } from "./calendar.js";
import { forbidden, invalid, type ParleyError } from "./errors.js";
import type { Actor } from "./people.js";

/** Acceptances reviewed within this many days count as "expiring soon". */
export const EXPIRING_SOON_DAYS = 30;

export interface DecisionFacts {
  outcome: DecisionOutcome;
  reviewBy: string | null;
}

/**
 * Only leadership decides what happens to a risk; engineering proposes. Accepting is called out
 * with its own code because it is the decision that shifts risk onto the business.
 */
export function decisionPermission(actor: Actor, outcome: DecisionOutcome): ParleyError | null {
  if (actor.side === "leadership") return null;
  if (outcome === "accept") {
    return forbidden(
      "risk_acceptance_requires_leadership",
      "Only leadership can accept a risk. Engineering can propose it and describe the safeguards; ask the system's leadership owner to decide.",
      { rule: "only_leadership_accepts_risk", side: actor.side },
    );
  }
  return forbidden(
    "decision_requires_leadership",
    "Only leadership decides what to do about a risk. Record your proposal on the risk and ask the leadership owner to decide.",
    { rule: "only_leadership_decides", side: actor.side },
  );
}

/**
 * Acceptances and deferrals are time-boxed: without a review-by date they would silently become
 * permanent, which is exactly the quiet failure Parley exists to prevent.
 */
export function decisionShapeProblem(decision: DecisionFacts, today: string): ParleyError | null {
  const needsReview = decision.outcome === "accept" || decision.outcome === "defer";
  if (needsReview && !decision.reviewBy) {
    return invalid(
      "review_by_required",
      `A decision to ${decision.outcome} needs a review-by date: set reviewBy (YYYY-MM-DD).`,
      {
        field: "reviewBy",
      },
    );
  }
  if (decision.reviewBy && daysBetween(today, decision.reviewBy) < 0) {
    return invalid("review_by_in_past", "The review-by date is in the past. Choose today or a later date.", {
      field: "reviewBy",
    });
  }
  return null;
}

const POSTURE_BY_OUTCOME: Record<DecisionOutcome, RiskPosture> = {
  accept: "accepted",
  mitigate: "mitigating",
  avoid: "avoided",
  transfer: "transferred",
  defer: "deferred",
};

/**
 * Where a risk stands today. An acceptance (or deferral) past its review-by date reopens the risk:
 * it shows as "expired" until leadership decides again.
 */
export function riskPosture(closed: boolean, current: DecisionFacts | null, today: string): RiskPosture {
  if (closed) return "closed";
  if (!current) return "undecided";
  if (current.reviewBy && daysBetween(today, current.reviewBy) < 0) return "expired";
  return POSTURE_BY_OUTCOME[current.outcome];
}

/** Days until the decision's review-by date, or null when it has none. */
export function daysUntilReview(current: DecisionFacts | null, today: string): number | null {
  return current?.reviewBy ? daysBetween(today, current.reviewBy) : null;
}

/** An acceptance that will need leadership's attention within {@link EXPIRING_SOON_DAYS}. */
export function isExpiringSoon(current: DecisionFacts | null, today: string): boolean {
  if (!current || current.outcome !== "accept") return false;
  const days = daysUntilReview(current, today);
  return days !== null && days >= 0 && days <= EXPIRING_SOON_DAYS;
}

/** High-impact risks (4 or 5) are the ones a gate and the map insist on. */
export function isHighImpact(impact: number): boolean {
  return impact >= 4;
}

/** A risk needs a decision when it is open and nothing live covers it. */
export function needsDecision(posture: RiskPosture): boolean {
  return posture === "undecided" || posture === "expired";
}
