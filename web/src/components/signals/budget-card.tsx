// A risk budget: how much of the period's allowance is used, the burn-down with its forecast, and
// whether it is burning fast enough that someone should look now.
import type { RiskBudget } from "../../../../src/contract/limits.js";
import type { Series } from "../../../../src/contract/signals.js";
import { api } from "../../api/endpoints.js";
import { formatDate } from "../../lib/format.js";
import { BurnDown } from "./burn-down.js";
import { LimitStateChip } from "./limit-state.js";
import { ConfirmRemove, StateHistory } from "./state-history.js";
import { formatForecast, formatValue } from "./values.js";

function burnSentence(budget: RiskBudget): string | null {
  const rates = budget.evaluation.burnRates.filter((r) => r.burnRate !== null && r.burnRate > 0);
  const longest = rates.sort((a, b) => b.windowHours - a.windowHours)[0];
  if (!longest || longest.burnRate === null) return null;
  const hours = longest.windowHours;
  const window = hours >= 48 ? `${Math.round(hours / 24)} days` : `${Math.round(hours)} hours`;
  return `Over the last ${window} it is being used at ${longest.burnRate.toFixed(1)}× the pace that would last the period.`;
}

export function BudgetCard({
  budget,
  series,
  onRemoved,
}: {
  budget: RiskBudget;
  series: Series | undefined;
  onRemoved: () => void;
}) {
  const e = budget.evaluation;
  const used = e.amount > 0 ? Math.round((e.consumed / e.amount) * 100) : 0;
  const money = budget.kind === "spend";
  const amount = (v: number | null) =>
    v === null
      ? "no data"
      : money
        ? formatValue(v, budget.signal.unit)
        : `${Math.round(v)} ${budget.bucket}s`;
  const forecast = formatForecast(e.forecastBreachAt);
  const burn = burnSentence(budget);
  const endsOn = formatDate(new Date(Date.parse(e.periodEnd) - 1).toISOString().slice(0, 10));
  return (
    <li className={`limit-card limit-${e.state}`} id={`budget-${budget.id}`}>
      <div className="limit-head">
        <h4 className="limit-name">{budget.name}</h4>
        <LimitStateChip state={e.state} />
      </div>
      <p className="small muted">{budget.rule}</p>
      <p>
        <strong>{amount(e.consumed)}</strong> of {amount(e.amount)} used ({used}%) between{" "}
        {formatDate(e.periodStart.slice(0, 10))} and {endsOn}.
      </p>
      {forecast && (
        <p className={e.state === "ok" ? "muted" : "warn-text"}>
          At this rate the budget runs out on <strong>{forecast}</strong>.
        </p>
      )}
      {burn && <p className="small muted">{burn}</p>}
      {e.firingAlerts.map((a, i) => (
        <p key={i} className="notice notice-danger small">
          Burning {a.shortBurnRate.toFixed(1)}× over {a.shortWindowHours} h and {a.longBurnRate.toFixed(1)}×
          over {a.longWindowHours} h: {a.severity === "page" ? "someone should look now" : "worth a ticket"}.
        </p>
      ))}
      <BurnDown budget={budget} series={series} />
      <div className="limit-foot">
        <StateHistory load={() => api.budgetHistory(budget.id)} format={amount} />
        <ConfirmRemove
          what={`the budget “${budget.name}”`}
          note="Its history stays on the timeline."
          onRemove={async () => {
            await api.deleteBudget(budget.id);
            onRemoved();
          }}
        />
      </div>
    </li>
  );
}
