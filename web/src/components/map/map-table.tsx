// The shared map's table: one light row per system (memoised, shown a hundred at a time), so the
// page stays quick with hundreds of systems.
import { memo, useState } from "react";
import type { PersonRef, PortfolioEntry } from "../../../../src/contract/index.js";
import { daysUntil, formatDate, plural } from "../../lib/format.js";
import { headline } from "../../lib/headline.js";
import { Link } from "../../lib/router.js";
import { AlignmentMeter } from "../alignment-meter.js";
import { Chip, StageChip } from "../chips.js";
import { TermHelp } from "../glossary.js";
import { HealthChips } from "./health-chips.js";

const PAGE = 100;

function RiskChips({ entry }: { entry: PortfolioEntry }) {
  const r = entry.risks;
  const chips = [];
  if (r.expired > 0)
    chips.push(
      <Chip key="expired" tone="danger" icon="!">
        {r.expired} expired
      </Chip>,
    );
  if (r.undecidedHighImpact > 0)
    chips.push(
      <Chip key="undecided" tone="warn" icon="?">
        {r.undecidedHighImpact} undecided high-impact
      </Chip>,
    );
  if (r.expiringSoon > 0)
    chips.push(
      <Chip key="expiring" tone="warn" icon="◷">
        {r.expiringSoon} expiring soon
      </Chip>,
    );
  if (r.accepted > 0)
    chips.push(
      <Chip key="accepted" tone="info" icon="✓">
        {r.accepted} accepted
      </Chip>,
    );
  if (chips.length === 0) {
    return (
      <span className="muted small">
        {r.total === 0 ? "No risks recorded" : `${plural(r.total, "risk")}, none waiting`}
      </span>
    );
  }
  return <div className="chip-row">{chips}</div>;
}

function Owner({ person, side }: { person: PersonRef | null; side: string }) {
  return (
    <div className="owner">
      <span className="owner-side">{side}</span>
      {person ? <span>{person.name}</span> : <span className="muted">No owner</span>}
    </div>
  );
}

const SystemRow = memo(function SystemRow({ entry }: { entry: PortfolioEntry }) {
  const review = entry.lastReviewOn;
  const reviewAge = review ? -daysUntil(review) : null;
  return (
    <tr>
      <th scope="row" className="map-system">
        <Link to={`/systems/${encodeURIComponent(entry.key)}`} className="map-name">
          {entry.name}
        </Link>
        <p className="map-headline">{headline(entry)}</p>
      </th>
      <td className="map-stage" data-label="Stage">
        <StageChip stage={entry.stage} />
      </td>
      <td className="map-owners" data-label="Owners">
        <Owner person={entry.leadershipOwner} side="Leadership" />
        <Owner person={entry.engineeringOwner} side="Engineering" />
      </td>
      <td className="map-alignment" data-label="Alignment">
        {entry.alignment ? (
          <AlignmentMeter
            compact
            readBack={entry.alignment.readBack}
            asked={entry.alignment.asked}
            disagreements={entry.alignment.disagreements}
          />
        ) : (
          <span className="muted">No round yet</span>
        )}
      </td>
      <td className="map-risks" data-label="Risk posture">
        <RiskChips entry={entry} />
      </td>
      <td className="map-health" data-label="Production health">
        <HealthChips health={entry.health} />
      </td>
      <td className="map-review" data-label="Last review">
        {review ? (
          <>
            <span>{formatDate(review)}</span>
            {reviewAge !== null && reviewAge > 90 && (
              <span className="small warn-text">Over 90 days ago</span>
            )}
          </>
        ) : (
          <span className="muted">Never</span>
        )}
      </td>
    </tr>
  );
});

export function MapTable({ systems }: { systems: PortfolioEntry[] }) {
  const [shown, setShown] = useState(PAGE);
  const visible = systems.slice(0, shown);
  return (
    <>
      <div className="table-wrap">
        <table className="table map-table">
          <caption className="visually-hidden">AI systems on the shared map</caption>
          <thead>
            <tr>
              <th scope="col">System</th>
              <th scope="col">Stage</th>
              <th scope="col">Owners</th>
              <th scope="col">
                Alignment <TermHelp id="alignment" />
              </th>
              <th scope="col">
                Risk posture <TermHelp id="posture" />
              </th>
              <th scope="col">
                Production health <TermHelp id="trust-limit" />
              </th>
              <th scope="col">Last review</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((entry) => (
              <SystemRow key={entry.id} entry={entry} />
            ))}
          </tbody>
        </table>
      </div>
      {systems.length > shown && (
        <div className="show-more">
          <p className="muted">
            Showing {shown} of {systems.length} systems.
          </p>
          <button type="button" className="button button-secondary" onClick={() => setShown((n) => n + PAGE)}>
            Show {Math.min(PAGE, systems.length - shown)} more
          </button>
        </div>
      )}
    </>
  );
}
