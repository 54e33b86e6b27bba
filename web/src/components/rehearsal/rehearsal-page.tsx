// Recording what a scale rehearsal needs: today's volume and the planned milestones (both sides know
// these), and the capacity limits engineering knows of, each with its unit and where it comes from.
import { useState, type FormEvent } from "react";
import type { CapacityLimit, PlannedScale, RehearsalView } from "../../../../src/contract/rehearsal.js";
import type { Signal } from "../../../../src/contract/signals.js";
import { api } from "../../api/endpoints.js";
import { rehearsalApi } from "../../api/rehearsal.js";
import { SelectField, TextField } from "../fields.js";
import { FormError, SubmitButton, useSubmission } from "../form.js";
import { EmptyState, ResourceView } from "../states.js";
import { Link } from "../../lib/router.js";
import { useResource } from "../../lib/use-resource.js";

type Kind = CapacityLimit["kind"];

export const KIND_LABEL: Record<Kind, string> = {
  requests_per_minute: "Requests per minute (provider rate limit)",
  tokens_per_minute: "Tokens per minute (provider quota)",
  quota_per_day: "Daily quota",
  quota_per_month: "Monthly quota",
  context_window_tokens: "Context window (tokens)",
  latency_budget_ms: "Latency budget (ms)",
  human_review_per_day: "Human review capacity (cases a day)",
  contract_cap_spend_per_month: "Vendor contract cap (spend a month)",
  internal_service_limit: "Internal service limit",
  custom: "Other limit",
};

const num = (s: string): number | null => (s.trim() === "" ? null : Number(s));

interface MilestoneRow {
  label: string;
  multiple: string;
  perDay: string;
  date: string;
}

