// One risk: both views, its safeguards, the current decision, the decision form (leadership only) and
// the full decision history, superseded entries included.
import { useState } from "react";
import type { Decision, RiskWithHistory } from "../../../../src/contract/index.js";
import { errorMessage } from "../../api/client.js";
import { api } from "../../api/endpoints.js";
import {
  Chip,
  PostureChip,
  SafeguardKindChip,
  SafeguardStatusChip,
  SideBadge,
} from "../../components/chips.js";
import { TermHelp } from "../../components/glossary.js";
import { ResourceView } from "../../components/states.js";
import { daysUntil, formatCostRange, formatDate, formatDateTime, relativeDays } from "../../lib/format.js";
import {
  GROWTH_DRIVER_LABEL,
  GROWTH_LABEL,
  IMPACT_AREA_LABEL,
  OUTCOME_LABEL,
  RISK_CLASS_LABEL,
  scoreLabel,
} from "../../lib/labels.js";
import { Link } from "../../lib/router.js";
import { useResource } from "../../lib/use-resource.js";
import { useSystem } from "./context.js";
import { DecideForm } from "./decide-form.js";

function DecisionEntry({ decision, decisions }: { decision: Decision; decisions: Decision[] }) {
  const superseder = decision.supersededBy
    ? decisions.find((d) => d.id === decision.supersededBy)
    : undefined;
  const days = decision.reviewBy ? daysUntil(decision.reviewBy) : null;
  const live = !decision.supersededBy;
  return (
    <li className={`decision${live ? " decision-live" : " decision-superseded"}`}>
      <p className="decision-head">
        <strong>{OUTCOME_LABEL[decision.outcome]}</strong>{" "}
        {live ? (
          <Chip tone="info" icon="●">
            Current
          </Chip>
        ) : (
          <Chip tone="neutral" icon="↷">
            Superseded{superseder ? ` on ${formatDate(superseder.decidedAt)}` : ""}
          </Chip>
        )}{" "}
        {live && days !== null && days < 0 && (
          <Chip tone="danger" icon="!">
            Review date passed {relativeDays(days)}
          </Chip>
        )}
        {live && days !== null && days >= 0 && days <= 30 && (
          <Chip tone="warn" icon="◷">
            Review {relativeDays(days)}
          </Chip>
        )}
      </p>
      <p className="small">
        <SideBadge side={decision.decidedBy.side}>{decision.decidedBy.name}</SideBadge>{" "}
        <span className="muted">{formatDateTime(decision.decidedAt)}</span>
        {decision.reviewBy && <span className="muted"> · review by {formatDate(decision.reviewBy)}</span>}
      </p>
      <p>{decision.rationale}</p>
      {decision.conditions && (
        <p>
          <span className="muted">Conditions: </span>
          {decision.conditions}
        </p>
      )}
    </li>
  );
}

