// "What changed since last time": a round against the one before it, question by question.
import { useState } from "react";
import type { AskChange, RoundComparison } from "../../../../src/contract/index.js";
import { api } from "../../api/endpoints.js";
import { Chip, SideBadge, type Tone } from "../../components/chips.js";
import { EmptyState, ResourceView } from "../../components/states.js";
import { formatDate } from "../../lib/format.js";
import { ASK_STATE_LABEL, SIDE_LABEL, otherSide } from "../../lib/labels.js";
import { Link } from "../../lib/router.js";
import { useResource } from "../../lib/use-resource.js";
import { useSystem } from "./context.js";

const STATUS: Record<AskChange["status"], { label: string; tone: Tone; icon: string }> = {
  new: { label: "New question", tone: "info", icon: "+" },
  removed: { label: "Not asked this time", tone: "neutral", icon: "−" },
  changed: { label: "Changed", tone: "warn", icon: "Δ" },
  unchanged: { label: "Unchanged", tone: "neutral", icon: "=" },
};

function Side({ label, value }: { label: string; value: AskChange["previous"] }) {
  return (
    <div className="compare-side">
      <p className="compare-label">{label}</p>
      {value ? (
        <>
          <p className="small">{ASK_STATE_LABEL[value.state]}</p>
          <p>{value.answer ?? <span className="muted">No answer</span>}</p>
        </>
      ) : (
        <p className="muted">Not asked</p>
      )}
    </div>
  );
}

function ComparisonView({ data }: { data: RoundComparison }) {
  const { base } = useSystem();
  const [showUnchanged, setShowUnchanged] = useState(false);
  const changes = data.changes.filter((c) => showUnchanged || c.status !== "unchanged");
  const counts = (status: AskChange["status"]) => data.changes.filter((c) => c.status === status).length;
  const roundLink = `${base}/rounds/${encodeURIComponent(data.round.id)}`;
  return (
    <section aria-labelledby="compare-title">
      <p className="breadcrumb-inline">
        <Link to={roundLink}>Back to “{data.round.title}”</Link>
      </p>
      <h2 id="compare-title">
        What changed: “{data.round.title}” {data.previous ? <>since “{data.previous.title}”</> : null}
      </h2>
      {!data.previous ? (
        <EmptyState title="This is the first round for this system">
          <p>
            There is nothing earlier to compare with. The next round will show what changed since this one.
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="muted">
            {formatDate(data.previous.heldOn)} → {formatDate(data.round.heldOn)}. Aligned{" "}
            {data.previous.aligned} of {data.previous.asked} then, {data.round.aligned} of {data.round.asked}{" "}
            now.
          </p>
          <ul className="chip-row compare-counts" aria-label="Summary">
            <li>
              <Chip tone="warn" icon="Δ">
                {counts("changed")} changed
              </Chip>
            </li>
            <li>
              <Chip tone="info" icon="+">
                {counts("new")} new
              </Chip>
            </li>
            <li>
              <Chip tone="neutral" icon="−">
                {counts("removed")} not asked again
              </Chip>
            </li>
            <li>
              <Chip tone="neutral" icon="=">
                {counts("unchanged")} unchanged
              </Chip>
            </li>
          </ul>
          <label className="checkbox-inline">
            <input
              type="checkbox"
              checked={showUnchanged}
              onChange={(e) => setShowUnchanged(e.target.checked)}
            />{" "}
            Show unchanged questions too
          </label>
          {changes.length === 0 ? (
            <EmptyState title="Nothing changed between these rounds" />
          ) : (
            <ol className="compare-list">
              {changes.map((c, i) => (
                <li key={i} className={`compare-item compare-${c.status}`}>
                  <div className="compare-head">
                    <SideBadge side={c.askedBy}>
                      {SIDE_LABEL[c.askedBy]} asks {SIDE_LABEL[otherSide(c.askedBy)].toLowerCase()}
                    </SideBadge>
                    <Chip tone={STATUS[c.status].tone} icon={STATUS[c.status].icon}>
                      {STATUS[c.status].label}
                    </Chip>
                  </div>
                  <h3 className="compare-question">{c.text}</h3>
                  <div className="compare-sides">
                    <Side label={`Then (“${data.previous?.title ?? ""}”)`} value={c.previous} />
                    <Side label={`Now (“${data.round.title}”)`} value={c.current} />
                  </div>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

export function CompareRoundPage({ roundId }: { roundId: string }) {
  const comparison = useResource(`compare:${roundId}`, (signal) =>
    api.compareRound(roundId, undefined, { signal }),
  );
  return (
    <ResourceView resource={comparison} label="the comparison">
      {(data) => <ComparisonView data={data} />}
    </ResourceView>
  );
}
