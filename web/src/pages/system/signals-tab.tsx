// What production says right now: leadership's trust limits and budgets checked against real signals,
// with burn-down and forecast, the quiet-failure findings nobody set a limit for, and one chart per
// signal with its limits and findings drawn on it.
import type { Finding, LimitSeries, RiskBudget, TrustLimit } from "../../../../src/contract/limits.js";
import type { Series, Signal } from "../../../../src/contract/signals.js";
import { api, csvExportUrl } from "../../api/endpoints.js";
import { TermHelp } from "../../components/glossary.js";
import { BudgetCard } from "../../components/signals/budget-card.js";
import { FindingList } from "../../components/signals/findings.js";
import { HealthSummary } from "../../components/signals/health-summary.js";
import { LimitCard } from "../../components/signals/limit-card.js";
import { SignalChart } from "../../components/signals/signal-chart.js";
import { formatValue } from "../../components/signals/values.js";
import { EmptyState, ResourceView } from "../../components/states.js";
import { formatDateTime } from "../../lib/format.js";
import { Link } from "../../lib/router.js";
import { useLeadershipAnswers } from "../../lib/trust-answers.js";
import { useResource } from "../../lib/use-resource.js";
import { useSystem } from "./context.js";

const DAY = 86_400_000;
const DAYS = 90;

function useSeries(signals: Signal[] | undefined) {
  const ids = (signals ?? []).map((s) => s.id).join(",");
  return useResource(ids ? `series:${ids}` : null, async (signal) => {
    const from = new Date(Date.now() - DAYS * DAY).toISOString();
    const all = await Promise.all(
      (signals ?? []).map((s) => api.series(s.id, { from, resolution: "day" }, { signal }).catch(() => null)),
    );
    return new Map(all.filter((x): x is Series => x !== null).map((x) => [x.signalId, x]));
  });
}

/**
 * Each trust limit's window value day by day over the chart's days, as the server evaluates it (a
 * ratio's window is its numerators over its denominators, which daily values cannot give).
 */
function useLimitSeries(limits: TrustLimit[] | undefined) {
  const key = (limits ?? []).map((l) => l.id).join(",");
  return useResource(key ? `limit-series:${key}` : null, async (signal) => {
    // A day more than the signal series asks for, so the chart's first (partial) day has its reading.
    const from = new Date(Date.now() - (DAYS + 1) * DAY).toISOString().slice(0, 10);
    const all = await Promise.all(
      (limits ?? []).map((l) => api.limitSeries(l.id, { from }, { signal }).catch(() => null)),
    );
    return new Map(all.filter((x): x is LimitSeries => x !== null).map((x) => [x.limitId, x]));
  });
}

/** Each budget's signal over its own period, at the budget's bucket size. */
function useBudgetSeries(budgets: RiskBudget[] | undefined) {
  const key = (budgets ?? []).map((b) => `${b.id}@${b.evaluation.periodStart}`).join(",");
  return useResource(key ? `budget-series:${key}` : null, async (signal) => {
    const all = await Promise.all(
      (budgets ?? []).map(async (b) => {
        const resolution = b.kind === "objective" && b.bucket === "hour" ? "hour" : "day";
        const series = await api
          .series(b.signal.id, { from: b.evaluation.periodStart, resolution }, { signal })
          .catch(() => undefined);
        return [b.id, series] as const;
      }),
    );
    return new Map(all);
  });
}

function SignalPanel({
  signal,
  series,
  limits,
  windows,
  findings,
}: {
  signal: Signal;
  series: Series | undefined;
  limits: TrustLimit[];
  windows: ReadonlyMap<string, LimitSeries> | undefined;
  findings: Finding[];
}) {
  const last = series?.points.filter((p) => p.v !== null).at(-1);
  const share = signal.aggregation === "ratio";
  return (
    <li className="signal-panel" id={`signal-${signal.id}`} tabIndex={-1}>
      <h3 className="signal-name">{signal.name}</h3>
      <p className="small muted">
        {signal.kind.replace(/_/g, " ")} · latest {formatValue(last?.v ?? null, signal.unit, share)} · last
        point {formatDateTime(signal.lastPointAt)}
      </p>
      {series ? (
        <SignalChart
          signal={signal}
          series={series}
          limits={limits}
          windows={windows}
          findings={findings}
          days={DAYS}
        />
      ) : (
        <p className="muted">The values of this signal could not be loaded.</p>
      )}
      <p className="small">
        Download{" "}
        <a href={csvExportUrl(`/signals/${signal.id}`, { resolution: "day" })} download>
          daily values<span className="visually-hidden"> of {signal.name}</span> (CSV)
        </a>{" "}
        ·{" "}
        <a href={csvExportUrl(`/signals/${signal.id}`, { resolution: "raw" })} download>
          every point of the last {DAYS} days<span className="visually-hidden"> of {signal.name}</span> (CSV)
        </a>
      </p>
    </li>
  );
}

