// What production says right now: leadership's trust limits and budgets checked against real signals,
// with burn rate and forecast, and the quiet-failure findings nobody set a limit for.
import type { RiskBudget, TrustLimit } from "../../../../src/contract/limits.js";
import type { Series, Signal } from "../../../../src/contract/signals.js";
import { api } from "../../api/endpoints.js";
import { FindingList } from "../../components/signals/findings.js";
import { LimitStateChip } from "../../components/signals/limit-state.js";
import { Sparkline } from "../../components/signals/sparkline.js";
import { formatForecast, formatValue } from "../../components/signals/values.js";
import { TermHelp } from "../../components/glossary.js";
import { EmptyState, ResourceView } from "../../components/states.js";
import { formatDate, formatDateTime } from "../../lib/format.js";
import { useResource } from "../../lib/use-resource.js";
import { useSystem } from "./context.js";

const DAY = 86_400_000;

function useSeries(signals: Signal[] | undefined) {
  const ids = (signals ?? []).map((s) => s.id).join(",");
  return useResource(ids ? `series:${ids}` : null, async (signal) => {
    const from = new Date(Date.now() - 90 * DAY).toISOString();
    const all = await Promise.all(
      (signals ?? []).map((s) => api.series(s.id, { from, resolution: "day" }, { signal }).catch(() => null)),
    );
    return new Map(all.filter((x): x is Series => x !== null).map((x) => [x.signalId, x]));
  });
}

function LimitCard({ limit, series }: { limit: TrustLimit; series: Series | undefined }) {
  const share = limit.aggregate === "ratio";
  const e = limit.evaluation;
  const forecast = formatForecast(e.forecastBreachAt);
  return (
    <li className={`limit-card limit-${e.state}`}>
      <div className="limit-head">
        <h4 className="limit-name">{limit.name || limit.rule}</h4>
        <LimitStateChip state={e.state} />
      </div>
      <div className="limit-body">
        <div>
          <p>
            Now <strong>{formatValue(e.value, limit.signal.unit, share)}</strong>; trust is lost{" "}
            {limit.comparator === "above" ? "above" : "below"}{" "}
            <strong>{formatValue(limit.threshold, limit.signal.unit, share)}</strong> ({limit.windowDays}-day{" "}
            {limit.aggregate === "ratio" ? "share" : limit.aggregate}).
          </p>
          {forecast && e.state !== "breached" && (
            <p className={e.state === "at_risk" ? "warn-text" : "muted"}>
              At the current trend it is crossed on {forecast}.
            </p>
          )}
          {e.state === "breached" && e.stateSince && (
            <p className="danger-text">Breached since {formatDate(e.stateSince)}.</p>
          )}
          {limit.sourceAnswerId && (
            <p className="small muted">Set from leadership's answer in a conversation round.</p>
          )}
        </div>
        {series && <Sparkline series={series} threshold={limit.threshold} />}
      </div>
    </li>
  );
}

function burnSentence(budget: RiskBudget): string | null {
  const rates = budget.evaluation.burnRates.filter((r) => r.burnRate !== null && r.burnRate > 0);
  const longest = rates.sort((a, b) => b.windowHours - a.windowHours)[0];
  if (!longest || longest.burnRate === null) return null;
  const hours = longest.windowHours;
  const window = hours >= 48 ? `${Math.round(hours / 24)} days` : `${Math.round(hours)} hours`;
  return `Over the last ${window} it is being used at ${longest.burnRate.toFixed(1)}× the pace that would last the period.`;
}

