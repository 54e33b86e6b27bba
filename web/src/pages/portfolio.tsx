// The shared map: every system on one page, filtered and sorted in the browser so it stays quick with
// hundreds of systems. Filters live in the address, so a filtered view can be shared as a link.
import { memo, useDeferredValue, useMemo, useState } from "react";
import type { Portfolio, PortfolioEntry, PersonRef, Stage } from "../../../src/contract/index.js";
import { api } from "../api/endpoints.js";
import { AlignmentMeter } from "../components/alignment-meter.js";
import { Chip, StageChip } from "../components/chips.js";
import { SelectField, TextField } from "../components/fields.js";
import { TermHelp } from "../components/glossary.js";
import { PageHeader, useTitle } from "../components/layout.js";
import { EmptyState, ResourceView } from "../components/states.js";
import { daysUntil, formatDate, plural } from "../lib/format.js";
import { attentionScore, headline } from "../lib/headline.js";
import { STAGE_LABEL, STAGES } from "../lib/labels.js";
import { Link, navigate, useLocation } from "../lib/router.js";
import { useResource } from "../lib/use-resource.js";

const STATUS_FILTERS = {
  "": "Any status",
  "needs-decision": "High-impact risk waiting for a decision",
  expired: "Acceptance expired",
  expiring: "Acceptance expiring soon",
  unguarded: "Risk without a safeguard",
  "not-aligned": "Questions not yet read back",
  disagreement: "Disagreement on record",
  ready: "Ready for the next stage",
} as const;
type StatusFilter = keyof typeof STATUS_FILTERS;

const SORTS = {
  attention: "Most urgent first",
  name: "Name (A–Z)",
  stage: "Furthest stage first",
  alignment: "Least aligned first",
  review: "Oldest review first",
} as const;
type SortKey = keyof typeof SORTS;

const PAGE = 100;

function matchesStatus(e: PortfolioEntry, status: StatusFilter): boolean {
  switch (status) {
    case "":
      return true;
    case "needs-decision":
      return e.risks.undecidedHighImpact > 0;
    case "expired":
      return e.risks.expired > 0;
    case "expiring":
      return e.risks.expiringSoon > 0;
    case "unguarded":
      return e.risks.unguarded > 0;
    case "not-aligned":
      return !e.alignment || e.alignment.readBack < e.alignment.asked;
    case "disagreement":
      return (e.alignment?.disagreements ?? 0) > 0;
    case "ready":
      return e.nextStageGaps === 0 && e.stage !== "production" && e.stage !== "retired";
  }
}

function alignmentShare(e: PortfolioEntry): number {
  return e.alignment && e.alignment.asked > 0 ? e.alignment.readBack / e.alignment.asked : -1;
}

const SORTERS: Record<SortKey, (a: PortfolioEntry, b: PortfolioEntry) => number> = {
  attention: (a, b) => attentionScore(b) - attentionScore(a) || a.name.localeCompare(b.name),
  name: (a, b) => a.name.localeCompare(b.name),
  stage: (a, b) => STAGES.indexOf(b.stage) - STAGES.indexOf(a.stage) || a.name.localeCompare(b.name),
  alignment: (a, b) => alignmentShare(a) - alignmentShare(b) || a.name.localeCompare(b.name),
  review: (a, b) =>
    (a.lastReviewOn ?? "").localeCompare(b.lastReviewOn ?? "") || a.name.localeCompare(b.name),
};

