// The board view: the portfolio as an executive reads it in five minutes. Where each system is
// heading and why, money against budget, the risks knowingly carried, the value engineering protected
// and how well the two sides understand each other.
import type { Board, Outlook } from "../../../src/contract/briefs.js";
import { api, briefFileUrl } from "../api/endpoints.js";
import { AlignmentMeter } from "../components/alignment-meter.js";
import { SpendBars, StackedBar, type BarTone } from "../components/charts/bars.js";
import { Chip, StageChip, type Tone } from "../components/chips.js";
import { TextField } from "../components/fields.js";
import { TermHelp } from "../components/glossary.js";
import { PageHeader, useTitle } from "../components/layout.js";
import { ValueTotals } from "../components/ledger/ledger-rollup.js";
import { EmptyState, ResourceView } from "../components/states.js";
import { formatDate, formatDateTime, plural, relativeDays } from "../lib/format.js";
import { OUTLOOK_LABEL, STAGES } from "../lib/labels.js";
import { Link, navigate, useLocation } from "../lib/router.js";
import { useResource } from "../lib/use-resource.js";

const OUTLOOK: Record<Outlook, { tone: Tone; bar: BarTone; icon: string }> = {
  on_track: { tone: "ok", bar: "good", icon: "✓" },
  at_risk: { tone: "warn", bar: "warn", icon: "▲" },
  off_track: { tone: "danger", bar: "bad", icon: "!" },
  not_applicable: { tone: "neutral", bar: "neutral", icon: "–" },
};

const stateTotal = (s: Board["limits"]) => s.ok + s.atRisk + s.breached + s.noData;

function OutlookChip({ outlook }: { outlook: Outlook }) {
  const o = OUTLOOK[outlook];
  return (
    <Chip tone={o.tone} icon={o.icon}>
      {OUTLOOK_LABEL[outlook]}
    </Chip>
  );
}

function StagePipeline({ byStage }: { byStage: Record<string, number> }) {
  const max = Math.max(1, ...STAGES.map((s) => byStage[s] ?? 0));
  return (
    <figure className="bar-chart">
      <figcaption className="bar-chart-title">Systems by stage</figcaption>
      <ol className="pipeline">
        {STAGES.map((s) => (
          <li key={s} className="pipeline-stage">
            <span className="pipeline-count">{byStage[s] ?? 0}</span>
            <span className="pipeline-bar" aria-hidden="true">
              <span style={{ height: `${((byStage[s] ?? 0) / max) * 100}%` }} />
            </span>
            <StageChip stage={s} />
          </li>
        ))}
      </ol>
    </figure>
  );
}

function Headline({ board }: { board: Board }) {
  const o = board.systems.byOutlook;
  const off = o.off_track ?? 0;
  const risk = o.at_risk ?? 0;
  return (
    <p className="lead-text board-headline">
      {board.systems.active} active AI {board.systems.active === 1 ? "system" : "systems"}: {o.on_track ?? 0}{" "}
      on track
      {risk > 0 && `, ${risk} at risk`}
      {off > 0 && `, ${off} off track`}.{" "}
      {board.risks.undecidedHighImpact > 0 &&
        `${plural(board.risks.undecidedHighImpact, "high-impact risk")} waiting for a decision. `}
      {board.risks.expired > 0 && `${plural(board.risks.expired, "accepted risk")} past its review date. `}
    </p>
  );
}

