import type { Risk } from "../../contract/risks.js";

/**
 * The probability a likelihood score stands for, so "likelihood × cost of failure" has a number
 * behind it: 1 rare, 2 unlikely, 3 possible, 4 likely, 5 almost certain (over the next year).
 */
export const LIKELIHOOD_PROBABILITY: Readonly<Record<number, number>> = {
  1: 0.05,
  2: 0.15,
  3: 0.35,
  4: 0.6,
  5: 0.85,
};

export interface ExpectedCost {
  low: number;
  high: number;
  currency: string;
  probability: number;
}

/** Likelihood × cost of failure, as a range in the risk's currency; null without a cost estimate. */
export function expectedCost(risk: Pick<Risk, "likelihood" | "costOfFailure">): ExpectedCost | null {
  if (!risk.costOfFailure) return null;
  const probability = LIKELIHOOD_PROBABILITY[risk.likelihood] ?? risk.likelihood / 5;
  return {
    low: risk.costOfFailure.low * probability,
    high: risk.costOfFailure.high * probability,
    currency: risk.costOfFailure.currency,
    probability,
  };
}

/**
 * Orders failure modes for engineering: costed risks first, grouped by currency (amounts in
 * different currencies are never compared), largest expected cost first; then the rest by
 * likelihood × impact. Ties break on title so the order is stable.
 */
export function byExpectedCost<T extends Pick<Risk, "likelihood" | "impact" | "costOfFailure" | "title">>(
  risks: readonly T[],
): T[] {
  const midpoint = (r: T) => {
    const e = expectedCost(r);
    return e ? (e.low + e.high) / 2 : 0;
  };
  return [...risks].sort((a, b) => {
    if (Boolean(a.costOfFailure) !== Boolean(b.costOfFailure)) return a.costOfFailure ? -1 : 1;
    const ca = a.costOfFailure?.currency ?? "";
    const cb = b.costOfFailure?.currency ?? "";
    if (ca !== cb) return ca.localeCompare(cb);
    return (
      midpoint(b) - midpoint(a) ||
      b.likelihood * b.impact - a.likelihood * a.impact ||
      a.title.localeCompare(b.title)
    );
  });
}
