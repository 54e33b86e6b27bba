// "What breaks first": the scale rehearsal on a system's page. The first limit to break in plain
// words with its range, a chart of every limit's use as load grows, how it was projected, and a
// what-if form whose changes reach the server (the one source of truth) after a short pause.
import { useEffect, useId, useMemo, useState } from "react";
import type { RehearsalResult, WhatIfInput } from "../../../../src/contract/rehearsal.js";
import type { z } from "zod";
import { errorMessage } from "../../api/client.js";
import { rehearsalApi } from "../../api/rehearsal.js";
import { formatDateTime } from "../../lib/format.js";
import { Link } from "../../lib/router.js";
import { useResource } from "../../lib/use-resource.js";
import { EmptyState, ErrorNotice, Loading } from "../states.js";
import { colorOf, UtilisationChart } from "./utilisation-chart.js";

type WhatIf = z.input<typeof WhatIfInput>;

interface Knobs {
  scale: string;
  priceMultiplier: string;
  retryRate: string;
  humanShare: string;
}

const EMPTY: Knobs = { scale: "", priceMultiplier: "1", retryRate: "", humanShare: "" };
const DEBOUNCE_MS = 250;
/** The overview grid above has no bottom gap of its own. */
const SPACING = { marginTop: "1.5rem" } as const;

const OUTCOME: Record<RehearsalResult["limits"][number]["outcome"], string> = {
  already_broken: "Already over the limit",
  breaks_before_plan: "Breaks before the planned scale",
  breaks_after_plan: "Breaks after the planned scale",
  holds: "Holds",
  not_load_driven: "Does not grow with load",
  no_data: "Cannot be projected yet",
};

function multiple(x: number): string {
  if (x >= 1000) return "more than 1,000x";
  return `${x >= 10 ? Math.round(x) : (Math.round(x * 10) / 10).toFixed(1)}x`;
}

function breakText(l: RehearsalResult["limits"][number]): string {
  if (!l.breakAt) return "—";
  const [lo, c, hi] = [multiple(l.breakAt.low), multiple(l.breakAt.central), multiple(l.breakAt.high)];
  return lo === hi ? c : `${c} (${lo}–${hi})`;
}

function percent(share: number): string {
  return `${share >= 0.1 ? Math.round(share * 100) : Number((share * 100).toPrecision(2))}%`;
}

/** The form's strings as a what-if, or the field that is wrong. */
function toWhatIf(k: Knobs): { whatIf: WhatIf } | { field: keyof Knobs; message: string } {
  const num = (s: string) => (s.trim() === "" ? null : Number(s));
  const scale = num(k.scale);
  if (scale !== null && !(scale > 0 && scale <= 1000))
    return { field: "scale", message: "Enter a multiple above 0 and at most 1,000, e.g. 10." };
  const price = num(k.priceMultiplier) ?? 1;
  if (!(price > 0 && price <= 100))
    return { field: "priceMultiplier", message: "Enter a multiplier above 0, e.g. 0.5 for half the price." };
  const retry = num(k.retryRate);
  if (retry !== null && !(retry >= 0 && retry <= 100))
    return { field: "retryRate", message: "Enter a share between 0 and 100%." };
  const human = num(k.humanShare);
  if (human !== null && !(human >= 0 && human <= 100))
    return { field: "humanShare", message: "Enter a share between 0 and 100%." };
  return {
    whatIf: {
      scale,
      costMultiplier: price,
      retryRate: retry === null ? null : retry / 100,
      humanShare: human === null ? null : human / 100,
    },
  };
}

type Projection =
  | { status: "loading"; result: RehearsalResult | null }
  | { status: "ready"; result: RehearsalResult }
  | { status: "error"; result: RehearsalResult | null; error: unknown };