/** Closing takes a risk that no longer applies out of every count; it can be reopened. */
function CloseRisk({ risk, onChanged }: { risk: RiskWithHistory; onChanged: (r: RiskWithHistory) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      await api.updateRisk(risk.id, { closed: !risk.closed, version: risk.version });
      onChanged(await api.risk(risk.id));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card" aria-labelledby="close-title">
      <h3 id="close-title">{risk.closed ? "Closed" : "No longer applies?"}</h3>
      <p className="muted">
        {risk.closed
          ? "This risk is closed and no longer counts on the map. Reopen it if it applies again."
          : "Close a risk that cannot happen any more, for example because the feature was removed. Its history stays."}
      </p>
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => void toggle()}>
        {risk.closed ? "Reopen the risk" : "Close the risk"}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function RiskView({ initial }: { initial: RiskWithHistory }) {
  const { base } = useSystem();
  const [risk, setRisk] = useState(initial);
  const expired = risk.posture === "expired";
  const soon = risk.posture === "accepted" && risk.expiresInDays !== null && risk.expiresInDays <= 30;
  return (
    <div className="risk-page">
      <p className="breadcrumb-inline">
        <Link to={`${base}/risks`}>All risks of this system</Link>
      </p>
      <div className="section-head">
        <div>
          <h2 className="risk-page-title">{risk.title}</h2>
          <p className="muted">
            {RISK_CLASS_LABEL[risk.class]} · proposed by {risk.proposedBy.name} on{" "}
            {formatDate(risk.createdAt)}
          </p>
        </div>
        <PostureChip posture={risk.posture} expiresInDays={risk.expiresInDays} />
      </div>
      {expired && (
        <p className="notice notice-danger" role="status">
          <strong>This acceptance has expired.</strong> Its review-by date passed, so the risk is open again
          until leadership decides anew. <TermHelp id="review-by" />
        </p>
      )}
      {soon && (
        <p className="notice notice-warn" role="status">
          <strong>This acceptance ends {relativeDays(risk.expiresInDays ?? 0)}.</strong> Renew it knowingly or
          decide differently before then.
        </p>
      )}
      <div className="risk-layout">
        <div className="stack">
          <div className="two-views card">
            <section className="view view-engineering" aria-labelledby="eng-view">
              <h3 id="eng-view" className="view-label">
                Engineering view
              </h3>
              <h4>Failure mode</h4>
              <p>{risk.failureMode || <span className="muted">Not described yet</span>}</p>
              <h4>Triggers and edge cases</h4>
              <p>{risk.triggers || <span className="muted">Not described yet</span>}</p>
              <h4>Depends on</h4>
              <p>{risk.dependencies || <span className="muted">Nothing recorded</span>}</p>
              <h4>Signals that would reveal it</h4>
              {risk.revealingSignals.length ? (
                <ul className="plain-list">
                  {risk.revealingSignals.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
              ) : (
                <p className="muted">None named</p>
              )}
            </section>
            <section className="view view-leadership" aria-labelledby="lead-view">
              <h3 id="lead-view" className="view-label">
                Leadership view
              </h3>
              <h4>Impact on outcomes</h4>
              <p>{risk.businessImpact || <span className="muted">Not described yet</span>}</p>
              <h4>What it touches</h4>
              <p>{risk.impactAreas.map((a) => IMPACT_AREA_LABEL[a]).join(", ") || "Not stated"}</p>
              <h4>Cost of one failure</h4>
              <p>{formatCostRange(risk.costOfFailure)}</p>
              <h4>Likelihood and impact</h4>
              <p>
                Likelihood {scoreLabel(risk.likelihood).toLowerCase()} ({risk.likelihood}/5), impact{" "}
                {scoreLabel(risk.impact).toLowerCase()} ({risk.impact}/5)
              </p>
              <h4>How it grows</h4>
              <p>
                {GROWTH_LABEL[risk.growth]}
                {risk.growthDrivers.length > 0 &&
                  `, ${risk.growthDrivers.map((d) => GROWTH_DRIVER_LABEL[d]).join(", ")}`}
              </p>
            </section>
          </div>
          <section className="card" aria-labelledby="risk-safeguards">
            <div className="card-head">
              <h3 id="risk-safeguards">
                Safeguards <TermHelp id="safeguard" />
              </h3>
              <Link
                to={`${base}/safeguards/new?risk=${encodeURIComponent(risk.id)}`}
                className="button button-secondary button-small"
              >
                Add a safeguard
              </Link>
            </div>
            {risk.safeguards.length === 0 && risk.posture === "avoided" ? (
              <p className="muted">
                None linked. The risk is avoided, so none is needed while the decision stands.
              </p>
            ) : risk.safeguards.length === 0 ? (
              <p className="notice notice-warn">
                <span aria-hidden="true">▲ </span>No safeguard protects against this risk yet.
              </p>
            ) : (
              <ul className="plain-list">
                {risk.safeguards.map((s) => (
                  <li key={s.id} className="safeguard-line">
                    <span>{s.name}</span> <SafeguardKindChip kind={s.kind} />{" "}
                    <SafeguardStatusChip status={s.status} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="history-title">
            <h3 id="history-title">Decision history</h3>
            {risk.decisions.length === 0 ? (
              <p className="muted">
                No decision yet. Until leadership decides, this risk counts as undecided.
              </p>
            ) : (
              <ol className="decisions">
                {risk.decisions.map((d) => (
                  <DecisionEntry key={d.id} decision={d} decisions={risk.decisions} />
                ))}
              </ol>
            )}
          </section>
        </div>
        <div className="stack">
          <DecideForm risk={risk} onDecided={setRisk} />
          <CloseRisk risk={risk} onChanged={setRisk} />
        </div>
      </div>
    </div>
  );
}

export function RiskPage({ riskId }: { riskId: string }) {
  const risk = useResource(`risk:${riskId}`, (signal) => api.risk(riskId, { signal }));
  return (
    <ResourceView resource={risk} label="the risk">
      {(data) => <RiskView key={data.id + data.version} initial={data} />}
    </ResourceView>
  );
}
