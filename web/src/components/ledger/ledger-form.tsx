// Recording invisible work: what happened, what it was probably worth (a range, in one currency),
// how that was estimated, and a link that shows it. Also used to correct an entry.
import { useState, type FormEvent } from "react";
import type { LedgerEntry, LedgerKind } from "../../../../src/contract/ledger.js";
import { api } from "../../api/endpoints.js";
import { todayIso } from "../../lib/format.js";
import { LEDGER_KIND_HINT, LEDGER_KIND_LABEL, LEDGER_KINDS } from "../../lib/labels.js";
import { useResource } from "../../lib/use-resource.js";
import { SelectField, TextArea, TextField } from "../fields.js";
import { FormError, SubmitButton, useSubmission } from "../form.js";

export interface SystemChoice {
  id: string;
  key: string;
  name: string;
}

function SafeguardSelect({
  systemId,
  value,
  onChange,
  error,
}: {
  systemId: string;
  value: string;
  onChange: (id: string) => void;
  error: string | undefined;
}) {
  const safeguards = useResource(systemId ? `safeguards:${systemId}` : null, (signal) =>
    api.safeguards({ systemId, limit: 500 }, { signal }),
  );
  return (
    <SelectField
      label="The safeguard that did it"
      hint={
        safeguards.status === "error" ? "The safeguards could not be loaded; leave this empty." : "Optional."
      }
      value={value}
      error={error}
      disabled={!systemId || safeguards.status === "loading"}
      onChange={(e) => onChange(e.target.value)}
      options={[
        { value: "", label: safeguards.status === "loading" && systemId ? "Loading…" : "None named" },
        ...(safeguards.data?.items ?? []).map((s) => ({ value: s.id, label: s.name })),
      ]}
    />
  );
}

