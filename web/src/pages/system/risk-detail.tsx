// One risk: both views, its safeguards, the current decision, the decision form (leadership only) and
// the full decision history, superseded entries included.
import { useState, type FormEvent } from "react";
import type { Decision, DecisionOutcome, RiskWithHistory } from "../../../../src/contract/index.js";
import { api } from "../../api/endpoints.js";
import {
  Chip,
  PostureChip,
  SafeguardKindChip,
  SafeguardStatusChip,
  SideBadge,
} from "../../components/chips.js";
import { RadioGroup, TextArea, TextField } from "../../components/fields.js";
import { FormError, SubmitButton, useSubmission } from "../../components/form.js";
import { TermHelp } from "../../components/glossary.js";
import { ResourceView } from "../../components/states.js";
import {
  addDaysIso,
  daysUntil,
  formatCostRange,
  formatDate,
  formatDateTime,
  relativeDays,
} from "../../lib/format.js";
import {
  GROWTH_DRIVER_LABEL,
  GROWTH_LABEL,
  IMPACT_AREA_LABEL,
  OUTCOME_LABEL,
  OUTCOME_MEANING,
  OUTCOMES,
  RISK_CLASS_LABEL,
  scoreLabel,
} from "../../lib/labels.js";
import { Link } from "../../lib/router.js";
import { useMe } from "../../lib/session.js";
import { useResource } from "../../lib/use-resource.js";
import { useSystem } from "./context.js";

const NEEDS_REVIEW_DATE: DecisionOutcome[] = ["accept", "defer"];

function DecideForm({ risk, onDecided }: { risk: RiskWithHistory; onDecided: (r: RiskWithHistory) => void }) {
  const me = useMe();
  const { system } = useSystem();
  const [outcome, setOutcome] = useState<DecisionOutcome | "">("");
  const [rationale, setRationale] = useState("");
  const [conditions, setConditions] = useState("");
  const [reviewBy, setReviewBy] = useState(addDaysIso(90));
  const submission = useSubmission();
  const allowed = me.side === "leadership";
  const needsDate = outcome !== "" && NEEDS_REVIEW_DATE.includes(outcome);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await submission.run(async () => {
      if (!outcome) throw new Error("Choose what to do about this risk.");
      onDecided(
        await api.decide(risk.id, {
          outcome,
          rationale,
          conditions,
          reviewBy: needsDate || reviewBy ? reviewBy || null : null,
        }),
      );
    });
    if (ok) {
      setOutcome("");
      setRationale("");
      setConditions("");
    }
  }

  return (
    <section className="card decide" aria-labelledby="decide-title">
      <h2 id="decide-title">
        {risk.currentDecision ? "Decide again" : "Decide"} <TermHelp id="decision" />
      </h2>
      {!allowed && (
        <div className="notice notice-info" role="note" id="decide-why">
          <p>
            <strong>Only leadership decides what happens to a risk.</strong> Engineering surfaces risks and
            builds safeguards; leadership weighs them against outcomes and owns the call — above all,
            accepting a risk.
          </p>
          <p>
            {system.leadershipOwner
              ? `Ask ${system.leadershipOwner.name}, this system's leadership owner, to decide.`
              : "This system has no leadership owner yet; ask leadership to take it on."}{" "}
            You can still add safeguards or sharpen the description.
          </p>
        </div>
      )}
      {risk.currentDecision && allowed && (
        <p className="muted">A new decision supersedes the current one; the old one stays in the history.</p>
      )}
      <form className="form" onSubmit={submit} aria-describedby={allowed ? undefined : "decide-why"}>
        <fieldset disabled={!allowed} className="fieldset-plain">
          <RadioGroup<DecisionOutcome>
            legend="What should happen?"
            name="outcome"
            value={outcome}
            onChange={setOutcome}
            options={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABEL[o], hint: OUTCOME_MEANING[o] }))}
          />
          <TextArea
            label="Why this is the right call now"
            required
            rows={3}
            value={rationale}
            onChange={(e) => setRationale(e.target.value)}
            error={submission.fieldError("rationale")}
          />
          <TextArea
            label="Conditions (optional)"
            hint="For example “while cost stays under 300 USD a day”."
            rows={2}
            value={conditions}
            onChange={(e) => setConditions(e.target.value)}
          />
          <TextField
            label="Review by"
            hint={
              needsDate
                ? "Required: on this date the decision ends and the risk is open again."
                : "Optional for this outcome."
            }
            type="date"
            required={needsDate}
            value={reviewBy}
            onChange={(e) => setReviewBy(e.target.value)}
            error={submission.fieldError("reviewBy")}
          />
          <FormError submission={submission} />
          <SubmitButton submission={submission} busyText="Recording…" disabled={!allowed}>
            Record the decision
          </SubmitButton>
        </fieldset>
      </form>
    </section>
  );
}

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
        <DecideForm risk={risk} onDecided={setRisk} />
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
