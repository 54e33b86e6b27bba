// Production health of one system on the map: trust limits and budgets breached or at risk, and
// quiet-failure findings waiting for triage. Words and a shape on every chip; colour only helps.
import type { SignalHealth } from "../../../../src/contract/index.js";
import { daysUntil, plural } from "../../lib/format.js";
import { Chip } from "../chips.js";

export function breachedCount(h: SignalHealth): number {
  return h.limits.breached + h.budgets.breached;
}

export function atRiskCount(h: SignalHealth): number {
  return h.limits.atRisk + h.budgets.atRisk;
}

const STALE_DAYS = 2;

export function HealthChips({ health }: { health: SignalHealth }) {
  const breached = breachedCount(health);
  const atRisk = atRiskCount(health);
  const watched =
    health.limits.ok +
    health.limits.atRisk +
    health.limits.breached +
    health.limits.noData +
    health.budgets.ok +
    health.budgets.atRisk +
    health.budgets.breached +
    health.budgets.noData;
  if (health.signals === 0) return <span className="muted small">No signals yet</span>;

  const chips = [];
  if (breached > 0)
    chips.push(
      <Chip key="breached" tone="danger" icon="!">
        {breached} breached
      </Chip>,
    );
  if (atRisk > 0)
    chips.push(
      <Chip key="at-risk" tone="warn" icon="▲">
        {atRisk} at risk
      </Chip>,
    );
  if (health.openFindings > 0)
    chips.push(
      <Chip key="findings" tone="info" icon="◉">
        {health.openFindings} open {health.openFindings === 1 ? "finding" : "findings"}
      </Chip>,
    );
  if (chips.length === 0 && watched > 0)
    chips.push(
      <Chip key="ok" tone="ok" icon="✓">
        Within {watched === 1 ? "its limit" : "limits"}
      </Chip>,
    );
  const age = health.lastPointAt ? -daysUntil(health.lastPointAt.slice(0, 10)) : null;
  return (
    <div className="health">
      {chips.length > 0 ? (
        <div className="chip-row">{chips}</div>
      ) : (
        <span className="muted small">{plural(health.signals, "signal")}, no limit set</span>
      )}
      {age !== null && age > STALE_DAYS && <span className="small warn-text">No data for {age} days</span>}
    </div>
  );
}