export function LedgerForm({
  systems,
  fixedSystem,
  initial,
  defaultCurrency = "USD",
  submitLabel = "Record it",
  onSaved,
}: {
  /** Systems to choose from; omitted when the form belongs to one system. */
  systems?: SystemChoice[];
  fixedSystem?: SystemChoice;
  /** An entry to correct; the form then saves with its version. */
  initial?: LedgerEntry;
  defaultCurrency?: string;
  submitLabel?: string;
  onSaved: (entry: LedgerEntry) => void;
}) {
  const [systemId, setSystemId] = useState(initial?.system.id ?? fixedSystem?.id ?? "");
  const [occurredOn, setOccurredOn] = useState(initial?.occurredOn ?? todayIso());
  const [kind, setKind] = useState<LedgerKind>(initial?.kind ?? "caught");
  const [summary, setSummary] = useState(initial?.summary ?? "");
  const [safeguardId, setSafeguardId] = useState(initial?.safeguard?.id ?? "");
  const [low, setLow] = useState(initial?.value ? String(initial.value.low) : "");
  const [high, setHigh] = useState(initial?.value ? String(initial.value.high) : "");
  const [currency, setCurrency] = useState(initial?.value?.currency ?? defaultCurrency);
  const [basis, setBasis] = useState(initial?.estimateBasis ?? "");
  const [evidence, setEvidence] = useState(initial?.evidenceUrl ?? "");
  const [saved, setSaved] = useState<string | null>(null);
  const submission = useSubmission();
  const valued = low.trim() !== "" || high.trim() !== "";

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const result: { entry?: LedgerEntry } = {};
    const ok = await submission.run(async () => {
      const system = fixedSystem ?? systems?.find((s) => s.id === systemId);
      if (!system && !initial) throw new Error("Choose the system this happened in.");
      const lowValue = low.trim() ? Number(low) : Number(high);
      const highValue = high.trim() ? Number(high) : lowValue;
      if (valued && (!Number.isFinite(lowValue) || !Number.isFinite(highValue)))
        throw new Error("Enter the value range as numbers, e.g. 2000 and 9000.");
      const fields = {
        occurredOn,
        kind,
        summary,
        safeguardId: safeguardId || null,
        value: valued ? { low: lowValue, high: highValue, currency: currency.trim().toUpperCase() } : null,
        estimateBasis: basis,
        evidenceUrl: evidence.trim() || null,
      };
      if (initial)
        result.entry = await api.updateLedgerEntry(initial.id, { ...fields, version: initial.version });
      else if (system && systems)
        result.entry = await api.createLedgerEntry({ ...fields, system: system.id });
      else if (system) result.entry = await api.createSystemLedgerEntry(system.key, fields);
    });
    const done = result.entry;
    if (ok && done) {
      onSaved(done);
      if (!initial) {
        setSummary("");
        setLow("");
        setHigh("");
        setBasis("");
        setEvidence("");
        setSafeguardId("");
        setSaved(`Recorded: “${done.summary}”.`);
      }
    }
  }

  return (
    <form className="form form-wide ledger-form" onSubmit={submit}>
      {systems && !initial && (
        <SelectField
          label="System"
          required
          value={systemId}
          onChange={(e) => {
            setSystemId(e.target.value);
            setSafeguardId("");
          }}
          options={[
            { value: "", label: "Choose a system" },
            ...systems.map((s) => ({ value: s.id, label: s.name })),
          ]}
        />
      )}
      <div className="inline-fields">
        <SelectField
          label="What kind of work"
          hint={LEDGER_KIND_HINT[kind]}
          value={kind}
          onChange={(e) => setKind(e.target.value as LedgerKind)}
          options={LEDGER_KINDS.map((k) => ({ value: k, label: LEDGER_KIND_LABEL[k] }))}
        />
        <TextField
          label="When it happened"
          type="date"
          required
          max={todayIso()}
          value={occurredOn}
          error={submission.fieldError("occurredOn")}
          onChange={(e) => setOccurredOn(e.target.value)}
        />
        <SafeguardSelect
          systemId={systemId}
          value={safeguardId}
          onChange={setSafeguardId}
          error={submission.fieldError("safeguardId")}
        />
      </div>
      <TextArea
        label="What happened"
        hint="In plain words, e.g. “Blocked 1,204 prompts carrying personal data this week”."
        required
        rows={2}
        value={summary}
        error={submission.fieldError("summary")}
        onChange={(e) => setSummary(e.target.value)}
      />
      <fieldset className="fieldset-plain">
        <legend className="field-label">Estimated value avoided (optional)</legend>
        <p className="field-hint">A range is honest: the least and the most it was probably worth.</p>
        <div className="inline-fields inline-fields-tight">
          <TextField
            label="At least"
            inputMode="decimal"
            value={low}
            error={submission.fieldError("value.low")}
            onChange={(e) => setLow(e.target.value)}
          />
          <TextField
            label="At most"
            inputMode="decimal"
            value={high}
            error={submission.fieldError("value.high")}
            onChange={(e) => setHigh(e.target.value)}
          />
          <TextField
            label="Currency"
            hint="e.g. USD"
            maxLength={3}
            value={currency}
            error={submission.fieldError("value.currency")}
            onChange={(e) => setCurrency(e.target.value.toUpperCase())}
          />
        </div>
        <TextArea
          label={
            <>
              How it was estimated
              {valued && <span className="field-required"> (required with a value)</span>}
            </>
          }
          hint="e.g. “37 replies × 55–240 USD average refund, from last quarter's refund data”."
          rows={2}
          value={basis}
          error={submission.fieldError("estimateBasis")}
          onChange={(e) => setBasis(e.target.value)}
        />
      </fieldset>
      <TextField
        label="Evidence link"
        hint="Optional: a dashboard, ticket or log that shows it (https://…)."
        type="url"
        value={evidence}
        error={submission.fieldError("evidenceUrl")}
        onChange={(e) => setEvidence(e.target.value)}
      />
      <FormError submission={submission} />
      {saved && (
        <p className="notice notice-ok" role="status">
          {saved}
        </p>
      )}
      <SubmitButton submission={submission}>{submitLabel}</SubmitButton>
    </form>
  );
}
