// Setting a risk budget: a cap on what a period may total (spend), or on how many bad days or hours
// it may have (an objective). Either side may set one; the burn-down then shows how it is going.
import { useState, type FormEvent } from "react";
import type { Signal } from "../../../../src/contract/signals.js";
import { api } from "../../api/endpoints.js";
import { RadioGroup, SelectField, TextField } from "../../components/fields.js";
import { FormError, SubmitButton, useSubmission } from "../../components/form.js";
import { TermHelp } from "../../components/glossary.js";
import { EmptyState, ResourceView } from "../../components/states.js";
import { isOpenRisk } from "../../lib/risk-rules.js";
import { Link, navigate } from "../../lib/router.js";
import { useResource } from "../../lib/use-resource.js";
import { useSystem } from "./context.js";

type Kind = "spend" | "objective";

function BudgetForm({ signals, risks }: { signals: Signal[]; risks: Array<{ id: string; title: string }> }) {
  const { base } = useSystem();
  const cost = signals.find((s) => s.kind === "cost");
  const [signalId, setSignalId] = useState(cost?.id ?? signals[0]?.id ?? "");
  const signal = signals.find((s) => s.id === signalId);
  const [kind, setKind] = useState<Kind>(signal?.kind === "cost" ? "spend" : "objective");
  const [name, setName] = useState("");
  const [period, setPeriod] = useState<"calendar_month" | "rolling">("calendar_month");
  const [days, setDays] = useState("30");
  const [amount, setAmount] = useState("");
  const [target, setTarget] = useState("95");
  const [bucket, setBucket] = useState<"day" | "hour">("day");
  const [comparator, setComparator] = useState<"at_least" | "at_most">(
    signal?.direction === "higher_is_worse" ? "at_most" : "at_least",
  );
  const [threshold, setThreshold] = useState("");
  const [riskId, setRiskId] = useState("");
  const submission = useSubmission();
  const share = signal?.aggregation === "ratio";

  function pickSignal(id: string) {
    setSignalId(id);
    const next = signals.find((s) => s.id === id);
    setKind(next?.kind === "cost" ? "spend" : "objective");
    setComparator(next?.direction === "higher_is_worse" ? "at_most" : "at_least");
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await submission.run(async () => {
      const number = (text: string, what: string) => {
        const value = Number(text);
        if (!text.trim() || !Number.isFinite(value)) throw new Error(`Enter ${what} as a number.`);
        return value;
      };
      await api.createBudget({
        signalId,
        name: name.trim(),
        kind,
        period:
          period === "calendar_month" ? { kind: "calendar_month" } : { kind: "rolling", days: Number(days) },
        amount: kind === "spend" ? number(amount, "the amount") : null,
        target: kind === "objective" ? number(target, "the share of good " + bucket + "s") / 100 : null,
        bucket,
        comparator,
        threshold: kind === "objective" ? number(threshold, "the threshold") / (share ? 100 : 1) : null,
        riskId: riskId || null,
      });
    });
    if (ok) navigate(`${base}/signals`);
  }

  return (
    <form className="form form-wide" onSubmit={submit}>
      <TextField
        label="Name"
        hint="How people will call it, e.g. “Monthly model spend”."
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <SelectField
        label="Signal"
        required
        value={signalId}
        onChange={(e) => pickSignal(e.target.value)}
        options={signals.map((s) => ({ value: s.id, label: `${s.name} (${s.kind.replace(/_/g, " ")})` }))}
      />
      <RadioGroup
        legend="What the budget caps"
        name="kind"
        value={kind}
        onChange={setKind}
        options={[
          { value: "spend", label: "The total", hint: "e.g. model spend at most 30,000 USD a month." },
          {
            value: "objective",
            label: "The number of bad days or hours",
            hint: "e.g. 95% of days with a grounding score of at least 0.85.",
          },
        ]}
      />
      <RadioGroup
        legend="Period"
        name="period"
        layout="row"
        value={period}
        onChange={setPeriod}
        options={[
          { value: "calendar_month", label: "Each calendar month" },
          { value: "rolling", label: "A rolling window" },
        ]}
      />
      {period === "rolling" && (
        <TextField
          label="Window in days"
          type="number"
          min={1}
          max={366}
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
      )}
      {kind === "spend" ? (
        <TextField
          label={`Most the period may total${signal?.unit ? ` (${signal.unit})` : ""}`}
          required
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
        />
      ) : (
        <div className="inline-fields">
          <SelectField
            label="One event is a"
            value={bucket}
            onChange={(e) => setBucket(e.target.value as "day" | "hour")}
            options={[
              { value: "day", label: "Day" },
              { value: "hour", label: "Hour" },
            ]}
          />
          <SelectField
            label={`A ${bucket} is good when the value is`}
            value={comparator}
            onChange={(e) => setComparator(e.target.value as "at_least" | "at_most")}
            options={[
              { value: "at_least", label: "At least" },
              { value: "at_most", label: "At most" },
            ]}
          />
          <TextField
            label={share ? "Threshold (%)" : "Threshold"}
            required
            inputMode="decimal"
            value={threshold}
            onChange={(e) => setThreshold(e.target.value)}
          />
          <TextField
            label={`Share of good ${bucket}s (%)`}
            hint="e.g. 95"
            required
            inputMode="decimal"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          />
        </div>
      )}
      {risks.length > 0 && (
        <SelectField
          label="The risk it bounds"
          hint="Optional: the risk on the register this budget keeps in check."
          value={riskId}
          onChange={(e) => setRiskId(e.target.value)}
          options={[{ value: "", label: "None" }, ...risks.map((r) => ({ value: r.id, label: r.title }))]}
        />
      )}
      <FormError submission={submission} />
      <div className="form-actions">
        <SubmitButton submission={submission}>Set the budget</SubmitButton>
        <Link to={`${base}/signals`} className="button button-ghost">
          Cancel
        </Link>
      </div>
    </form>
  );
}

export function NewBudgetPage() {
  const { system, base } = useSystem();
  const signals = useResource(`signals:${system.id}`, (signal) => api.signals(system.key, { signal }));
  const risks = useResource(`risks-all:${system.id}`, (signal) =>
    api.risks({ systemId: system.id, limit: 500 }, { signal }),
  );
  return (
    <section aria-labelledby="new-budget-title" className="card card-narrow">
      <p className="breadcrumb-inline">
        <Link to={`${base}/signals`}>Signals</Link>
      </p>
      <h2 id="new-budget-title">
        Set a budget <TermHelp id="risk-budget" />
      </h2>
      <p className="muted">
        A budget says how much a period may use. Parley tracks the burn rate and forecasts the day it runs
        out.
      </p>
      <ResourceView resource={signals} label="signals">
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title="No signals to budget yet">
              <p>
                A budget watches a production signal, such as model spend. Engineering connects signals first.
              </p>
            </EmptyState>
          ) : (
            <ResourceView resource={risks} label="risks">
              {(page) => (
                <BudgetForm
                  signals={data.items}
                  risks={page.items.filter(isOpenRisk).map((r) => ({ id: r.id, title: r.title }))}
                />
              )}
            </ResourceView>
          )
        }
      </ResourceView>
    </section>
  );
}