function BoardView({ board }: { board: Board }) {
  const o = board.systems.byOutlook;
  const names = new Map(board.rows.map((r) => [r.key, r.name]));
  const a = board.alignment;
  return (
    <div className="stack">
      <section aria-labelledby="outlook-title" className="card">
        <h2 id="outlook-title">Where the systems are heading</h2>
        <Headline board={board} />
        <div className="board-grid">
          <StackedBar
            title="Systems by outlook"
            parts={(["on_track", "at_risk", "off_track", "not_applicable"] as const)
              .filter((k) => k !== "not_applicable" || (o[k] ?? 0) > 0)
              .map((k) => ({
                label: OUTLOOK_LABEL[k].toLowerCase(),
                value: o[k] ?? 0,
                tone: OUTLOOK[k].bar,
              }))}
          />
          <StagePipeline byStage={board.systems.byStage} />
        </div>
      </section>

      <div className="board-grid">
        <section aria-labelledby="spend-title" className="card">
          <h2 id="spend-title">
            Spend against budget <TermHelp id="risk-budget" />
          </h2>
          {board.spend.length === 0 ? (
            <p className="muted">No spend budgets are set yet.</p>
          ) : (
            <SpendBars
              title="This budget period, one row per currency (never added together)"
              rows={board.spend.map((s) => ({
                label: `${s.unit}: ${plural(s.budgets, "budget")}${s.breached ? `, ${s.breached} breached` : ""}${s.atRisk ? `, ${s.atRisk} at risk` : ""}`,
                tone: s.breached ? "bad" : s.atRisk ? "warn" : "good",
                unit: s.unit,
                spent: s.spent,
                budget: s.budget,
                projected: s.projected,
              }))}
            />
          )}
        </section>
        <section aria-labelledby="limits-title" className="card">
          <h2 id="limits-title">
            Trust limits and budgets <TermHelp id="trust-limit" />
          </h2>
          <div className="stack">
            <StackedBar
              title={`${plural(stateTotal(board.limits), "trust limit")}, by their state right now`}
              parts={[
                { label: "within the limit", value: board.limits.ok, tone: "good" },
                { label: "at risk", value: board.limits.atRisk, tone: "warn" },
                { label: "breached", value: board.limits.breached, tone: "bad" },
                { label: "without data", value: board.limits.noData, tone: "neutral" },
              ]}
            />
            <StackedBar
              title={`${plural(stateTotal(board.budgets), "risk budget")}, by their state right now`}
              parts={[
                { label: "within budget", value: board.budgets.ok, tone: "good" },
                { label: "at risk", value: board.budgets.atRisk, tone: "warn" },
                { label: "breached", value: board.budgets.breached, tone: "bad" },
                { label: "without data", value: board.budgets.noData, tone: "neutral" },
              ]}
            />
            <p>
              <Link to="/?status=findings">{plural(board.openFindings, "quiet-failure finding")}</Link>{" "}
              waiting for triage.
            </p>
          </div>
        </section>
      </div>

      <section aria-labelledby="risks-title" className="card">
        <h2 id="risks-title">
          Risks leadership carries <TermHelp id="acceptable-risk" />
        </h2>
        <ul className="board-numbers">
          <li>
            <strong>{board.risks.accepted}</strong> accepted
          </li>
          <li className={board.risks.expiringSoon ? "warn-number" : undefined}>
            <strong>{board.risks.expiringSoon}</strong> due for review within 30 days
          </li>
          <li className={board.risks.expired ? "danger-number" : undefined}>
            <strong>{board.risks.expired}</strong> past the review date
          </li>
          <li className={board.risks.undecidedHighImpact ? "warn-number" : undefined}>
            <strong>{board.risks.undecidedHighImpact}</strong> high-impact, undecided
          </li>
        </ul>
        {board.risks.expiring.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Acceptances expired or due for review</caption>
              <thead>
                <tr>
                  <th scope="col">Risk</th>
                  <th scope="col">Review by</th>
                  <th scope="col">Accepted on the condition</th>
                </tr>
              </thead>
              <tbody>
                {board.risks.expiring.map((r) => (
                  <tr key={`${r.system}-${r.risk}`}>
                    <th scope="row">
                      {r.risk}
                      <span className="small cell-note">
                        <Link to={`/systems/${encodeURIComponent(r.system)}/risks`}>
                          {names.get(r.system) ?? r.system}
                        </Link>
                      </span>
                    </th>
                    <td>
                      <span className="nowrap">{formatDate(r.reviewBy)}</span>{" "}
                      {r.days < 0 ? (
                        <Chip tone="danger" icon="!">
                          Expired {relativeDays(r.days)}
                        </Chip>
                      ) : (
                        <Chip tone="warn" icon="◷">
                          {relativeDays(r.days)}
                        </Chip>
                      )}
                    </td>
                    <td>{r.conditions || <span className="muted">No condition stated</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <div className="board-grid">
        <section aria-labelledby="value-title" className="card">
          <h2 id="value-title">
            Value protected by engineering <TermHelp id="invisible-work" />
          </h2>
          <p className="muted small">
            {formatDate(board.period.from)} to {formatDate(board.period.to)}:{" "}
            {plural(board.valueProtected.entries, "ledger entry", "ledger entries")}.
          </p>
          <ValueTotals totals={board.valueProtected.value} />
          <p>
            <Link to={`/ledger?from=${board.period.from}&to=${board.period.to}`}>See what was caught</Link>
          </p>
        </section>
        <section aria-labelledby="alignment-title" className="card">
          <h2 id="alignment-title">
            Alignment across systems <TermHelp id="alignment" />
          </h2>
          <AlignmentMeter readBack={a.readBack} asked={a.asked} disagreements={a.disagreements} />
          <p className="small muted">
            Questions in each system's latest round that are answered and read back.
            {a.systemsWithoutRound > 0 &&
              ` ${plural(a.systemsWithoutRound, "system has", "systems have")} not held a round yet.`}
          </p>
        </section>
      </div>

      <section aria-labelledby="rows-title" className="section">
        <h2 id="rows-title">System by system</h2>
        {board.rows.length === 0 ? (
          <EmptyState title="No systems yet" />
        ) : (
          <div className="table-wrap">
            <table className="table board-table">
              <caption className="visually-hidden">
                Every system with its outlook and the reason for it
              </caption>
              <thead>
                <tr>
                  <th scope="col">System</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Outlook</th>
                  <th scope="col">Leadership owner</th>
                  <th scope="col">Read back</th>
                  <th scope="col">Risks accepted</th>
                  <th scope="col">Value protected</th>
                </tr>
              </thead>
              <tbody>
                {board.rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row" data-label="System">
                      <Link to={`/systems/${encodeURIComponent(r.key)}`} className="map-name">
                        {r.name}
                      </Link>
                      <p className="map-headline">{r.reason}</p>
                    </th>
                    <td data-label="Stage">
                      <StageChip stage={r.stage} />
                    </td>
                    <td data-label="Outlook">
                      <OutlookChip outlook={r.outlook} />
                    </td>
                    <td data-label="Leadership owner">
                      {r.leadershipOwner?.name ?? <span className="muted">None</span>}
                    </td>
                    <td data-label="Read back">
                      {r.alignment ? (
                        `${r.alignment.readBack} of ${r.alignment.asked}`
                      ) : (
                        <span className="muted">No round</span>
                      )}
                    </td>
                    <td data-label="Risks accepted">
                      {r.accepted}
                      {r.expiring > 0 && <span className="small warn-text">{r.expiring} due for review</span>}
                    </td>
                    <td data-label="Value protected">
                      <ValueTotals totals={r.valueProtected} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function BoardPage() {
  useTitle("Board view");
  const { search } = useLocation();
  const from = ISO_DATE.test(search.get("from") ?? "") ? (search.get("from") as string) : "";
  const to = ISO_DATE.test(search.get("to") ?? "") ? (search.get("to") as string) : "";
  const board = useResource(`board:${from}:${to}`, (signal) =>
    api.board({ ...(from ? { from } : {}), ...(to ? { to } : {}) }, { signal }),
  );

  function setParam(name: string, value: string) {
    const params = new URLSearchParams(search);
    if (value) params.set(name, value);
    else params.delete(name);
    const text = params.toString();
    navigate(text ? `/board?${text}` : "/board", { replace: true, keepScroll: true });
  }

  return (
    <div className="page">
      <PageHeader
        title="Board view"
        eyebrow="All AI systems"
        actions={
          <a
            className="button button-secondary"
            href={briefFileUrl({ voice: "leadership", from: from || undefined, to: to || undefined }, "pdf")}
            download
          >
            Leadership brief (PDF)
          </a>
        }
      >
        <p>
          The portfolio in five minutes: outlook, money, risks carried, value protected and alignment.
          {board.data && <> As of {formatDateTime(board.data.generatedAt)}.</>}
        </p>
      </PageHeader>
      <form
        className="filters board-filters"
        aria-label="Period for value protected"
        onSubmit={(e) => e.preventDefault()}
      >
        <TextField
          label="Value protected from"
          type="date"
          hint="Empty: 90 days before the end"
          value={from}
          max={to || undefined}
          onChange={(e) => setParam("from", e.target.value)}
        />
        <TextField
          label="To"
          type="date"
          hint="Empty: today"
          value={to}
          min={from || undefined}
          onChange={(e) => setParam("to", e.target.value)}
        />
      </form>
      <ResourceView resource={board} label="the board view">
        {(data) => <BoardView board={data} />}
      </ResourceView>
    </div>
  );
}
