// The overview's word on production: what the trust limits, budgets and quiet-failure detectors say
// now, with the few lines that need attention. Shown once a system has any of them.
import type { RiskBudget, TrustLimit } from "../../../../src/contract/limits.js";
import { api } from "../../api/endpoints.js";
import { TermHelp } from "../../components/glossary.js";
import { HealthSummary } from "../../components/signals/health-summary.js";
import { LimitStateChip } from "../../components/signals/limit-state.js";
import { formatForecast, formatValue } from "../../components/signals/values.js";
import { ErrorNotice } from "../../components/states.js";
import { Link } from "../../lib/router.js";
import { useResource } from "../../lib/use-resource.js";
import { useSystem } from "./context.js";

function limitLine(limit: TrustLimit): string {
  const share = limit.aggregate === "ratio";
  const fmt = (v: number | null) => formatValue(v, limit.signal.unit, share);
  return `${limit.signal.name}: now ${fmt(limit.evaluation.value)}; trust is lost ${limit.comparator} ${fmt(limit.threshold)}.`;
}

function budgetLine(budget: RiskBudget): string {
  const runsOut = formatForecast(budget.evaluation.forecastBreachAt);
  const used =
    budget.evaluation.amount > 0
      ? Math.round((budget.evaluation.consumed / budget.evaluation.amount) * 100)
      : 0;
  return `${budget.name}: ${used}% used${runsOut ? `; at this rate it runs out on ${runsOut}` : ""}.`;
}

export function ProductionCard() {
  const { system, base } = useSystem();
  const data = useResource(`production:${system.id}`, async (signal) => {
    const [limits, budgets, findings] = await Promise.all([
      api.limits(system.key, { signal }),
      api.budgets(system.key, { signal }),
      api.findings({ systemId: system.id }, { signal }),
    ]);
    return { limits: limits.items, budgets: budgets.items, findings: findings.items };
  });
  if (data.status === "loading") return null;
  if (data.status === "error" && !data.data) {
    return (
      <section className="card order-2" aria-labelledby="production-title">
        <h2 id="production-title">Production</h2>
        <ErrorNotice error={data.error} onRetry={data.reload} />
      </section>
    );
  }
  const { limits, budgets, findings } = data.data ?? { limits: [], budgets: [], findings: [] };
  if (limits.length + budgets.length + findings.length === 0) return null;
  const attention = [
    ...limits
      .filter((l) => l.evaluation.state === "breached" || l.evaluation.state === "at_risk")
      .map((l) => ({ id: l.id, state: l.evaluation.state, text: limitLine(l) })),
    ...budgets
      .filter((b) => b.evaluation.state === "breached" || b.evaluation.state === "at_risk")
      .map((b) => ({ id: b.id, state: b.evaluation.state, text: budgetLine(b) })),
  ];
  return (
    <section className="card order-2" aria-labelledby="production-title">
      <div className="card-head">
        <h2 id="production-title">
          Production <TermHelp id="trust-limit" />
        </h2>
        <Link to={`${base}/signals`} className="button button-ghost button-small">
          Open signals
        </Link>
      </div>
      <HealthSummary limits={limits} budgets={budgets} findings={findings} />
      {attention.length > 0 ? (
        <ul className="attention-list">
          {attention.map((a) => (
            <li key={a.id}>
              <LimitStateChip state={a.state} /> {a.text}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Every trust limit and budget is within bounds.</p>
      )}
    </section>
  );
}
