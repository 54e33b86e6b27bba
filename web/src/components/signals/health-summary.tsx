// A system's production health in one row of chips: limits and budgets breached, at risk or
// within bounds, and findings waiting for triage.
import type { Finding, RiskBudget, TrustLimit } from "../../../../src/contract/limits.js";
import { plural } from "../../lib/format.js";
import { Chip } from "../chips.js";

export function HealthSummary({
  limits,
  budgets,
  findings,
}: {
  limits: TrustLimit[];
  budgets: RiskBudget[];
  findings: Finding[];
}) {
  const states = [...limits, ...budgets].map((x) => x.evaluation.state);
  const breached = states.filter((s) => s === "breached").length;
  const atRisk = states.filter((s) => s === "at_risk").length;
  const ok = states.filter((s) => s === "ok").length;
  const open = findings.filter((f) => f.status === "open").length;
  if (breached + atRisk + ok + open === 0) return null;
  return (
    <ul className="chip-row signals-summary" aria-label="Production health">
      {breached > 0 && (
        <li>
          <Chip tone="danger" icon="!">
            {breached} breached
          </Chip>
        </li>
      )}
      {atRisk > 0 && (
        <li>
          <Chip tone="warn" icon="▲">
            {atRisk} at risk
          </Chip>
        </li>
      )}
      {ok > 0 && (
        <li>
          <Chip tone="ok" icon="✓">
            {ok} within {ok === 1 ? "its limit" : "their limits"}
          </Chip>
        </li>
      )}
      {open > 0 && (
        <li>
          <Chip tone="info" icon="◉">
            {plural(open, "finding")} to triage
          </Chip>
        </li>
      )}
    </ul>
  );
}
