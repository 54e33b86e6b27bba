// Quiet-failure findings: slow creep or a step change that nobody set a limit for. Both sides see
// them and say what they are: expected, being investigated, or resolved.
import { useState, type FormEvent } from "react";
import type { Finding } from "../../../../src/contract/limits.js";
import { api } from "../../api/endpoints.js";
import { formatDate, formatDateTime } from "../../lib/format.js";
import { Chip, SideBadge, type Tone } from "../chips.js";
import { SelectField, TextField } from "../fields.js";
import { FormError, SubmitButton, useSubmission } from "../form.js";

type Triage = "expected" | "investigating" | "resolved";

const STATUS: Record<Finding["status"], { label: string; tone: Tone; icon: string }> = {
  open: { label: "Needs a look", tone: "warn", icon: "●" },
  expected: { label: "Expected", tone: "neutral", icon: "✓" },
  investigating: { label: "Investigating", tone: "info", icon: "◐" },
  resolved: { label: "Resolved", tone: "ok", icon: "✓" },
};

function TriageForm({ finding, onSaved }: { finding: Finding; onSaved: (f: Finding) => void }) {
  const [status, setStatus] = useState<Triage>(finding.status === "open" ? "investigating" : finding.status);
  const [note, setNote] = useState(finding.note);
  const submission = useSubmission();
  async function submit(event: FormEvent) {
    event.preventDefault();
    await submission.run(async () => onSaved(await api.triageFinding(finding.id, { status, note })));
  }
  return (
    <form className="triage-form" onSubmit={submit} aria-label={`Triage: ${finding.summary}`}>
      <SelectField
        label={
          <>
            What is it?<span className="visually-hidden"> ({finding.signal.name})</span>
          </>
        }
        value={status}
        onChange={(e) => setStatus(e.target.value as Triage)}
        options={[
          { value: "expected", label: "Expected (we know why)" },
          { value: "investigating", label: "Investigating" },
          { value: "resolved", label: "Resolved" },
        ]}
      />
      <TextField
        label={
          <>
            Note<span className="visually-hidden"> on {finding.signal.name}</span>
          </>
        }
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <SubmitButton submission={submission} className="button button-secondary">
        Save
      </SubmitButton>
      <FormError submission={submission} />
    </form>
  );
}

function FindingCard({ initial }: { initial: Finding }) {
  const [finding, setFinding] = useState(initial);
  const status = STATUS[finding.status];
  return (
    <li className={`finding${finding.status === "open" ? " finding-open" : ""}`}>
      <div className="finding-head">
        <p className="finding-summary">{finding.summary}</p>
        <div className="chip-row">
          <Chip tone={status.tone} icon={status.icon}>
            {status.label}
          </Chip>
          {finding.worse === true && (
            <Chip tone="warn" icon="↘">
              Getting worse
            </Chip>
          )}
          {finding.worse === false && (
            <Chip tone="ok" icon="↗">
              Improving
            </Chip>
          )}
        </div>
      </div>
      <p className="small muted">
        {finding.signal.name} · {finding.confidenceLabel} confidence · since {formatDate(finding.since)} ·
        found {formatDateTime(finding.detectedAt)} ·{" "}
        <a href={`#signal-${finding.signal.id}`}>
          See it on the chart<span className="visually-hidden"> of {finding.signal.name}</span>
        </a>
      </p>
      {finding.triagedBy && (
        <p className="small">
          <SideBadge side={finding.triagedBy.side}>{finding.triagedBy.name}</SideBadge>{" "}
          {finding.note || "No note."}
        </p>
      )}
      {finding.status === "open" ? (
        <TriageForm finding={finding} onSaved={setFinding} />
      ) : (
        <details className="disclosure disclosure-small">
          <summary>
            Change the triage<span className="visually-hidden"> of “{finding.summary}”</span>
          </summary>
          <TriageForm finding={finding} onSaved={setFinding} />
        </details>
      )}
    </li>
  );
}

export function FindingList({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) {
    return (
      <p className="muted">
        Nothing is creeping: no slow trend or sudden shift found in this system's signals.
      </p>
    );
  }
  const order = { open: 0, investigating: 1, expected: 2, resolved: 3 };
  const sorted = [...findings].sort((a, b) => order[a.status] - order[b.status]);
  return (
    <ul className="findings">
      {sorted.map((f) => (
        <FindingCard key={f.id} initial={f} />
      ))}
    </ul>
  );
}
