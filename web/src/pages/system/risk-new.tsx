// Proposing a risk: the engineering view and the leadership view side by side, so the person writing
// it thinks in both languages at once.
import { useState, type FormEvent } from "react";
import type {
  GrowthDriver,
  GrowthVisibility,
  ImpactArea,
  RiskClass,
} from "../../../../src/contract/index.js";
import { api } from "../../api/endpoints.js";
import { CheckboxGroup, RadioGroup, SelectField, TextArea, TextField } from "../../components/fields.js";
import { FormError, SubmitButton, useSubmission } from "../../components/form.js";
import { TermHelp } from "../../components/glossary.js";
import {
  GROWTH_DRIVER_LABEL,
  GROWTH_DRIVERS,
  GROWTH_LABEL,
  GROWTH_VISIBILITIES,
  IMPACT_AREA_LABEL,
  IMPACT_AREAS,
  RISK_CLASS_LABEL,
  RISK_CLASSES,
  SCORE_LABEL,
  SCORES,
} from "../../lib/labels.js";
import { Link, navigate, useLocation } from "../../lib/router.js";
import { useSystem } from "./context.js";

type ScoreText = "1" | "2" | "3" | "4" | "5";
const scoreOptions = SCORES.map((s) => ({
  value: String(s) as ScoreText,
  label: `${s} · ${SCORE_LABEL[s]}`,
}));

