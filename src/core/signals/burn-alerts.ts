import { DAY_MS, HOUR_MS } from "./types.js";

/**
 * Multi-window, multi-burn-rate alerting as in the Google SRE workbook ("Alerting on SLOs"): an
 * alert fires only when both a long window (is it significant?) and a short window (is it still
 * happening?) burn faster than the rule's rate. The workbook's windows are for a 30-day period;
 * other periods scale them proportionally, so a 7-day budget pages on a proportionally shorter
 * window and the fraction of budget spent before paging stays the same.
 */

export type AlertSeverity = "page" | "ticket";

export type BurnAlertRule = {
  severity: AlertSeverity;
  longWindowMs: number;
  shortWindowMs: number;
  /** Fires when the burn rate over both windows is at least this. */
  burnRate: number;
};

const WORKBOOK_PERIOD_MS = 30 * DAY_MS;
const WORKBOOK_RULES: readonly BurnAlertRule[] = [
  { severity: "page", longWindowMs: HOUR_MS, shortWindowMs: 5 * 60_000, burnRate: 14.4 },
  { severity: "page", longWindowMs: 6 * HOUR_MS, shortWindowMs: 30 * 60_000, burnRate: 6 },
  { severity: "ticket", longWindowMs: 3 * DAY_MS, shortWindowMs: 6 * HOUR_MS, burnRate: 1 },
];

/** The workbook's three rules, with windows scaled to a budget period of `periodMs`. */
export function burnAlertRules(periodMs: number): BurnAlertRule[] {
  const scale = periodMs / WORKBOOK_PERIOD_MS;
  return WORKBOOK_RULES.map((rule) => ({
    ...rule,
    longWindowMs: Math.round(rule.longWindowMs * scale),
    shortWindowMs: Math.round(rule.shortWindowMs * scale),
  }));
}

/** Every distinct window length the rules need a burn rate for, shortest first. */
export function alertWindows(rules: readonly BurnAlertRule[]): number[] {
  return [...new Set(rules.flatMap((rule) => [rule.shortWindowMs, rule.longWindowMs]))].sort((a, b) => a - b);
}

/**
 * The rules that fire given burn rates per window (a window without data never fires). `rateOf`
 * returns the burn rate for a window length, or null when it has no data.
 */
export function firingAlerts(
  rules: readonly BurnAlertRule[],
  rateOf: (windowMs: number) => number | null,
): BurnAlertRule[] {
  return rules.filter((rule) => {
    const long = rateOf(rule.longWindowMs);
    const short = rateOf(rule.shortWindowMs);
    return long !== null && short !== null && long >= rule.burnRate && short >= rule.burnRate;
  });
}
