// The one-line story of a system on the shared map, in plain words a VP can read in a minute.
// It names what needs attention first; when nothing does, it says so.
import type { PortfolioEntry, Stage } from "../../../src/contract/index.js";
import { STAGE_LABEL } from "./labels.js";

const NEXT_STAGE: Record<Stage, Stage | null> = {
  idea: "demo",
  demo: "pilot",
  pilot: "production",
  production: null,
  retired: null,
};

export function nextStage(stage: Stage): Stage | null {
  return NEXT_STAGE[stage];
}

function count(n: number, one: string, many: string): string {
  return `${n === 1 ? "One" : String(n)} ${n === 1 ? one : many}`;
}

/** Sentences ordered by urgency; the map shows the first two. */
export function headlineParts(entry: PortfolioEntry): string[] {
  const concerns: string[] = [];
  const { risks, alignment } = entry;
  if (entry.stage === "retired") return ["Retired; kept for the record."];

  if (risks.expired > 0) {
    concerns.push(
      `${count(risks.expired, "accepted risk has", "accepted risks have")} passed the review date and ${risks.expired === 1 ? "is" : "are"} open again.`,
    );
  }
  const health = entry.health;
  const breached = health.limits.breached + health.budgets.breached;
  if (breached > 0) {
    concerns.push(`${count(breached, "trust limit or budget is", "trust limits or budgets are")} breached.`);
  }
  if (risks.undecidedHighImpact > 0) {
    concerns.push(
      `${count(risks.undecidedHighImpact, "high-impact risk waits", "high-impact risks wait")} for a leadership decision.`,
    );
  }
  if (risks.expiringSoon > 0) {
    concerns.push(
      `${count(risks.expiringSoon, "acceptance is", "acceptances are")} due for review within 30 days.`,
    );
  }
  if (!alignment) {
    concerns.push("The two sides have not held a conversation round yet.");
  } else if (alignment.readBack < alignment.asked) {
    concerns.push(
      `${alignment.readBack} of ${alignment.asked} questions in “${alignment.roundTitle}” are answered and read back.`,
    );
  }
  const atRisk = health.limits.atRisk + health.budgets.atRisk;
  if (atRisk > 0) {
    concerns.push(
      `${count(atRisk, "trust limit or budget is", "trust limits or budgets are")} at risk at the current trend.`,
    );
  }
  if (risks.unguarded > 0) {
    concerns.push(`${count(risks.unguarded, "open risk has", "open risks have")} no safeguard yet.`);
  }
  const next = nextStage(entry.stage);
  if (next && entry.nextStageGaps > 0) {
    concerns.push(
      `${count(entry.nextStageGaps, "condition is", "conditions are")} still missing before ${STAGE_LABEL[next].toLowerCase()}.`,
    );
  }
  if (health.openFindings > 0) {
    concerns.push(
      `${count(health.openFindings, "quiet-failure finding waits", "quiet-failure findings wait")} for triage.`,
    );
  }
  if (concerns.length > 0) return concerns;

  const good = ["On track: no decisions waiting, and every question is read back."];
  if (alignment && alignment.disagreements > 0) {
    good.push(
      `${count(alignment.disagreements, "disagreement is", "disagreements are")} on record from “${alignment.roundTitle}”.`,
    );
  }
  if (next) good.push(`Meets every condition for ${STAGE_LABEL[next].toLowerCase()}.`);
  return good;
}

export function headline(entry: PortfolioEntry, sentences = 2): string {
  return headlineParts(entry).slice(0, sentences).join(" ");
}

/** How much a system needs someone's attention; used to sort the map "most urgent first". */
export function attentionScore(entry: PortfolioEntry): number {
  if (entry.stage === "retired") return -1;
  const r = entry.risks;
  const misaligned = entry.alignment ? entry.alignment.asked - entry.alignment.readBack : 3;
  const h = entry.health;
  const production =
    (h.limits.breached + h.budgets.breached) * 800 +
    (h.limits.atRisk + h.budgets.atRisk) * 80 +
    h.openFindings * 5;
  return (
    r.expired * 1000 +
    r.undecidedHighImpact * 300 +
    r.expiringSoon * 100 +
    r.unguarded * 10 +
    misaligned +
    production
  );
}