export function NewRiskPage() {
  const { system, base } = useSystem();
  const sourceAnswerId = useLocation().search.get("answer");
  const [title, setTitle] = useState("");
  const [riskClass, setRiskClass] = useState<RiskClass>("quality");
  const [failureMode, setFailureMode] = useState("");
  const [triggers, setTriggers] = useState("");
  const [dependencies, setDependencies] = useState("");
  const [businessImpact, setBusinessImpact] = useState("");
  const [areas, setAreas] = useState<ImpactArea[]>([]);
  const [growth, setGrowth] = useState<GrowthVisibility>("loud");
  const [drivers, setDrivers] = useState<GrowthDriver[]>([]);
  const [likelihood, setLikelihood] = useState<ScoreText>("3");
  const [impact, setImpact] = useState<ScoreText>("3");
  const [costLow, setCostLow] = useState("");
  const [costHigh, setCostHigh] = useState("");
  const [currency, setCurrency] = useState(system.valueEstimate?.currency ?? "USD");
  const [signals, setSignals] = useState("");
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await submission.run(async () => {
      const low = costLow.trim() ? Number(costLow) : null;
      const high = costHigh.trim() ? Number(costHigh) : low;
      const risk = await api.createRisk(system.key, {
        title,
        class: riskClass,
        failureMode,
        triggers,
        dependencies,
        businessImpact,
        impactAreas: areas,
        growth,
        growthDrivers: drivers,
        likelihood: Number(likelihood),
        impact: Number(impact),
        costOfFailure:
          low !== null && high !== null ? { low, high, currency: currency.trim().toUpperCase() } : null,
        revealingSignals: signals
          .split("\n")
          .map((s) => s.trim())
          .filter(Boolean),
        sourceAnswerId,
      });
      navigate(`${base}/risks/${encodeURIComponent(risk.id)}`);
    });
  }

  return (
    <section aria-labelledby="new-risk-title" className="card">
      <h2 id="new-risk-title">Propose a risk</h2>
      <p className="muted">
        Describe it twice: how it fails, and what it would do to outcomes. Leadership decides what happens
        next. <TermHelp id="risk" />
      </p>
      {sourceAnswerId && (
        <p className="notice notice-info">
          This risk will be linked to the answer it came out of, so both sides can trace it back to the
          conversation.
        </p>
      )}
      <form className="form form-wide" onSubmit={submit}>
        <div className="inline-fields">
          <TextField
            label="Title"
            hint="A short sentence anyone can read, e.g. “Bot quotes a retired refund policy”."
            required
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            error={submission.fieldError("title")}
          />
          <SelectField
            label="Class"
            value={riskClass}
            onChange={(e) => setRiskClass(e.target.value as RiskClass)}
            options={RISK_CLASSES.map((c) => ({ value: c, label: RISK_CLASS_LABEL[c] }))}
          />
        </div>
        <div className="two-views">
          <fieldset className="view view-engineering">
            <legend className="view-label">Engineering view</legend>
            <TextArea
              label={
                <>
                  Failure mode <TermHelp id="failure-mode" />
                </>
              }
              hint="How exactly does it go wrong?"
              rows={3}
              value={failureMode}
              onChange={(e) => setFailureMode(e.target.value)}
            />
            <TextArea
              label="Triggers and edge cases"
              hint="What sets it off: inputs, load, data changes, outages."
              rows={3}
              value={triggers}
              onChange={(e) => setTriggers(e.target.value)}
            />
            <TextArea
              label="Depends on"
              hint="Vendors, models, data feeds, other teams."
              rows={2}
              value={dependencies}
              onChange={(e) => setDependencies(e.target.value)}
            />
          </fieldset>
          <fieldset className="view view-leadership">
            <legend className="view-label">Leadership view</legend>
            <TextArea
              label="Impact on outcomes"
              hint="What it would do to money, customers, time or reputation."
              rows={3}
              value={businessImpact}
              onChange={(e) => setBusinessImpact(e.target.value)}
            />
            <CheckboxGroup<ImpactArea>
              legend="What it touches"
              values={areas}
              onChange={setAreas}
              options={IMPACT_AREAS.map((a) => ({ value: a, label: IMPACT_AREA_LABEL[a] }))}
            />
            <fieldset className="choice-group">
              <legend className="field-label">
                Cost of one failure <TermHelp id="cost-of-failure" />
              </legend>
              <div className="inline-fields inline-fields-tight">
                <TextField
                  label="From"
                  type="number"
                  min={0}
                  inputMode="decimal"
                  value={costLow}
                  onChange={(e) => setCostLow(e.target.value)}
                />
                <TextField
                  label="To"
                  type="number"
                  min={0}
                  inputMode="decimal"
                  value={costHigh}
                  onChange={(e) => setCostHigh(e.target.value)}
                  error={submission.fieldError("costOfFailure.high")}
                />
                <TextField
                  label="Currency"
                  maxLength={3}
                  value={currency}
                  onChange={(e) => setCurrency(e.target.value)}
                  error={submission.fieldError("costOfFailure.currency")}
                />
              </div>
            </fieldset>
          </fieldset>
        </div>
        <div className="inline-fields">
          <RadioGroup<ScoreText>
            legend="Likelihood"
            name="likelihood"
            value={likelihood}
            onChange={setLikelihood}
            layout="row"
            options={scoreOptions}
          />
          <RadioGroup<ScoreText>
            legend="Impact"
            name="impact"
            value={impact}
            onChange={setImpact}
            layout="row"
            options={scoreOptions}
          />
        </div>
        <div className="inline-fields">
          <RadioGroup<GrowthVisibility>
            legend={
              <>
                How it grows <TermHelp id="quiet-risk" />
              </>
            }
            name="growth"
            value={growth}
            onChange={setGrowth}
            options={GROWTH_VISIBILITIES.map((g) => ({ value: g, label: GROWTH_LABEL[g] }))}
          />
          <CheckboxGroup<GrowthDriver>
            legend="It gets worse…"
            values={drivers}
            onChange={setDrivers}
            layout="stack"
            options={GROWTH_DRIVERS.map((d) => ({ value: d, label: GROWTH_DRIVER_LABEL[d] }))}
          />
        </div>
        <TextArea
          label="Signals that would reveal it"
          hint="One per line, e.g. “share of answers corrected by agents”."
          rows={3}
          value={signals}
          onChange={(e) => setSignals(e.target.value)}
        />
        <FormError submission={submission} />
        <div className="form-actions">
          <SubmitButton submission={submission} busyText="Proposing…">
            Propose the risk
          </SubmitButton>
          <Link to={`${base}/risks`} className="button button-ghost">
            Cancel
          </Link>
        </div>
      </form>
    </section>
  );
}