export function SignalsTab() {
  const { system, base } = useSystem();
  const signals = useResource(`signals:${system.id}`, (signal) => api.signals(system.key, { signal }));
  const limits = useResource(`limits:${system.id}`, (signal) => api.limits(system.key, { signal }));
  const budgets = useResource(`budgets:${system.id}`, (signal) => api.budgets(system.key, { signal }));
  const findings = useResource(`findings:${system.id}`, (signal) =>
    api.findings({ systemId: system.id }, { signal }),
  );
  const answers = useLeadershipAnswers(system);
  const series = useSeries(signals.data?.items);
  const budgetSeries = useBudgetSeries(budgets.data?.items);
  const limitSeries = useLimitSeries(limits.data?.items);
  const seriesFor = (id: string) => series.data?.get(id);
  const answerFor = (id: string | null) => (id ? answers.data?.find((a) => a.id === id) : undefined);

  return (
    <div className="stack">
      {limits.data && budgets.data && findings.data && (
        <HealthSummary
          limits={limits.data.items}
          budgets={budgets.data.items}
          findings={findings.data.items}
        />
      )}
      <section aria-labelledby="limits-title" className="card">
        <div className="card-head">
          <h2 id="limits-title">
            Trust limits <TermHelp id="trust-limit" />
          </h2>
          <Link to={`${base}/signals/limits/new`} className="button button-secondary">
            Set a trust limit
          </Link>
        </div>
        <p className="muted">
          Leadership's “what would make us stop trusting this”, as numbers checked all the time.
        </p>
        <ResourceView resource={limits} label="trust limits">
          {(data) =>
            data.items.length === 0 ? (
              <p className="muted">
                No trust limits yet. Leadership sets them from its answer to “what would make you stop
                trusting this system?”.
              </p>
            ) : (
              <ul className="limit-list">
                {data.items.map((l) => (
                  <LimitCard
                    key={l.id}
                    limit={l}
                    series={seriesFor(l.signal.id)}
                    source={answerFor(l.sourceAnswerId)}
                    onRemoved={limits.reload}
                  />
                ))}
              </ul>
            )
          }
        </ResourceView>
      </section>
      <section aria-labelledby="budgets-title" className="card">
        <div className="card-head">
          <h2 id="budgets-title">
            Budgets and burn rate <TermHelp id="burn-rate" />
          </h2>
          <Link to={`${base}/signals/budgets/new`} className="button button-secondary">
            Set a budget
          </Link>
        </div>
        <ResourceView resource={budgets} label="budgets">
          {(data) =>
            data.items.length === 0 ? (
              <p className="muted">
                No budgets yet. A budget caps spend, or the share of bad days, per period.
              </p>
            ) : (
              <ul className="limit-list">
                {data.items.map((b) => (
                  <BudgetCard
                    key={b.id}
                    budget={b}
                    series={budgetSeries.data?.get(b.id)}
                    onRemoved={budgets.reload}
                  />
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
        <p className="muted">
          The last {DAYS} days, one value per day. Dashed lines are trust limits; numbered flags mark where a
          quiet-failure finding began.
        </p>
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
              <ResourceView resource={series} label="the signal values">
                {() => (
                  <ul className="signal-list">
                    {data.items.map((s) => (
                      <SignalPanel
                        key={s.id}
                        signal={s}
                        series={seriesFor(s.id)}
                        limits={(limits.data?.items ?? []).filter((l) => l.signal.id === s.id)}
                        windows={limitSeries.data}
                        findings={(findings.data?.items ?? []).filter((f) => f.signal.id === s.id)}
                      />
                    ))}
                  </ul>
                )}
              </ResourceView>
            )
          }
        </ResourceView>
      </section>
    </div>
  );
}
