// Setting a trust limit: leadership's "what would make us stop trusting this", turned into a number
// on a signal. Opened from an answer in a round, the form keeps the link to that answer.
import { useMemo, useState, type FormEvent } from "react";
import type { Signal } from "../../../../src/contract/signals.js";
import { api } from "../../api/endpoints.js";
import { RadioGroup, SelectField, TextField } from "../../components/fields.js";
import { FormError, SubmitButton, useSubmission } from "../../components/form.js";
import { TermHelp } from "../../components/glossary.js";
import { EmptyState, ResourceView } from "../../components/states.js";
import { formatDate } from "../../lib/format.js";
import { Link, navigate, useLocation } from "../../lib/router.js";
import { useLeadershipAnswers, type TrustAnswer } from "../../lib/trust-answers.js";
import { useResource } from "../../lib/use-resource.js";
import { useSystem } from "./context.js";

type Aggregate = "mean" | "sum" | "max" | "min" | "ratio" | "quantile";
const AGGREGATE_LABEL: Record<Aggregate, string> = {
  mean: "average",
  sum: "total",
  max: "highest value",
  min: "lowest value",
  ratio: "share",
  quantile: "percentile",
};

function defaultAggregate(signal: Signal | undefined): Aggregate {
  if (!signal) return "mean";
  if (signal.aggregation === "ratio") return "ratio";
  if (signal.aggregation === "sum") return "sum";
  if (signal.aggregation === "quantile") return "quantile";
  return "mean";
}

function answerLabel(a: TrustAnswer): string {
  const body = a.body.length > 90 ? `${a.body.slice(0, 88)}…` : a.body;
  return `${a.by}, ${a.roundTitle} (${formatDate(a.heldOn)}): “${body}”`;
}

