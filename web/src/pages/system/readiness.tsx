// Where a system stands and what is still missing before its next stage — the shared definition
// of "done" — with a way to move it when both sides are ready.
import { useState, type FormEvent } from "react";
import type { Readiness as ReadinessResult, ReadinessGap, Stage } from "../../../../src/contract/index.js";
import { ApiError } from "../../api/client.js";
import { api } from "../../api/endpoints.js";
import { SelectField, TextArea } from "../../components/fields.js";
import { FormError, SubmitButton, useSubmission } from "../../components/form.js";
import { TermHelp } from "../../components/glossary.js";
import { ResourceView } from "../../components/states.js";
import { nextStage } from "../../lib/headline.js";
import { STAGE_LABEL, STAGE_MEANING, STAGES } from "../../lib/labels.js";
import { Link } from "../../lib/router.js";
import { useResource } from "../../lib/use-resource.js";
import { useSystem } from "./context.js";

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

/** Where each readiness rule can be worked on. */
const GAP_ACTION: Record<string, { path: string; label: string }> = {
  purpose_stated: { path: "/edit", label: "Edit details" },
  owners_assigned: { path: "/edit", label: "Assign owners" },
  questions_read_back: { path: "/conversations", label: "Open conversations" },
  high_impact_risks_decided: { path: "/risks", label: "Open risks" },
  quiet_risks_detected: { path: "/safeguards", label: "Open safeguards" },
  cost_limit: { path: "/signals/budgets/new", label: "Set a budget" },
  quality_limit: { path: "/signals/limits/new", label: "Set a trust limit" },
  signals_flowing: { path: "/signals", label: "Open signals" },
};

/** Every rule of the gate, done or not, with what is missing under the rules not yet met. */
function Checklist({ readiness }: { readiness: ReadinessResult }) {
  const { base } = useSystem();
  const checks = readiness.checks ?? [];
  // Gaps whose rule is not in the checks (an older server) still show, after the checks.
  const orphanGaps = readiness.gaps.filter((g) => !checks.some((c) => c.rule === g.rule));
  return (
    <>
      <ul className="checklist">
        {checks.map((check) => {
          const gaps = readiness.gaps.filter((g) => g.rule === check.rule);
          const action = GAP_ACTION[check.rule];
          return (
            <li
              key={check.rule}
              className={`checklist-item ${check.met ? "checklist-met" : "checklist-missing"}`}
            >
              <span className="checklist-mark" aria-hidden="true" />
              <span>
                <span className="visually-hidden">{check.met ? "Done: " : "Missing: "}</span>
                <span className={check.met ? "checklist-label-met" : "checklist-label"}>{check.label}</span>
                {!check.met && gaps.length > 0 && (
                  <span className="checklist-gaps">
                    {gaps.map((g, i) => (
                      <span key={i} className="checklist-gap">
                        {g.message}
                      </span>
                    ))}
                  </span>
                )}
                {!check.met && action && (
                  <>
                    {" "}
                    <Link to={base + action.path} className="small">
                      {action.label}
                    </Link>
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      {orphanGaps.length > 0 && <GapList gaps={orphanGaps} />}
    </>
  );
}

function GapList({ gaps }: { gaps: ReadinessGap[] }) {
  const { base } = useSystem();
  return (
    <ul className="checklist">
      {gaps.map((gap, i) => {
        const action = GAP_ACTION[gap.rule];
        return (
          <li key={`${gap.rule}-${i}`} className="checklist-item checklist-missing">
            <span className="checklist-mark" aria-hidden="true" />
            <span>
              <span className="visually-hidden">Missing: </span>
              {gap.message}
              {action && (
                <>
                  {" "}
                  <Link to={base + action.path} className="small">
                    {action.label}
                  </Link>
                </>
              )}
            </span>
          </li>
        );
      })}
    </ul>
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
            <strong>Not moved.</strong> {system.name} is not ready for {STAGE_LABEL[to].toLowerCase()} yet:{" "}
            {refusedGaps.length === 1 ? "one condition is" : `${refusedGaps.length} conditions are`} not met.
          </p>
          <GapList gaps={refusedGaps} />
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

export function Readiness() {
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
            {(r) => {
              const met = (r.checks ?? []).filter((c) => c.met).length;
              const total = (r.checks ?? []).length;
              const missing = total > 0 ? total - met : r.gaps.length;
              return (
                <>
                  {r.ready ? (
                    <p className="notice notice-ok">
                      <span aria-hidden="true">✓ </span>Every condition for {STAGE_LABEL[next].toLowerCase()}{" "}
                      is met.
                    </p>
                  ) : (
                    <p>
                      {total > 0 && `${met} of ${total} conditions met. `}
                      {missing === 1 ? "One condition is" : `${missing} conditions are`} still missing.
                    </p>
                  )}
                  <Checklist readiness={r} />
                </>
              );
            }}
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
