// The risk register with both views side by side, a heat map and filters. Used for one system and for
// the whole workspace. Filtering happens in the browser over the loaded page of risks.
import { useMemo, useState } from "react";
import type { Risk, RiskClass, RiskPosture } from "../../../../src/contract/index.js";
import { formatCostRange, formatDate, plural } from "../../lib/format.js";
import {
  GROWTH_DRIVER_LABEL,
  IMPACT_AREA_LABEL,
  OUTCOME_LABEL,
  POSTURE_LABEL,
  POSTURES,
  RISK_CLASS_LABEL,
  RISK_CLASSES,
  scoreLabel,
} from "../../lib/labels.js";
import { Link } from "../../lib/router.js";
import { isOpenRisk as isOpen, isUnguarded } from "../../lib/risk-rules.js";
import { Chip, PostureChip } from "../chips.js";
import { SelectField, TextField } from "../fields.js";
import { TermHelp } from "../glossary.js";
import { EmptyState } from "../states.js";
import { HeatMap, type Cell } from "./heat-map.js";

function riskLink(risk: Risk): string {
  return `/systems/${encodeURIComponent(risk.systemKey)}/risks/${encodeURIComponent(risk.id)}`;
}

function Text({ value, empty }: { value: string; empty: string }) {
  return value ? <p>{value}</p> : <p className="muted">{empty}</p>;
}

export function RiskCard({ risk, showSystem }: { risk: Risk; showSystem: boolean }) {
  const unguarded = isUnguarded(risk);
  const decision = risk.currentDecision;
  return (
    <li
      className={`risk-card${unguarded ? " risk-unguarded" : ""}${risk.posture === "expired" ? " risk-expired" : ""}`}
    >
      <article aria-labelledby={`risk-${risk.id}-title`}>
        <header className="risk-head">
          <div>
            <h3 id={`risk-${risk.id}-title`} className="risk-title">
              <Link to={riskLink(risk)}>{risk.title}</Link>
            </h3>
            <p className="muted small">
              {showSystem && (
                <>
                  <Link to={`/systems/${encodeURIComponent(risk.systemKey)}`}>{risk.systemKey}</Link> ·{" "}
                </>
              )}
              {RISK_CLASS_LABEL[risk.class]} · likelihood {scoreLabel(risk.likelihood).toLowerCase()}, impact{" "}
              {scoreLabel(risk.impact).toLowerCase()}
              {risk.growth === "quiet" && " · grows quietly"}
            </p>
          </div>
          <div className="chip-row">
            <PostureChip posture={risk.posture} expiresInDays={risk.expiresInDays} />
            {unguarded ? (
              <Chip tone="warn" icon="▲">
                No safeguard
              </Chip>
            ) : (
              <Chip tone="neutral" icon="▣">
                {plural(risk.safeguards.length, "safeguard")}
              </Chip>
            )}
          </div>
        </header>
        <div className="two-views">
          <section className="view view-engineering" aria-label="Engineering view">
            <p className="view-label">Engineering view</p>
            <h4>Failure mode</h4>
            <Text value={risk.failureMode} empty="Not described yet" />
            <h4>Triggers and edge cases</h4>
            <Text value={risk.triggers} empty="Not described yet" />
            <h4>Depends on</h4>
            <Text value={risk.dependencies} empty="Nothing recorded" />
          </section>
          <section className="view view-leadership" aria-label="Leadership view">
            <p className="view-label">Leadership view</p>
            <h4>Impact on outcomes</h4>
            <Text value={risk.businessImpact} empty="Not described yet" />
            <h4>What it touches</h4>
            <p>
              {risk.impactAreas.length
                ? risk.impactAreas.map((a) => IMPACT_AREA_LABEL[a]).join(", ")
                : "Not stated"}
              {risk.growthDrivers.length > 0 &&
                ` · grows ${risk.growthDrivers.map((d) => GROWTH_DRIVER_LABEL[d]).join(", ")}`}
            </p>
            <h4>Cost of one failure</h4>
            <p>{formatCostRange(risk.costOfFailure)}</p>
          </section>
        </div>
        {decision && (
          <p className="risk-decision small">
            <strong>Decision:</strong> {OUTCOME_LABEL[decision.outcome]} by {decision.decidedBy.name}
            {decision.reviewBy && <> · review by {formatDate(decision.reviewBy)}</>}
            {decision.conditions && <> · {decision.conditions}</>}
          </p>
        )}
      </article>
    </li>
  );
}