function LimitForm({ signals, answers }: { signals: Signal[]; answers: TrustAnswer[] }) {
  const { base } = useSystem();
  const { search } = useLocation();
  const [signalId, setSignalId] = useState(search.get("signal") ?? signals[0]?.id ?? "");
  const signal = signals.find((s) => s.id === signalId);
  const [comparator, setComparator] = useState<"above" | "below">(
    signal?.direction === "higher_is_better" ? "below" : "above",
  );
  const [aggregate, setAggregate] = useState<Aggregate>(defaultAggregate(signal));
  const [threshold, setThreshold] = useState("");
  const [windowDays, setWindowDays] = useState("7");
  const [quantile, setQuantile] = useState("95");
  const [name, setName] = useState("");
  // Only an answer that is really in this system's rounds; a stale link falls back to none.
  const [answerId, setAnswerId] = useState(() => {
    const wanted = search.get("answer") ?? "";
    return answers.some((a) => a.id === wanted) ? wanted : "";
  });
  const submission = useSubmission();
  const share = aggregate === "ratio";
  const answer = answers.find((a) => a.id === answerId);

  function pickSignal(id: string) {
    setSignalId(id);
    const next = signals.find((s) => s.id === id);
    setAggregate(defaultAggregate(next));
    setComparator(next?.direction === "higher_is_better" ? "below" : "above");
  }

  const preview = useMemo(() => {
    if (!signal || !threshold.trim()) return null;
    const what = aggregate === "quantile" ? `${quantile}th percentile` : AGGREGATE_LABEL[aggregate];
    const unit = share ? "%" : signal.unit ? ` ${signal.unit}` : "";
    return `Trust is lost when the ${windowDays}-day ${what} of ${signal.name} goes ${comparator} ${threshold}${unit}.`;
  }, [signal, threshold, aggregate, quantile, share, windowDays, comparator]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await submission.run(async () => {
      if (!signalId) throw new Error("Choose the signal the limit watches.");
      const value = Number(threshold);
      if (!threshold.trim() || !Number.isFinite(value)) throw new Error("Enter the threshold as a number.");
      await api.createLimit({
        signalId,
        name: name.trim(),
        windowDays: Number(windowDays),
        aggregate,
        quantile: aggregate === "quantile" ? Number(quantile) / 100 : null,
        comparator,
        threshold: share ? value / 100 : value,
        sourceAnswerId: answerId || null,
      });
    });
    if (ok) navigate(`${base}/signals`);
  }

  return (
    <form className="form form-wide" onSubmit={submit}>
      {answers.length > 0 && (
        <SelectField
          label="Based on leadership's answer"
          hint="The answer stays linked to the limit, so everyone can see where the number came from."
          value={answerId}
          onChange={(e) => setAnswerId(e.target.value)}
          options={[
            { value: "", label: "No answer: set it directly" },
            ...answers.map((a) => ({ value: a.id, label: answerLabel(a) })),
          ]}
        />
      )}
      {answer && (
        <blockquote className="source-quote">
          <p>“{answer.body}”</p>
          <footer>
            {answer.by}, answering “{answer.question}” in {answer.roundTitle}
          </footer>
        </blockquote>
      )}
      <SelectField
        label="Signal"
        hint="The production number the limit watches."
        required
        value={signalId}
        onChange={(e) => pickSignal(e.target.value)}
        options={signals.map((s) => ({ value: s.id, label: `${s.name} (${s.kind.replace(/_/g, " ")})` }))}
      />
      <RadioGroup
        legend="Trust is lost when it goes"
        name="comparator"
        layout="row"
        value={comparator}
        onChange={setComparator}
        options={[
          { value: "above", label: "Above the threshold" },
          { value: "below", label: "Below the threshold" },
        ]}
      />
      <div className="inline-fields inline-fields-bottom">
        <TextField
          label={share ? "Threshold (%)" : `Threshold${signal?.unit ? ` (${signal.unit})` : ""}`}
          hint={share ? "e.g. 15 for 15%" : "e.g. 0.85 or 30000"}
          required
          inputMode="decimal"
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
        />
        <TextField
          label="Over how many days"
          type="number"
          min={1}
          max={366}
          required
          value={windowDays}
          onChange={(e) => setWindowDays(e.target.value)}
        />
        <SelectField
          label="Measured as the"
          value={aggregate}
          onChange={(e) => setAggregate(e.target.value as Aggregate)}
          options={(Object.keys(AGGREGATE_LABEL) as Aggregate[]).map((a) => ({
            value: a,
            label: AGGREGATE_LABEL[a],
          }))}
        />
        {aggregate === "quantile" && (
          <TextField
            label="Percentile"
            hint="e.g. 95"
            type="number"
            min={1}
            max={99}
            value={quantile}
            onChange={(e) => setQuantile(e.target.value)}
          />
        )}
      </div>
      <TextField
        label="Name"
        hint="Optional; Parley writes one from the rule."
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      {preview && (
        <p className="notice notice-info" aria-live="polite">
          {preview}
        </p>
      )}
      <FormError submission={submission} />
      <div className="form-actions">
        <SubmitButton submission={submission}>Set the limit</SubmitButton>
        <Link to={`${base}/signals`} className="button button-ghost">
          Cancel
        </Link>
      </div>
    </form>
  );
}

export function NewLimitPage() {
  const { system, base } = useSystem();
  const signals = useResource(`signals:${system.id}`, (signal) => api.signals(system.key, { signal }));
  const answers = useLeadershipAnswers(system);
  return (
    <section aria-labelledby="new-limit-title" className="card card-narrow">
      <p className="breadcrumb-inline">
        <Link to={`${base}/signals`}>Signals</Link>
      </p>
      <h2 id="new-limit-title">
        Set a trust limit <TermHelp id="trust-limit" />
      </h2>
      <p className="muted">
        The point where leadership would stop trusting {system.name}, as a number Parley checks all the time.
        Engineering can help pick the signal and the window.
      </p>
      <ResourceView resource={signals} label="signals">
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title="No signals to set a limit on yet">
              <p>A trust limit watches a production signal. Engineering connects signals first.</p>
            </EmptyState>
          ) : (
            <ResourceView resource={answers} label="leadership's answers">
              {(list) => <LimitForm signals={data.items} answers={list} />}
            </ResourceView>
          )
        }
      </ResourceView>
    </section>
  );
}
