// A system at a glance: what it is for in business terms, where it stands, what is missing before the
// next stage, and what each side has said plainly about its readiness.
import { useState, type FormEvent } from "react";
import type { ReadinessGap, Stage } from "../../../../src/contract/index.js";
import { ApiError } from "../../api/client.js";
import { api } from "../../api/endpoints.js";
import { SelectField, TextArea } from "../../components/fields.js";
import { FormError, SubmitButton, useSubmission } from "../../components/form.js";
import { TermHelp } from "../../components/glossary.js";
import { ResourceView } from "../../components/states.js";
import { formatDate, formatMoney, daysUntil, relativeDays } from "../../lib/format.js";
import { nextStage } from "../../lib/headline.js";
import { STAGE_LABEL, STAGE_MEANING, STAGES } from "../../lib/labels.js";
import { Link } from "../../lib/router.js";
import { useMe } from "../../lib/session.js";
import { useResource } from "../../lib/use-resource.js";
import { useSystem } from "./context.js";
import { StatementList } from "./statements.js";

function StageTrack({ stage }: { stage: Stage }) {
  const index = STAGES.indexOf(stage);
  return (
    <ol className="stage-track" aria-label="Stages">
      {STAGES.map((s, i) => (
        <li
          key={s}
          className={`stage-step${i < index ? " stage-step-done" : ""}${i === index ? " stage-step-current" : ""}`}
          aria-current={i === index ? "step" : undefined}
        >
          <span className="stage-step-dot" aria-hidden="true" />
          <span className="stage-step-label">
            {STAGE_LABEL[s]}
            {i === index && <span className="visually-hidden"> (current stage)</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}

function gapsOf(error: unknown): ReadinessGap[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const details = error.details as { gaps?: unknown } | undefined;
  return Array.isArray(details?.gaps) ? (details.gaps as ReadinessGap[]) : null;
}

function StageChangeForm({ defaultTo, onChanged }: { defaultTo: Stage; onChanged: () => void }) {
  const { system } = useSystem();
  const [to, setTo] = useState<Stage>(defaultTo);
  const [note, setNote] = useState("");
  const submission = useSubmission();
  const refusedGaps = gapsOf(submission.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await submission.run(async () => {
      await api.changeStage(system.key, to, note);
    });
    if (ok) {
      setNote("");
      onChanged();
    }
  }

  return (
    <form className="form stage-form" onSubmit={submit}>
      <SelectField
        label="Move to stage"
        value={to}
        onChange={(e) => setTo(e.target.value as Stage)}
        options={STAGES.filter((s) => s !== system.stage).map((s) => ({ value: s, label: STAGE_LABEL[s] }))}
      />
      <TextArea
        label="Note for the record"
        hint="Why now, and anything both sides should know."
        rows={2}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      {refusedGaps ? (
        <div className="notice notice-warn" role="alert">
          <p>
            <strong>Not moved.</strong> {submission.error instanceof Error ? submission.error.message : ""}
          </p>
          <ul>
            {refusedGaps.map((g) => (
              <li key={g.rule}>{g.message}</li>
            ))}
          </ul>
        </div>
      ) : (
        <FormError submission={submission} />
      )}
      <SubmitButton submission={submission} busyText="Moving…" className="button button-secondary">
        Move to {STAGE_LABEL[to]}
      </SubmitButton>
    </form>
  );
}

function Readiness() {
  const { system, reload } = useSystem();
  const next = nextStage(system.stage);
  const readiness = useResource(`readiness:${system.id}:${system.stage}:${system.version}`, (signal) =>
    api.readiness(system.key, undefined, { signal }),
  );
  return (
    <section className="card order-2" aria-labelledby="stage-title">
      <h2 id="stage-title">
        Stage <TermHelp id="stage" />
      </h2>
      <StageTrack stage={system.stage} />
      <p className="muted">{STAGE_MEANING[system.stage]}</p>
      {next ? (
        <>
          <h3>
            Before {STAGE_LABEL[next].toLowerCase()} <TermHelp id="readiness" />
          </h3>
          <ResourceView resource={readiness} label="the readiness checklist">
            {(r) =>
              r.ready ? (
                <p className="notice notice-ok">
                  <span aria-hidden="true">✓ </span>Every condition for {STAGE_LABEL[next].toLowerCase()} is
                  met.
                </p>
              ) : (
                <>
                  <p>
                    {r.gaps.length === 1 ? "One condition is" : `${r.gaps.length} conditions are`} still
                    missing:
                  </p>
                  <ul className="checklist">
                    {r.gaps.map((gap) => (
                      <li key={gap.rule} className="checklist-item checklist-missing">
                        <span className="checklist-mark" aria-hidden="true" />
                        <span>
                          <span className="visually-hidden">Missing: </span>
                          {gap.message}
                        </span>
                      </li>
                    ))}
                  </ul>
                </>
              )
            }
          </ResourceView>
        </>
      ) : (
        <p>{system.stage === "production" ? "In production: the last working stage." : "Retired."}</p>
      )}
      <details className="disclosure">
        <summary>Change the stage</summary>
        <StageChangeForm
          defaultTo={next ?? (system.stage === "retired" ? "idea" : "retired")}
          onChanged={() => {
            reload();
            readiness.reload();
          }}
        />
      </details>
    </section>
  );
}

function List({ items }: { items: string[] }) {
  if (items.length === 0) return <span className="muted">None recorded</span>;
  return (
    <ul className="plain-list">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

function Purpose() {
  const { system, base } = useSystem();
  const target = system.targetDate;
  return (
    <section className="card order-1" aria-labelledby="purpose-title">
      <div className="card-head">
        <h2 id="purpose-title">What it is for</h2>
        <Link to={`${base}/edit`} className="button button-ghost button-small">
          Edit details
        </Link>
      </div>
      <p className="lead-text">{system.purpose || <span className="muted">No purpose written yet.</span>}</p>
      <dl className="facts">
        <div>
          <dt>Expected outcome</dt>
          <dd>{system.expectedOutcome || <span className="muted">Not written yet</span>}</dd>
        </div>
        <div>
          <dt>Estimated yearly value</dt>
          <dd>{formatMoney(system.valueEstimate)}</dd>
        </div>
        <div>
          <dt>Target date</dt>
          <dd>
            {formatDate(target)}
            {target && <span className="muted"> ({relativeDays(daysUntil(target))})</span>}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Details() {
  const { system } = useSystem();
  return (
    <section className="card order-4" aria-labelledby="details-title">
      <h2 id="details-title">How it is built and used</h2>
      <dl className="facts facts-grid">
        <div>
          <dt>Models and providers</dt>
          <dd>
            <List items={system.models} />
          </dd>
        </div>
        <div>
          <dt>Data sources</dt>
          <dd>
            <List items={system.dataSources} />
          </dd>
        </div>
        <div>
          <dt>Depends on</dt>
          <dd>
            <List items={system.dependencies} />
          </dd>
        </div>
        <div>
          <dt>Scale now</dt>
          <dd>{system.scaleNow || <span className="muted">Not recorded</span>}</dd>
        </div>
        <div>
          <dt>Scale planned</dt>
          <dd>{system.scalePlanned || <span className="muted">Not recorded</span>}</dd>
        </div>
      </dl>
    </section>
  );
}

function SayPlainly() {
  const { system, base } = useSystem();
  const me = useMe();
  const statements = useResource(`statements:${system.id}`, (signal) =>
    api.statements(system.key, { signal }),
  );
  return (
    <section className="card order-3" aria-labelledby="said-title">
      <div className="card-head">
        <h2 id="said-title">Said plainly</h2>
        {me.side === "engineering" ? (
          <Link to={`${base}/say/not-ready`} className="button button-secondary">
            Say “not ready”
          </Link>
        ) : (
          <Link to={`${base}/say/go-faster`} className="button button-secondary">
            Say “go faster”
          </Link>
        )}
      </div>
      <p className="muted">
        {me.side === "engineering"
          ? "Engineering's “not ready” names the missing conditions and the risk of shipping now."
          : "Leadership's “go faster” names the risks being accepted and until when."}{" "}
        {me.side === "engineering"
          ? "Leadership answers with “go faster” when speed matters more."
          : "Engineering answers with “not ready” when conditions are missing."}{" "}
        <TermHelp id={me.side === "engineering" ? "not-ready" : "go-faster"} />
      </p>
      <ResourceView resource={statements} label="statements">
        {(data) => <StatementList statements={data.items} />}
      </ResourceView>
    </section>
  );
}

export function OverviewTab() {
  return (
    <div className="overview-grid">
      <div className="stack">
        <Purpose />
        <SayPlainly />
        <Details />
      </div>
      <div className="stack">
        <Readiness />
      </div>
    </div>
  );
}