type Toggle = "" | "yes";

export function RiskRegister({
  risks,
  showSystem,
  total,
}: {
  risks: Risk[];
  showSystem: boolean;
  total: number;
}) {
  const [riskClass, setRiskClass] = useState<RiskClass | "">("");
  const [posture, setPosture] = useState<RiskPosture | "open" | "">("open");
  const [minImpact, setMinImpact] = useState("");
  const [unguarded, setUnguarded] = useState<Toggle>("");
  const [q, setQ] = useState("");
  const [cell, setCell] = useState<Cell | null>(null);

  const filtered = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return risks.filter(
      (r) =>
        (!riskClass || r.class === riskClass) &&
        (posture === "" || (posture === "open" ? isOpen(r) : r.posture === posture)) &&
        (!minImpact || r.impact >= Number(minImpact)) &&
        (!unguarded || isUnguarded(r)) &&
        (!needle ||
          [r.title, r.failureMode, r.businessImpact, r.triggers, r.systemKey].some((s) =>
            s.toLowerCase().includes(needle),
          )),
    );
  }, [risks, riskClass, posture, minImpact, unguarded, q]);

  const listed = cell
    ? filtered.filter((r) => r.likelihood === cell.likelihood && r.impact === cell.impact)
    : filtered;
  const sorted = [...listed].sort(
    (a, b) =>
      Number(b.posture === "expired") - Number(a.posture === "expired") ||
      b.likelihood * b.impact - a.likelihood * a.impact ||
      a.title.localeCompare(b.title),
  );
  const unguardedCount = risks.filter(isUnguarded).length;

  return (
    <div className="register">
      <div className="register-top">
        <HeatMap risks={filtered} selected={cell} onSelect={setCell} />
        <form
          className="filters filters-stack"
          aria-label="Filter risks"
          onSubmit={(e) => e.preventDefault()}
        >
          <TextField label="Search risks" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          <SelectField
            label="Posture"
            value={posture}
            onChange={(e) => setPosture(e.target.value as RiskPosture | "open" | "")}
            options={[
              { value: "open", label: "All open risks" },
              { value: "", label: "All risks, including closed" },
              ...POSTURES.map((p) => ({ value: p, label: POSTURE_LABEL[p] })),
            ]}
          />
          <SelectField
            label="Class"
            value={riskClass}
            onChange={(e) => setRiskClass(e.target.value as RiskClass | "")}
            options={[
              { value: "", label: "Any class" },
              ...RISK_CLASSES.map((c) => ({ value: c, label: RISK_CLASS_LABEL[c] })),
            ]}
          />
          <SelectField
            label="Impact at least"
            value={minImpact}
            onChange={(e) => setMinImpact(e.target.value)}
            options={[
              { value: "", label: "Any impact" },
              { value: "3", label: "Medium and above" },
              { value: "4", label: "High and above" },
              { value: "5", label: "Very high only" },
            ]}
          />
          <label className="checkbox-inline">
            <input
              type="checkbox"
              checked={unguarded === "yes"}
              onChange={(e) => setUnguarded(e.target.checked ? "yes" : "")}
            />{" "}
            Only risks without a safeguard ({unguardedCount}) <TermHelp id="unguarded" />
          </label>
        </form>
      </div>
      <div className="section-head">
        <h3 className="register-count" aria-live="polite">
          {plural(sorted.length, "risk")}
          {cell &&
            ` with likelihood ${scoreLabel(cell.likelihood).toLowerCase()} and impact ${scoreLabel(cell.impact).toLowerCase()}`}
        </h3>
        {cell && (
          <button type="button" className="button button-ghost button-small" onClick={() => setCell(null)}>
            Show every cell
          </button>
        )}
      </div>
      {total > risks.length && (
        <p className="notice notice-info">
          Showing the first {risks.length} of {total} risks. Narrow the view with the filters above.
        </p>
      )}
      {sorted.length === 0 ? (
        <EmptyState title={risks.length === 0 ? "No risks registered yet" : "No risk matches these filters"}>
          {risks.length === 0 && (
            <p>Engineering proposes risks; leadership decides what to do about each one.</p>
          )}
        </EmptyState>
      ) : (
        <ol className="risk-list">
          {sorted.map((r) => (
            <RiskCard key={r.id} risk={r} showSystem={showSystem} />
          ))}
        </ol>
      )}
    </div>
  );
}
