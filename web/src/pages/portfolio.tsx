// The shared map: every system on one page, filtered and sorted in the browser so it stays quick with
// hundreds of systems. Filters live in the address, so a filtered view can be shared as a link.
import { useDeferredValue, useMemo } from "react";
import type { Portfolio, PortfolioEntry, PersonRef, Stage } from "../../../src/contract/index.js";
import { api } from "../api/endpoints.js";
import { SelectField, TextField } from "../components/fields.js";
import { TermHelp } from "../components/glossary.js";
import { PageHeader, useTitle } from "../components/layout.js";
import { MapTable } from "../components/map/map-table.js";
import { Totals } from "../components/map/totals.js";
import { EmptyState, ResourceView } from "../components/states.js";
import { plural } from "../lib/format.js";
import { attentionScore } from "../lib/headline.js";
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
  breached: "Trust limit or budget breached",
  "at-risk": "Trust limit or budget at risk",
  findings: "Quiet-failure findings to triage",
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
    case "breached":
      return e.health.limits.breached + e.health.budgets.breached > 0;
    case "at-risk":
      return e.health.limits.atRisk + e.health.budgets.atRisk > 0;
    case "findings":
      return e.health.openFindings > 0;
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