function useProjection(systemKey: string, whatIf: WhatIf | null, version: number): Projection {
  const [state, setState] = useState<Projection>({ status: "loading", result: null });
  const key = JSON.stringify(whatIf);
  useEffect(() => {
    if (whatIf === null) return;
    const controller = new AbortController();
    setState((s) => ({ status: "loading", result: s.result }));
    const timer = setTimeout(() => {
      rehearsalApi
        .whatIf(systemKey, whatIf, { signal: controller.signal })
        .then((result) => setState({ status: "ready", result }))
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          setState((s) => ({ status: "error", result: s.result, error }));
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // The key stands for whatIf; version re-runs after a save.
  }, [systemKey, key, version]);
  return state;
}

function Knob({
  label,
  hint,
  value,
  error,
  onChange,
  min,
  max,
  step,
  placeholder,
}: {
  label: string;
  hint: string;
  value: string;
  error: string | undefined;
  onChange: (v: string) => void;
  min: number;
  max: number;
  step: number;
  placeholder: string;
}) {
  const id = useId();
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <p id={`${id}-hint`} className="field-hint">
        {hint}
      </p>
      <input
        id={id}
        className="input"
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={value}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

function LimitsTable({ result }: { result: RehearsalResult }) {
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption>Each limit at today's load and where it breaks (a multiple of today's volume)</caption>
        <thead>
          <tr>
            <th scope="col">Limit</th>
            <th scope="col">Used today</th>
            <th scope="col">Breaks at</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {result.limits.map((l, i) => (
            <tr key={`${l.kind}-${l.name}`}>
              <th scope="row">
                <span className="swatch" aria-hidden="true" style={{ color: colorOf(i) }}>
                  ●
                </span>{" "}
                {l.name}
                <span className="muted">
                  {" "}
                  · {l.value.toLocaleString("en-US")} {l.unit}
                </span>
              </th>
              <td>{l.utilisationToday ? percent(l.utilisationToday.central) : "—"}</td>
              <td>{breakText(l)}</td>
              <td>{OUTCOME[l.outcome]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function WhatBreaksFirst({ systemKey, base }: { systemKey: string; base: string }) {
  const view = useResource(`rehearsal:${systemKey}`, (signal) => rehearsalApi.view(systemKey, { signal }));
  const [knobs, setKnobs] = useState<Knobs>(EMPTY);
  const [version, setVersion] = useState(0);
  const [saving, setSaving] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: undefined });
  const parsed = useMemo(() => toWhatIf(knobs), [knobs]);
  const hasSetup = view.data ? view.data.plan !== null || view.data.limits.length > 0 : false;
  const whatIf = "whatIf" in parsed && hasSetup ? parsed.whatIf : null;
  const projection = useProjection(systemKey, whatIf, version);
  const set = (field: keyof Knobs) => (value: string) => setKnobs((k) => ({ ...k, [field]: value }));
  const fieldError = (field: keyof Knobs) =>
    "field" in parsed && parsed.field === field ? parsed.message : undefined;

  if (view.status === "loading")
    return (
      <section className="card rehearsal-card" aria-labelledby="breaks-title" style={SPACING}>
        <h2 id="breaks-title">What breaks first</h2>
        <Loading label="Loading the scale rehearsal" />
      </section>
    );
  if (view.status === "error" && !view.data)
    return (
      <section className="card rehearsal-card" aria-labelledby="breaks-title" style={SPACING}>
        <h2 id="breaks-title">What breaks first</h2>
        <ErrorNotice error={view.error} onRetry={view.reload} />
      </section>
    );
  if (!hasSetup)
    return (
      <section className="card rehearsal-card" aria-labelledby="breaks-title" style={SPACING}>
        <h2 id="breaks-title">What breaks first</h2>
        <EmptyState
          title="No scale rehearsal yet"
          action={
            <Link to={`${base}/rehearsal`} className="button button-secondary">
              Record the planned scale and limits
            </Link>
          }
        >
          <p>
            Record today's volume, where it is meant to go and the limits engineering knows of (rate limits,
            quotas, review capacity). Parley then projects which one runs out first as usage grows.
          </p>
        </EmptyState>
      </section>
    );

  const result = projection.result;
  const latest = view.data?.latest ?? null;
  async function save() {
    if (!whatIf) return;
    setSaving({ busy: true, error: undefined });
    try {
      await rehearsalApi.save(systemKey, whatIf);
      setSaving({ busy: false, error: undefined });
      view.reload();
      setVersion((v) => v + 1);
    } catch (error) {
      setSaving({ busy: false, error });
    }
  }

  return (
    <section className="card rehearsal-card" aria-labelledby="breaks-title" style={SPACING}>
      <div className="card-head">
        <h2 id="breaks-title">What breaks first</h2>
        <Link to={`${base}/rehearsal`} className="button button-ghost button-small">
          Plan and limits
        </Link>
      </div>
      <div aria-live="polite" aria-busy={projection.status === "loading"}>
        {!result && projection.status === "loading" && <Loading label="Projecting" />}
        {projection.status === "error" && (
          <ErrorNotice error={projection.error} title="The projection failed" />
        )}
        {result && (
          <>
            <p className="lead-text" data-testid="first-break">
              <strong>{result.leadership[0]}</strong>
            </p>
            {result.leadership.slice(1).map((line) => (
              <p key={line} className="muted">
                {line}
              </p>
            ))}
          </>
        )}
      </div>
      {result && (
        <>
          <figure className="rehearsal-figure">
            <UtilisationChart result={result} />
            <figcaption className="muted">
              Share of each limit used as load grows. The dashed red line is 100%; dotted lines are the
              planned milestones; shaded bands show the range.
            </figcaption>
          </figure>
          <LimitsTable result={result} />
        </>
      )}
      <form className="form rehearsal-what-if" onSubmit={(e) => e.preventDefault()} aria-label="What if">
        <fieldset>
          <legend>What if…</legend>
          <p className="field-hint">
            The projection follows every change.
            {projection.status === "loading" && result ? " Updating…" : ""}
          </p>
          <div className="inline-fields">
            <Knob
              label="Scale (× today)"
              hint={`Default: the plan${result?.scale && !knobs.scale ? ` (${multiple(result.scale.multiple)})` : ""}`}
              value={knobs.scale}
              error={fieldError("scale")}
              onChange={set("scale")}
              min={0.1}
              max={1000}
              step={0.5}
              placeholder="plan"
            />
            <Knob
              label="Price multiplier (×)"
              hint="0.5 = a model at half the price"
              value={knobs.priceMultiplier}
              error={fieldError("priceMultiplier")}
              onChange={set("priceMultiplier")}
              min={0.01}
              max={100}
              step={0.1}
              placeholder="1"
            />
            <Knob
              label="Retry rate (%)"
              hint={`Calls that are retries (today ${result ? percent(result.assumptions.baseRetryRate) : "—"})`}
              value={knobs.retryRate}
              error={fieldError("retryRate")}
              onChange={set("retryRate")}
              min={0}
              max={100}
              step={1}
              placeholder="today"
            />
            <Knob
              label="Sent to a person (%)"
              hint="Share of cases a person handles"
              value={knobs.humanShare}
              error={fieldError("humanShare")}
              onChange={set("humanShare")}
              min={0}
              max={100}
              step={1}
              placeholder="today"
            />
          </div>
          <div className="form-actions">
            <button type="button" className="button button-secondary" onClick={() => setKnobs(EMPTY)}>
              Back to the plan
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => void save()}
              disabled={saving.busy || !whatIf}
              aria-busy={saving.busy}
            >
              {saving.busy ? "Saving…" : "Save this rehearsal"}
            </button>
          </div>
          {saving.error !== undefined && (
            <p className="form-error" role="alert">
              <strong>Not saved.</strong> {errorMessage(saving.error)}
            </p>
          )}
          <p className="muted" data-testid="latest-rehearsal">
            {latest
              ? `Last saved ${formatDateTime(latest.createdAt)}${latest.createdBy ? ` by ${latest.createdBy.name}` : ""}: ${latest.result.leadership[0] ?? ""}`
              : "No rehearsal saved yet: briefs and the readiness gate use the saved one."}
          </p>
        </fieldset>
      </form>
      {result && (
        <details className="disclosure">
          <summary>How this was projected (engineering)</summary>
          <ul className="plain-list rehearsal-method">
            {result.engineering.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