function BudgetCard({ budget }: { budget: RiskBudget }) {
  const e = budget.evaluation;
  const used = e.amount > 0 ? Math.min(100, Math.round((e.consumed / e.amount) * 100)) : 0;
  const money = budget.kind === "spend";
  const amount = (v: number) =>
    money ? formatValue(v, budget.signal.unit) : `${Math.round(v)} ${budget.bucket}s`;
  const forecast = formatForecast(e.forecastBreachAt);
  const burn = burnSentence(budget);
  return (
    <li className={`limit-card limit-${e.state}`}>
      <div className="limit-head">
        <h4 className="limit-name">{budget.name}</h4>
        <LimitStateChip state={e.state} />
      </div>
      <p className="small muted">{budget.rule}</p>
      <div className="budget-bar" aria-hidden="true">
        <div className="budget-fill" style={{ width: `${used}%` }} />
      </div>
      <p>
        <strong>{amount(e.consumed)}</strong> of {amount(e.amount)} used ({used}%) between{" "}
        {formatDate(e.periodStart.slice(0, 10))} and {formatDate(e.periodEnd.slice(0, 10))}.
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
    </li>
  );
}

function SignalRow({ signal, series }: { signal: Signal; series: Series | undefined }) {
  const last = series?.points.filter((p) => p.v !== null).at(-1);
  const share = signal.aggregation === "ratio";
  return (
    <li className="signal-row">
      <div>
        <p className="signal-name">{signal.name}</p>
        <p className="small muted">
          {signal.kind.replace(/_/g, " ")} · latest {formatValue(last?.v ?? null, signal.unit, share)} · last
          point {formatDateTime(signal.lastPointAt)}
        </p>
      </div>
      {series && <Sparkline series={series} />}
    </li>
  );
}

export function SignalsTab() {
  const { system } = useSystem();
  const signals = useResource(`signals:${system.id}`, (signal) => api.signals(system.key, { signal }));
  const limits = useResource(`limits:${system.id}`, (signal) => api.limits(system.key, { signal }));
  const budgets = useResource(`budgets:${system.id}`, (signal) => api.budgets(system.key, { signal }));
  const findings = useResource(`findings:${system.id}`, (signal) =>
    api.findings({ systemId: system.id }, { signal }),
  );
  const series = useSeries(signals.data?.items);
  const seriesFor = (id: string) => series.data?.get(id);

  return (
    <div className="stack">
      <section aria-labelledby="limits-title" className="card">
        <h2 id="limits-title">
          Trust limits <TermHelp id="trust-limit" />
        </h2>
        <p className="muted">
          Leadership's “what would make us stop trusting this”, as numbers checked all the time.
        </p>
        <ResourceView resource={limits} label="trust limits">
          {(data) =>
            data.items.length === 0 ? (
              <p className="muted">No trust limits yet.</p>
            ) : (
              <ul className="limit-list">
                {data.items.map((l) => (
                  <LimitCard key={l.id} limit={l} series={seriesFor(l.signal.id)} />
                ))}
              </ul>
            )
          }
        </ResourceView>
      </section>
      <section aria-labelledby="budgets-title" className="card">
        <h2 id="budgets-title">
          Budgets and burn rate <TermHelp id="burn-rate" />
        </h2>
        <ResourceView resource={budgets} label="budgets">
          {(data) =>
            data.items.length === 0 ? (
              <p className="muted">No budgets yet.</p>
            ) : (
              <ul className="limit-list">
                {data.items.map((b) => (
                  <BudgetCard key={b.id} budget={b} />
                ))}
              </ul>
            )
          }
        </ResourceView>
      </section>
      <section aria-labelledby="findings-title" className="card">
        <h2 id="findings-title">
          Quiet-failure findings <TermHelp id="finding" />
        </h2>
        <ResourceView resource={findings} label="findings">
          {(data) => <FindingList findings={data.items} />}
        </ResourceView>
      </section>
      <section aria-labelledby="signals-title" className="card">
        <h2 id="signals-title">
          Signals <TermHelp id="signal" />
        </h2>
        <ResourceView resource={signals} label="signals">
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState title="No signals flowing yet">
                <p>
                  Engineering sends cost, quality and usage numbers from production (OpenTelemetry, billing
                  exports, files or the push API). Until then, limits and budgets have nothing to check.
                </p>
              </EmptyState>
            ) : (
              <ul className="signal-list">
                {data.items.map((s) => (
                  <SignalRow key={s.id} signal={s} series={seriesFor(s.id)} />
                ))}
              </ul>
            )
          }
        </ResourceView>
      </section>
    </div>
  );
}
