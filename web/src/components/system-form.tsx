// Creating and editing a system: purpose and outcome in business terms first, technical detail after.
import { useState, type FormEvent, type ReactNode } from "react";
import type { Person, Stage, System, UsersReached } from "../../../src/contract/index.js";
import { api } from "../api/endpoints.js";
import { STAGE_LABEL, STAGES, USERS_REACHED_LABEL } from "../lib/labels.js";
import { useResource } from "../lib/use-resource.js";
import { SelectField, TextArea, TextField } from "./fields.js";
import { FormError, SubmitButton, useSubmission } from "./form.js";

export interface SystemDraft {
  key: string;
  name: string;
  stage: Stage;
  purpose: string;
  expectedOutcome: string;
  valueAmount: string;
  valueCurrency: string;
  targetDate: string;
  leadershipOwnerId: string;
  engineeringOwnerId: string;
  models: string;
  dataSources: string;
  dependencies: string;
  usersReached: UsersReached;
  scaleNow: string;
  scalePlanned: string;
}

export function draftOf(system: System | null): SystemDraft {
  return {
    key: system?.key ?? "",
    name: system?.name ?? "",
    stage: system?.stage ?? "idea",
    purpose: system?.purpose ?? "",
    expectedOutcome: system?.expectedOutcome ?? "",
    valueAmount: system?.valueEstimate ? String(system.valueEstimate.amount) : "",
    valueCurrency: system?.valueEstimate?.currency ?? "USD",
    targetDate: system?.targetDate ?? "",
    leadershipOwnerId: system?.leadershipOwner?.id ?? "",
    engineeringOwnerId: system?.engineeringOwner?.id ?? "",
    models: system?.models.join("\n") ?? "",
    dataSources: system?.dataSources.join("\n") ?? "",
    dependencies: system?.dependencies.join("\n") ?? "",
    usersReached: system?.usersReached ?? "internal",
    scaleNow: system?.scaleNow ?? "",
    scalePlanned: system?.scalePlanned ?? "",
  };
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);

/** The fields every create and update shares, in the contract's shape. */
export function fieldsOf(d: SystemDraft) {
  return {
    name: d.name,
    purpose: d.purpose,
    expectedOutcome: d.expectedOutcome,
    valueEstimate: d.valueAmount.trim()
      ? { amount: Number(d.valueAmount), currency: d.valueCurrency.trim().toUpperCase() }
      : null,
    targetDate: d.targetDate || null,
    leadershipOwnerId: d.leadershipOwnerId || null,
    engineeringOwnerId: d.engineeringOwnerId || null,
    models: lines(d.models),
    dataSources: lines(d.dataSources),
    dependencies: lines(d.dependencies),
    usersReached: d.usersReached,
    scaleNow: d.scaleNow,
    scalePlanned: d.scalePlanned,
  };
}

function ownerOptions(people: Person[], side: string) {
  return [
    { value: "", label: "No owner yet" },
    ...people.filter((p) => p.side === side && !p.disabled).map((p) => ({ value: p.id, label: p.name })),
  ];
}

export function SystemForm({
  initial,
  creating,
  submitLabel,
  onSubmit,
  cancel,
}: {
  initial: SystemDraft;
  creating: boolean;
  submitLabel: string;
  onSubmit: (draft: SystemDraft) => Promise<void>;
  cancel: ReactNode;
}) {
  const [d, setD] = useState(initial);
  const people = useResource("people", (signal) => api.people(undefined, { signal }));
  const submission = useSubmission();
  const set = <K extends keyof SystemDraft>(key: K, value: SystemDraft[K]) =>
    setD((x) => ({ ...x, [key]: value }));
  const everyone = people.data?.items ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    await submission.run(() => onSubmit(d));
  }

  return (
    <form className="form form-wide" onSubmit={submit}>
      <fieldset className="form-section">
        <legend>In business terms</legend>
        <div className="inline-fields">
          <TextField
            label="Name"
            required
            value={d.name}
            onChange={(e) => set("name", e.target.value)}
            error={submission.fieldError("name")}
          />
          {creating && (
            <TextField
              label="Short key"
              hint="Lowercase letters, digits and dashes, e.g. support-bot. Used in links and the CLI."
              required
              value={d.key}
              onChange={(e) => set("key", e.target.value)}
              error={submission.fieldError("key")}
            />
          )}
        </div>
        <TextArea
          label="What is it for?"
          hint="The business problem it solves, in a sentence or two."
          rows={3}
          value={d.purpose}
          onChange={(e) => set("purpose", e.target.value)}
        />
        <TextArea
          label="Expected outcome"
          hint="What success looks like in numbers leadership tracks, e.g. “cut first-response time from 4 hours to 5 minutes”."
          rows={3}
          value={d.expectedOutcome}
          onChange={(e) => set("expectedOutcome", e.target.value)}
        />
        <div className="inline-fields">
          <TextField
            label="Estimated yearly value"
            type="number"
            min={0}
            inputMode="decimal"
            value={d.valueAmount}
            onChange={(e) => set("valueAmount", e.target.value)}
            error={submission.fieldError("valueEstimate.amount")}
          />
          <TextField
            label="Currency"
            maxLength={3}
            value={d.valueCurrency}
            onChange={(e) => set("valueCurrency", e.target.value)}
            error={submission.fieldError("valueEstimate.currency")}
          />
          <TextField
            label="Target date"
            type="date"
            value={d.targetDate}
            onChange={(e) => set("targetDate", e.target.value)}
          />
          {creating && (
            <SelectField
              label="Stage"
              value={d.stage}
              onChange={(e) => set("stage", e.target.value as Stage)}
              options={STAGES.map((s) => ({ value: s, label: STAGE_LABEL[s] }))}
            />
          )}
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>Owners on both sides</legend>
        <div className="inline-fields">
          <SelectField
            label="Leadership owner"
            value={d.leadershipOwnerId}
            onChange={(e) => set("leadershipOwnerId", e.target.value)}
            options={ownerOptions(everyone, "leadership")}
          />
          <SelectField
            label="Engineering owner"
            value={d.engineeringOwnerId}
            onChange={(e) => set("engineeringOwnerId", e.target.value)}
            options={ownerOptions(everyone, "engineering")}
          />
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>How it is built and used</legend>
        <div className="inline-fields">
          <TextArea
            label="Models and providers"
            hint="One per line."
            rows={3}
            value={d.models}
            onChange={(e) => set("models", e.target.value)}
          />
          <TextArea
            label="Data sources"
            hint="One per line."
            rows={3}
            value={d.dataSources}
            onChange={(e) => set("dataSources", e.target.value)}
          />
          <TextArea
            label="Depends on"
            hint="One per line."
            rows={3}
            value={d.dependencies}
            onChange={(e) => set("dependencies", e.target.value)}
          />
        </div>
        <div className="inline-fields">
          <SelectField
            label="Who uses it"
            value={d.usersReached}
            onChange={(e) => set("usersReached", e.target.value as UsersReached)}
            options={(Object.keys(USERS_REACHED_LABEL) as UsersReached[]).map((u) => ({
              value: u,
              label: USERS_REACHED_LABEL[u],
            }))}
          />
          <TextField label="Scale now" value={d.scaleNow} onChange={(e) => set("scaleNow", e.target.value)} />
          <TextField
            label="Scale planned"
            value={d.scalePlanned}
            onChange={(e) => set("scalePlanned", e.target.value)}
          />
        </div>
      </fieldset>
      <FormError submission={submission} />
      <div className="form-actions">
        <SubmitButton submission={submission}>{submitLabel}</SubmitButton>
        {cancel}
      </div>
    </form>
  );
}
