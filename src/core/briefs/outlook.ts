import type { Outlook } from "../../contract/briefs.js";
import type { Stage } from "../../contract/enums.js";
import type { LimitState } from "../../contract/limits.js";
import type { Risk } from "../../contract/risks.js";
import type { System } from "../../contract/systems.js";
import { daysBetween } from "../calendar.js";
import { isHighImpact } from "../decisions.js";
import { formatDate, plural } from "./format.js";

/** How close a target date must be before unmet readiness rules put the outcome at risk. */
export const TARGET_WARNING_DAYS = 30;

export interface OutlookFacts {
  system: Pick<System, "stage" | "targetDate">;
  risks: ReadonlyArray<Pick<Risk, "posture" | "impact" | "title">>;
  /** Trust limits and budgets, each with a label such as "the Agent edit rate limit". */
  targets: ReadonlyArray<{ label: string; state: LimitState }>;
  /** Readiness rules not yet met for the next stage. */
  gaps: number;
  next: Stage | null;
  today: string;
}

export interface OutlookResult {
  outlook: Outlook;
  /** Why, most serious first; empty when on track. */
  reasons: Array<{ text: string; tone: "bad" | "warn" }>;
}

/**
 * Whether a system is on track for its expected outcome. Off track: a trust limit or budget is
 * breached, or the target date has passed before production. At risk: a limit or budget is at
 * risk, an acceptance has expired, a high-impact risk is undecided, or the target date is near
 * with readiness rules unmet. Retired systems have no outlook.
 */
export function systemOutlook(f: OutlookFacts): OutlookResult {
  if (f.system.stage === "retired") return { outlook: "not_applicable", reasons: [] };
  const reasons: OutlookResult["reasons"] = [];
  for (const t of f.targets.filter((t) => t.state === "breached"))
    reasons.push({ text: `${t.label} is breached`, tone: "bad" });
  const daysLeft = f.system.targetDate ? daysBetween(f.today, f.system.targetDate) : null;
  if (daysLeft !== null && daysLeft < 0 && f.system.stage !== "production")
    reasons.push({
      text: `the target date (${formatDate(f.system.targetDate!)}) passed while still in ${f.system.stage}`,
      tone: "bad",
    });
  for (const t of f.targets.filter((t) => t.state === "at_risk"))
    reasons.push({ text: `${t.label} is at risk`, tone: "warn" });
  const expired = f.risks.filter((r) => r.posture === "expired");
  if (expired.length > 0)
    reasons.push({ text: `${plural(expired.length, "risk acceptance")} expired`, tone: "warn" });
  const undecided = f.risks.filter((r) => r.posture === "undecided" && isHighImpact(r.impact));
  if (undecided.length > 0)
    reasons.push({ text: `${plural(undecided.length, "high-impact risk")} undecided`, tone: "warn" });
  if (daysLeft !== null && daysLeft >= 0 && daysLeft <= TARGET_WARNING_DAYS && f.gaps > 0 && f.next)
    reasons.push({
      text: `${daysLeft} days to the target date with ${plural(f.gaps, "readiness rule")} for ${f.next} unmet`,
      tone: "warn",
    });
  const outlook = reasons.some((r) => r.tone === "bad")
    ? "off_track"
    : reasons.length > 0
      ? "at_risk"
      : "on_track";
  return { outlook, reasons };
}

export const OUTLOOK_LABELS: Record<Outlook, string> = {
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
  not_applicable: "Retired",
};
