import type { Round } from "../../contract/conversations.js";
import type { Decision, Risk } from "../../contract/risks.js";
import { askState, isAligned } from "../conversations.js";
import { daysUntilReview, riskPosture } from "../decisions.js";

// A brief over a past period reads the workspace as it stood at the end of that period: answers,
// read-backs and decisions made later are set aside, and postures are derived again.

/** A round as it stood at `asOf` (ISO instant): later answers and read-backs left out. */
export function roundAsOf(round: Round, asOf: string): Round {
  const asks = round.asks.map((ask) => {
    const answers = ask.answers.filter((a) => a.createdAt <= asOf);
    const readBacks = ask.readBacks.filter((r) => r.createdAt <= asOf);
    const state = askState(answers, readBacks);
    return { ...ask, answers, readBacks, state, aligned: isAligned(state) };
  });
  return {
    ...round,
    asks,
    answered: asks.filter((a) => a.state !== "awaiting_answer").length,
    aligned: asks.filter((a) => a.aligned).length,
    disagreements: asks.filter((a) => a.state === "disagree").length,
  };
}

/**
 * A risk with the decision that was in force at `asOf` (the latest taken by then), its posture
 * derived for `today`. `history` holds every decision on the risk, in any order.
 */
export function riskAsOf(risk: Risk, history: readonly Decision[], asOf: string, today: string): Risk {
  const inForce =
    [...history]
      .filter((d) => d.decidedAt <= asOf)
      .sort((a, b) => a.decidedAt.localeCompare(b.decidedAt) || a.id.localeCompare(b.id))
      .at(-1) ?? null;
  const decision = inForce && { ...inForce, supersededBy: null };
  return {
    ...risk,
    currentDecision: decision,
    posture: riskPosture(risk.closed, decision, today),
    expiresInDays: daysUntilReview(decision, today),
  };
}
