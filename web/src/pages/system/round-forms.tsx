// The two things a person does in a round: answer the other side's question, and read the other
// side's answer back in their own words.
import { useState, type FormEvent } from "react";
import type { Ask, Verdict } from "../../../../src/contract/index.js";
import { api } from "../../api/endpoints.js";
import { RadioGroup, TextArea } from "../../components/fields.js";
import { FormError, SubmitButton, useSubmission } from "../../components/form.js";
import { SIDE_LABEL, VERDICT_HINT, VERDICT_LABEL, VERDICTS } from "../../lib/labels.js";

export function AnswerForm({ ask, onDone }: { ask: Ask; onDone: (ask: Ask) => void }) {
  const [body, setBody] = useState("");
  const submission = useSubmission();
  const again = ask.answers.length > 0;
  async function submit(event: FormEvent) {
    event.preventDefault();
    await submission.run(async () => {
      onDone(await api.answer(ask.id, { body }));
      setBody("");
    });
  }
  return (
    <form className="form ask-form" onSubmit={submit}>
      <TextArea
        label={again ? "Answer again, more clearly" : "Your answer"}
        hint={
          again
            ? "The other side asked for clarification. Say it differently, with an example if you can."
            : `Answer in words ${SIDE_LABEL[ask.askedBy].toLowerCase()} uses. Concrete beats complete.`
        }
        required
        rows={4}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={submission.fieldError("body")}
      />
      <FormError submission={submission} />
      <SubmitButton submission={submission} busyText="Sending…">
        Send the answer
      </SubmitButton>
    </form>
  );
}

export function ReadBackForm({ ask, onDone }: { ask: Ask; onDone: (ask: Ask) => void }) {
  const [restatement, setRestatement] = useState("");
  const [verdict, setVerdict] = useState<Verdict | "">("");
  const [note, setNote] = useState("");
  const submission = useSubmission();
  async function submit(event: FormEvent) {
    event.preventDefault();
    await submission.run(async () => {
      if (!verdict) throw new Error("Choose understood, needs clarification, or disagree.");
      onDone(await api.readBack(ask.id, { restatement, verdict, note }));
    });
  }
  return (
    <form className="form ask-form" onSubmit={submit}>
      <TextArea
        label="Read it back in your own words"
        hint="What did they tell you? Not a quote: what you took from it."
        required
        rows={3}
        value={restatement}
        onChange={(e) => setRestatement(e.target.value)}
        error={submission.fieldError("restatement")}
      />
      <RadioGroup<Verdict>
        legend="How does the answer land?"
        name={`verdict-${ask.id}`}
        value={verdict}
        onChange={setVerdict}
        layout="row"
        options={VERDICTS.map((v) => ({ value: v, label: VERDICT_LABEL[v], hint: VERDICT_HINT[v] }))}
      />
      <TextArea
        label={
          verdict === "disagree"
            ? "What do you see differently?"
            : verdict === "needs_clarification"
              ? "What is unclear?"
              : "Note (optional)"
        }
        hint={
          verdict === "disagree"
            ? "Say where your view differs, so whoever decides sees both sides."
            : verdict === "needs_clarification"
              ? "Say what to explain again, so the next answer lands."
              : undefined
        }
        required={verdict === "disagree" || verdict === "needs_clarification"}
        rows={2}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={submission.fieldError("note")}
      />
      <FormError submission={submission} />
      <SubmitButton submission={submission} busyText="Saving…">
        Save the read-back
      </SubmitButton>
    </form>
  );
}
