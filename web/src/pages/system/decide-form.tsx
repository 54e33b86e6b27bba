// Leadership's decision on a risk. Everyone sees the form; only leadership can use it, and anyone
// else is told why (the server refuses regardless).
import { useState, type FormEvent } from "react";
import type { DecisionOutcome, RiskWithHistory } from "../../../../src/contract/index.js";
import { api } from "../../api/endpoints.js";
import { RadioGroup, TextArea, TextField } from "../../components/fields.js";
import { FormError, SubmitButton, useSubmission } from "../../components/form.js";
import { TermHelp } from "../../components/glossary.js";
import { addDaysIso } from "../../lib/format.js";
import { OUTCOME_LABEL, OUTCOME_MEANING, OUTCOMES } from "../../lib/labels.js";
import { useMe } from "../../lib/session.js";
import { useSystem } from "./context.js";

const NEEDS_REVIEW_DATE: DecisionOutcome[] = ["accept", "defer"];

export function DecideForm({
  risk,
  onDecided,
}: {
  risk: RiskWithHistory;
  onDecided: (r: RiskWithHistory) => void;
}) {
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
