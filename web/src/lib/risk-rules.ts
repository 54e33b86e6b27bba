// Small readings of a risk that several pages share. They mirror the server's summary rules
// (src/core/portfolio.ts) so the register and the map count the same things.
import type { Risk } from "../../../src/contract/index.js";

export function isOpenRisk(risk: Risk): boolean {
  return !risk.closed && risk.posture !== "closed";
}

/** Open, not avoided, and nothing protecting against it: the map calls these "unguarded". */
export function isUnguarded(risk: Risk): boolean {
  return isOpenRisk(risk) && risk.posture !== "avoided" && risk.safeguards.length === 0;
}
