// The two structured statements. Each form asks for exactly what makes the statement actionable.
import { useState, type FormEvent } from "react";
import type { StatementKind } from "../../../../src/contract/index.js";
import { api } from "../../api/endpoints.js";
import { CheckboxGroup, TextArea, TextField } from "../../components/fields.js";
import { FormError, SubmitButton, useSubmission } from "../../components/form.js";
import { TermHelp } from "../../components/glossary.js";
import { ResourceView } from "../../components/states.js";
import { addDaysIso, todayIso } from "../../lib/format.js";
import { Link, navigate } from "../../lib/router.js";
import { useMe } from "../../lib/session.js";
import { useResource } from "../../lib/use-resource.js";
import { useSystem } from "./context.js";

function NotReadyForm() {
  const { system, base } = useSystem();
  const [conditions, setConditions] = useState<string[]>([""]);
  const [risk, setRisk] = useState("");
  const [note, setNote] = useState("");
  const submission = useSubmission();

  function setCondition(index: number, value: string) {
    setConditions((list) => list.map((c, i) => (i === index ? value : c)));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await submission.run(async () => {
      await api.createStatement(system.key, {
        kind: "not_ready",
        missingConditions: conditions.map((c) => c.trim()).filter(Boolean),
        riskIfShippedNow: risk,
        note,
      });
    });
    if (ok) navigate(base);
  }

  return (
    <form className="form form-wide" onSubmit={submit}>
      <fieldset className="choice-group">
        <legend className="field-label">What is missing before this can ship?</legend>
        <p className="field-hint">
          One condition per line, each something that can be checked: “refund answers match the current policy
          in 95% of test cases”, not “quality is better”.
        </p>
        {conditions.map((value, index) => (
          <div className="repeat-row" key={index}>
            <TextField
              label={`Condition ${index + 1}`}
              value={value}
              required={index === 0}
              onChange={(e) => setCondition(index, e.target.value)}
              error={submission.fieldError(`missingConditions.${index}`)}
            />
            {conditions.length > 1 && (
              <button
                type="button"
                className="button button-ghost button-small"
                onClick={() => setConditions((list) => list.filter((_, i) => i !== index))}
              >
                Remove<span className="visually-hidden"> condition {index + 1}</span>
              </button>
            )}
          </div>
        ))}
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => setConditions((l) => [...l, ""])}
        >
          Add another condition
        </button>
      </fieldset>
      <TextArea
        label="What would shipping now risk?"
        hint="In outcomes leadership weighs: money, customers, time, reputation."
        required
        rows={4}
        value={risk}
        onChange={(e) => setRisk(e.target.value)}
        error={submission.fieldError("riskIfShippedNow")}
      />
      <TextArea
        label="Anything else (optional)"
        rows={2}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <FormError submission={submission} />
      <div className="form-actions">
        <SubmitButton submission={submission}>Record “not ready”</SubmitButton>
        <Link to={base} className="button button-ghost">
          Cancel
        </Link>
      </div>
    </form>
  );
}

function GoFasterForm() {
  const { system, base } = useSystem();
  const risks = useResource(`risks-open:${system.id}`, (signal) =>
    api.risks({ systemId: system.id, limit: 500 }, { signal }),
  );
  const [riskIds, setRiskIds] = useState<string[]>([]);
  const [text, setText] = useState("");
  const [until, setUntil] = useState(addDaysIso(90));
  const [reason, setReason] = useState("");
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await submission.run(async () => {
      await api.createStatement(system.key, {
        kind: "go_faster",
        acceptedRiskIds: riskIds,
        acceptedRisksText: text,
        acceptedUntil: until,
        reason,
      });
    });
    if (ok) navigate(base);
  }

  return (
    <form className="form form-wide" onSubmit={submit}>
      <ResourceView resource={risks} label="this system's risks">
        {(page) => {
          const open = page.items.filter((r) => !r.closed);
          return open.length === 0 ? (
            <p className="muted">No open risks are registered for this system yet; describe them below.</p>
          ) : (
            <CheckboxGroup
              legend="Which registered risks are you accepting to move faster?"
              layout="stack"
              values={riskIds}
              onChange={setRiskIds}
              options={open.map((r) => ({
                value: r.id,
                label: r.title,
                hint: r.businessImpact || undefined,
              }))}
            />
          );
        }}
      </ResourceView>
      <TextArea
        label="Other risks you are accepting (optional)"
        hint="Anything not in the register yet, in your own words."
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={submission.fieldError("acceptedRisksText")}
      />
      <TextField
        label="Accepted until"
        hint="After this date the acceptance ends and the risks are open again."
        type="date"
        required
        min={todayIso()}
        value={until}
        onChange={(e) => setUntil(e.target.value)}
        error={submission.fieldError("acceptedUntil")}
      />
      <TextArea
        label="Why does speed matter more here?"
        hint="The outcome that waiting would cost: a customer commitment, a market window, a budget cycle."
        required
        rows={4}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={submission.fieldError("reason")}
      />
      <FormError submission={submission} />
      <div className="form-actions">
        <SubmitButton submission={submission}>Record “go faster”</SubmitButton>
        <Link to={base} className="button button-ghost">
          Cancel
        </Link>
      </div>
    </form>
  );
}

export function StatementPage({ kind }: { kind: StatementKind }) {
  const me = useMe();
  const { base } = useSystem();
  const allowed = kind === "not_ready" ? me.side === "engineering" : me.side === "leadership";
  const title = kind === "not_ready" ? "Say “not ready”" : "Say “go faster”";
  return (
    <section aria-labelledby="statement-title" className="card card-narrow">
      <h2 id="statement-title">
        {title} <TermHelp id={kind === "not_ready" ? "not-ready" : "go-faster"} />
      </h2>
      <p className="lead-text">
        {kind === "not_ready"
          ? "“It isn't ready” is easy to hear as blocking. Name what must be true first, and what shipping today would cost — then leadership can weigh it."
          : "“We need to go faster” is easy to hear as ignoring risk. Name the risks you are taking on, and until when — then engineering can plan around it."}
      </p>
      {allowed ? (
        kind === "not_ready" ? (
          <NotReadyForm />
        ) : (
          <GoFasterForm />
        )
      ) : (
        <div className="notice notice-info" role="note">
          <p>
            {kind === "not_ready"
              ? "“Not ready” is engineering's statement: engineers name the missing conditions. You are signed in as leadership; your counterpart is “go faster”."
              : "“Go faster” is leadership's statement: only leadership can accept risks for speed. You are signed in as engineering; your counterpart is “not ready”."}
          </p>
          <p>
            <Link to={`${base}/say/${kind === "not_ready" ? "go-faster" : "not-ready"}`}>
              {kind === "not_ready" ? "Say “go faster” instead" : "Say “not ready” instead"}
            </Link>
          </p>
        </div>
      )}
    </section>
  );
}