function PlanForm({
  systemKey,
  plan,
  signals,
  onSaved,
}: {
  systemKey: string;
  plan: PlannedScale | null;
  signals: Signal[];
  onSaved: () => void;
}) {
  const [perDay, setPerDay] = useState(plan?.requestsPerDay?.toString() ?? "");
  const [measuredOn, setMeasuredOn] = useState(plan?.measuredOn ?? "");
  const [retry, setRetry] = useState(plan ? String(Math.round(plan.retryRate * 1000) / 10) : "0");
  const [price, setPrice] = useState(plan?.pricePer1kTokens?.toString() ?? "");
  const [requestsSignal, setRequestsSignal] = useState(plan?.roles.requests ?? "");
  const [tokensSignal, setTokensSignal] = useState(plan?.roles.tokens[0] ?? "");
  const [milestones, setMilestones] = useState<MilestoneRow[]>(
    plan?.milestones.map((m) => ({
      label: m.label,
      multiple: m.multiple?.toString() ?? "",
      perDay: m.requestsPerDay?.toString() ?? "",
      date: m.date,
    })) ?? [{ label: "", multiple: "", perDay: "", date: "" }],
  );
  const submission = useSubmission();
  const [saved, setSaved] = useState(false);
  const edit = (i: number, field: keyof MilestoneRow, value: string) =>
    setMilestones((rows) => rows.map((r, j) => (j === i ? { ...r, [field]: value } : r)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const ok = await submission.run(async () => {
      await rehearsalApi.setPlan(systemKey, {
        requestsPerDay: num(perDay),
        measuredOn: measuredOn || null,
        retryRate: (num(retry) ?? 0) / 100,
        pricePer1kTokens: num(price),
        currency: plan?.currency ?? null,
        users: plan?.users ?? null,
        dataVolume: plan?.dataVolume ?? null,
        rehearsalMaxAgeDays: plan?.rehearsalMaxAgeDays ?? 30,
        roles: {
          ...(plan?.roles ?? {}),
          requests: requestsSignal || null,
          tokens: tokensSignal ? [tokensSignal] : [],
        },
        milestones: milestones
          .filter((m) => m.date || m.multiple || m.perDay)
          .map((m) => ({
            label: m.label,
            multiple: num(m.multiple),
            requestsPerDay: num(m.perDay),
            date: m.date,
          })),
      });
    });
    if (ok) {
      setSaved(true);
      onSaved();
    }
  }
  const signalOptions = [
    { value: "", label: "None (use the figure above)" },
    ...signals.map((s) => ({ value: s.key, label: `${s.name} (${s.key})` })),
  ];
  return (
    <form className="form form-wide" onSubmit={submit} aria-labelledby="plan-title">
      <h2 id="plan-title">Planned scale</h2>
      <div className="inline-fields">
        <TextField
          label="Requests a day today"
          hint="Cases, tickets or documents a day"
          type="number"
          min={0}
          value={perDay}
          onChange={(e) => setPerDay(e.target.value)}
          error={submission.fieldError("requestsPerDay")}
        />
        <TextField
          label="Measured on"
          type="date"
          value={measuredOn}
          onChange={(e) => setMeasuredOn(e.target.value)}
        />
        <TextField
          label="Retry rate today (%)"
          type="number"
          min={0}
          max={100}
          step={0.1}
          value={retry}
          onChange={(e) => setRetry(e.target.value)}
        />
        <TextField
          label="Price per 1,000 tokens"
          hint="Blended; lets spend stand in for a token signal"
          type="number"
          min={0}
          step={0.0001}
          value={price}
          onChange={(e) => setPrice(e.target.value)}
        />
      </div>
      <div className="inline-fields">
        <SelectField
          label="Signal that counts requests"
          value={requestsSignal}
          onChange={(e) => setRequestsSignal(e.target.value)}
          options={signalOptions}
          error={submission.fieldError("roles.requests")}
        />
        <SelectField
          label="Signal that counts tokens"
          value={tokensSignal}
          onChange={(e) => setTokensSignal(e.target.value)}
          options={[{ value: "", label: "None (derive from spend)" }, ...signalOptions.slice(1)]}
        />
      </div>
      <fieldset>
        <legend>Milestones</legend>
        <p className="field-hint">
          A multiple of today (e.g. 10) or the requests a day planned, with a target date.
        </p>
        {milestones.map((m, i) => (
          <div className="inline-fields" key={i}>
            <TextField
              label={`Milestone ${i + 1}: name`}
              value={m.label}
              onChange={(e) => edit(i, "label", e.target.value)}
            />
            <TextField
              label="Multiple of today"
              type="number"
              min={0}
              step={0.1}
              value={m.multiple}
              onChange={(e) => edit(i, "multiple", e.target.value)}
              error={submission.fieldError(`milestones.${i}`)}
            />
            <TextField
              label="Or requests a day"
              type="number"
              min={0}
              value={m.perDay}
              onChange={(e) => edit(i, "perDay", e.target.value)}
            />
            <TextField
              label="Target date"
              type="date"
              value={m.date}
              onChange={(e) => edit(i, "date", e.target.value)}
            />
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => setMilestones((rows) => rows.filter((_, j) => j !== i))}
            >
              Remove milestone {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() =>
            setMilestones((rows) => [...rows, { label: "", multiple: "", perDay: "", date: "" }])
          }
        >
          Add a milestone
        </button>
      </fieldset>
      <FormError submission={submission} />
      <div className="form-actions">
        <SubmitButton submission={submission}>Save the plan</SubmitButton>
        {saved && <span role="status">Saved.</span>}
      </div>
    </form>
  );
}

function LimitForm({ systemKey, onSaved }: { systemKey: string; onSaved: () => void }) {
  const [kind, setKind] = useState<Kind>("tokens_per_minute");
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const [unit, setUnit] = useState("");
  const [source, setSource] = useState("");
  const [peak, setPeak] = useState("");
  const [measure, setMeasure] = useState("");
  const [window, setWindow] = useState("");
  const [usage, setUsage] = useState("");
  const submission = useSubmission();
  const needsMeasure =
    kind === "quota_per_day" ||
    kind === "quota_per_month" ||
    kind === "internal_service_limit" ||
    kind === "custom";
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await submission.run(async () => {
      const v = num(value);
      if (v === null || !Number.isFinite(v)) throw new Error("Enter the limit as a number.");
      await rehearsalApi.addLimit(systemKey, {
        name: name.trim() || KIND_LABEL[kind],
        kind,
        value: v,
        unit,
        source,
        peakFactor: num(peak),
        quantile: kind === "latency_budget_ms" ? 0.95 : null,
        measure: needsMeasure && measure ? (measure as "requests") : null,
        window: needsMeasure && window ? (window as "day") : null,
        currentUsage: num(usage),
      });
    });
    if (ok) {
      setName("");
      setValue("");
      setSource("");
      onSaved();
    }
  }
  return (
    <form className="form form-wide" onSubmit={submit} aria-labelledby="limit-title">
      <h3 id="limit-title">Record a capacity limit</h3>
      <div className="inline-fields">
        <SelectField
          label="Kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as Kind)}
          options={Object.entries(KIND_LABEL).map(([v, label]) => ({ value: v, label }))}
        />
        <TextField
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={KIND_LABEL[kind]}
        />
        <TextField
          label="Limit"
          required
          type="number"
          min={0}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={submission.fieldError("value")}
        />
        <TextField
          label="Unit"
          value={unit}
          onChange={(e) => setUnit(e.target.value)}
          placeholder="tokens/min"
        />
      </div>
      <div className="inline-fields">
        <TextField
          label="Source"
          hint="Where the figure comes from, with a date"
          value={source}
          onChange={(e) => setSource(e.target.value)}
        />
        <TextField
          label="Peak-to-average factor"
          hint="Busiest minute over the average one"
          type="number"
          min={1}
          step={0.1}
          value={peak}
          onChange={(e) => setPeak(e.target.value)}
          error={submission.fieldError("peakFactor")}
        />
      </div>
      {needsMeasure && (
        <div className="inline-fields">
          <SelectField
            label="What it counts"
            value={measure}
            onChange={(e) => setMeasure(e.target.value)}
            error={submission.fieldError("measure")}
            options={[
              { value: "", label: "Choose" },
              { value: "requests", label: "Requests" },
              { value: "tokens", label: "Tokens" },
              { value: "spend", label: "Spend" },
              { value: "human_cases", label: "Cases for a person" },
            ]}
          />
          <SelectField
            label="Per"
            value={window}
            onChange={(e) => setWindow(e.target.value)}
            error={submission.fieldError("window")}
            options={[
              { value: "", label: "Choose" },
              { value: "minute", label: "Minute" },
              { value: "day", label: "Day" },
              { value: "month", label: "Month" },
            ]}
          />
          <TextField
            label="Or today's use"
            type="number"
            min={0}
            value={usage}
            onChange={(e) => setUsage(e.target.value)}
            error={submission.fieldError("currentUsage")}
          />
        </div>
      )}
      <FormError submission={submission} />
      <div className="form-actions">
        <SubmitButton submission={submission}>Add the limit</SubmitButton>
      </div>
    </form>
  );
}

function LimitList({ limits, onChanged }: { limits: CapacityLimit[]; onChanged: () => void }) {
  const submission = useSubmission();
  if (limits.length === 0)
    return (
      <EmptyState title="No capacity limits recorded yet">
        Add the provider's rate limits and quotas, latency budgets and how many cases people can check a day.
      </EmptyState>
    );
  return (
    <>
      <FormError submission={submission} />
      <ul className="plain-list">
        {limits.map((l) => (
          <li key={l.id}>
            <strong>{l.name}</strong>: {l.value.toLocaleString("en-US")} {l.unit}{" "}
            <span className="muted">
              · {KIND_LABEL[l.kind]}
              {l.source ? ` · ${l.source}` : ""}
            </span>{" "}
            <button
              type="button"
              className="button button-ghost button-small"
              disabled={submission.busy}
              onClick={() =>
                void submission.run(async () => {
                  await rehearsalApi.removeLimit(l.id);
                  onChanged();
                })
              }
            >
              Remove {l.name}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

export function RehearsalSetupPage({ systemKey, base }: { systemKey: string; base: string }) {
  const data = useResource(`rehearsal-setup:${systemKey}`, async (signal) => {
    const [view, signals] = await Promise.all([
      rehearsalApi.view(systemKey, { signal }),
      api.signals(systemKey, { signal }),
    ]);
    return { view, signals: signals.items } as { view: RehearsalView; signals: Signal[] };
  });
  return (
    <div className="stack">
      <p>
        <Link to={base}>Back to the overview and “What breaks first”</Link>
      </p>
      <ResourceView resource={data} label="the plan">
        {({ view, signals }) => (
          <>
            <section className="card">
              <PlanForm systemKey={systemKey} plan={view.plan} signals={signals} onSaved={data.reload} />
            </section>
            <section className="card" aria-labelledby="limits-title">
              <h2 id="limits-title">Capacity limits</h2>
              <LimitList limits={view.limits} onChanged={data.reload} />
              <LimitForm systemKey={systemKey} onSaved={data.reload} />
            </section>
          </>
        )}
      </ResourceView>
    </div>
  );
}