function ownersOf(systems: PortfolioEntry[]): PersonRef[] {
  const byId = new Map<string, PersonRef>();
  for (const s of systems) {
    if (s.leadershipOwner) byId.set(s.leadershipOwner.id, s.leadershipOwner);
    if (s.engineeringOwner) byId.set(s.engineeringOwner.id, s.engineeringOwner);
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function Totals({ portfolio }: { portfolio: Portfolio }) {
  const t = portfolio.totals;
  const link = (status: StatusFilter) => `/?status=${status}`;
  return (
    <section aria-labelledby="totals-title" className="totals">
      <h2 id="totals-title" className="visually-hidden">
        At a glance
      </h2>
      <div className="total-card">
        <p className="total-number">{t.systems}</p>
        <p className="total-label">AI systems</p>
        <p className="total-detail">
          {STAGES.filter((s) => (t.byStage[s] ?? 0) > 0)
            .map((s) => `${t.byStage[s] ?? 0} ${STAGE_LABEL[s].toLowerCase()}`)
            .join(" · ") || "None yet"}
        </p>
      </div>
      <Link
        to={link("needs-decision")}
        className={`total-card total-link${t.undecidedHighImpact ? " total-warn" : ""}`}
      >
        <p className="total-number">{t.undecidedHighImpact}</p>
        <p className="total-label">High-impact risks waiting for a decision</p>
        <p className="total-detail">Leadership decides: accept, mitigate, avoid, transfer or defer.</p>
      </Link>
      <Link to={link("expiring")} className={`total-card total-link${t.expiringSoon ? " total-warn" : ""}`}>
        <p className="total-number">{t.expiringSoon}</p>
        <p className="total-label">Acceptances due for review within 30 days</p>
        <p className="total-detail">Renew them knowingly, or decide differently.</p>
      </Link>
      <Link to={link("expired")} className={`total-card total-link${t.expired ? " total-danger" : ""}`}>
        <p className="total-number">{t.expired}</p>
        <p className="total-label">Expired acceptances: risks open again</p>
        <p className="total-detail">Past their review-by date, so they count as undecided.</p>
      </Link>
    </section>
  );
}

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

function MapTable({ systems }: { systems: PortfolioEntry[] }) {
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

function MapView({ portfolio }: { portfolio: Portfolio }) {
  const { search } = useLocation();
  const q = search.get("q") ?? "";
  const stage = (search.get("stage") ?? "") as Stage | "";
  const owner = search.get("owner") ?? "";
  const status = (search.get("status") ?? "") as StatusFilter;
  const sort = (
    (search.get("sort") ?? "attention") in SORTS ? (search.get("sort") ?? "attention") : "attention"
  ) as SortKey;
  const deferredQ = useDeferredValue(q);

  function setParam(name: string, value: string) {
    const params = new URLSearchParams(search);
    if (value) params.set(name, value);
    else params.delete(name);
    const text = params.toString();
    navigate(text ? `/?${text}` : "/", { replace: true, keepScroll: true });
  }

  const owners = useMemo(() => ownersOf(portfolio.systems), [portfolio]);
  const systems = useMemo(() => {
    const needle = deferredQ.trim().toLowerCase();
    return portfolio.systems
      .filter(
        (e) =>
          (!stage || e.stage === stage) &&
          (!owner || e.leadershipOwner?.id === owner || e.engineeringOwner?.id === owner) &&
          matchesStatus(e, status in STATUS_FILTERS ? status : "") &&
          (!needle ||
            e.name.toLowerCase().includes(needle) ||
            e.key.includes(needle) ||
            (e.leadershipOwner?.name.toLowerCase().includes(needle) ?? false) ||
            (e.engineeringOwner?.name.toLowerCase().includes(needle) ?? false)),
      )
      .sort(SORTERS[sort]);
  }, [portfolio, deferredQ, stage, owner, status, sort]);

  const filtered = q || stage || owner || status;

  return (
    <>
      <Totals portfolio={portfolio} />
      <section aria-labelledby="systems-title" className="section">
        <div className="section-head">
          <h2 id="systems-title">Systems</h2>
          <p className="muted" aria-live="polite">
            {filtered
              ? `${plural(systems.length, "system")} match of ${portfolio.systems.length}`
              : plural(systems.length, "system")}
          </p>
        </div>
        <form
          className="filters"
          role="search"
          aria-label="Filter systems"
          onSubmit={(e) => e.preventDefault()}
        >
          <TextField
            label="Search"
            type="search"
            placeholder="Name, key or owner"
            value={q}
            onChange={(e) => setParam("q", e.target.value)}
          />
          <SelectField
            label="Stage"
            value={stage}
            onChange={(e) => setParam("stage", e.target.value)}
            options={[
              { value: "", label: "Any stage" },
              ...STAGES.map((s) => ({ value: s, label: STAGE_LABEL[s] })),
            ]}
          />
          <SelectField
            label="Owner"
            value={owner}
            onChange={(e) => setParam("owner", e.target.value)}
            options={[{ value: "", label: "Anyone" }, ...owners.map((p) => ({ value: p.id, label: p.name }))]}
          />
          <SelectField
            label="Status"
            value={status}
            onChange={(e) => setParam("status", e.target.value)}
            options={Object.entries(STATUS_FILTERS).map(([value, label]) => ({ value, label }))}
          />
          <SelectField
            label="Sort by"
            value={sort}
            onChange={(e) => setParam("sort", e.target.value === "attention" ? "" : e.target.value)}
            options={Object.entries(SORTS).map(([value, label]) => ({ value, label }))}
          />
          {filtered && (
            <button
              type="button"
              className="button button-ghost filters-clear"
              onClick={() => navigate("/", { replace: true })}
            >
              Clear filters
            </button>
          )}
        </form>
        {portfolio.systems.length === 0 ? (
          <EmptyState
            title="No AI systems on the map yet"
            action={
              <Link to="/systems/new" className="button button-primary">
                Add the first system
              </Link>
            }
          >
            <p>Add each AI system once: what it is for, who owns it on each side, and where it stands.</p>
          </EmptyState>
        ) : systems.length === 0 ? (
          <EmptyState
            title="No system matches these filters"
            action={
              <button
                type="button"
                className="button button-secondary"
                onClick={() => navigate("/", { replace: true })}
              >
                Clear filters
              </button>
            }
          />
        ) : (
          <MapTable key={`${deferredQ}|${stage}|${owner}|${status}|${sort}`} systems={systems} />
        )}
      </section>
    </>
  );
}

export function PortfolioPage() {
  useTitle("Shared map");
  const portfolio = useResource("portfolio", (signal) => api.portfolio({ signal }));
  return (
    <div className="page">
      <PageHeader
        title="The shared map"
        eyebrow="All AI systems"
        actions={
          <Link to="/systems/new" className="button button-primary">
            Add a system
          </Link>
        }
      >
        <p>
          Where every AI system stands, read the same way by leadership and engineering.{" "}
          <TermHelp id="shared-map" />
        </p>
      </PageHeader>
      <ResourceView resource={portfolio} label="the shared map">
        {(data) => <MapView portfolio={data} />}
      </ResourceView>
    </div>
  );
}
