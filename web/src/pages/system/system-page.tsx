// A system's page: header with stage and owners, tabs, and the tab's content below.
import { useMemo } from "react";
import { api } from "../../api/endpoints.js";
import { SideBadge, StageChip } from "../../components/chips.js";
import { PageHeader, useTitle } from "../../components/layout.js";
import { ErrorNotice, Loading } from "../../components/states.js";
import { ApiError } from "../../api/client.js";
import { Link, NavLink, matchPath } from "../../lib/router.js";
import { USERS_REACHED_LABEL } from "../../lib/labels.js";
import { useResource } from "../../lib/use-resource.js";
import { SystemContext } from "./context.js";
import { ConversationsTab, NewRoundPage } from "./conversations.js";
import { RoundPage } from "./round.js";
import { CompareRoundPage } from "./compare.js";
import { OverviewTab } from "./overview.js";
import { RisksTab } from "./risks-tab.js";
import { NewRiskPage } from "./risk-new.js";
import { RiskPage } from "./risk-detail.js";
import { SafeguardsTab } from "./safeguards.js";
import { NewSafeguardPage } from "./safeguard-new.js";
import { StatementPage } from "./statement-new.js";
import { SignalsTab } from "./signals-tab.js";
import { NewLimitPage } from "./limit-new.js";
import { NewBudgetPage } from "./budget-new.js";
import { TimelineTab } from "./timeline.js";
import { LedgerTab } from "./ledger-tab.js";
import { EditSystemPage } from "./system-edit.js";
import { NotFound } from "../not-found.js";
import { RehearsalSetupPage } from "../../components/rehearsal/rehearsal-page.js";
import { useSystem } from "./context.js";

const TABS = [
  // The scale rehearsal's plan and limits open from the overview's "What breaks first".
  { path: "", label: "Overview", also: "/rehearsal" },
  { path: "/conversations", label: "Conversations", also: "/rounds" },
  { path: "/risks", label: "Risks", also: undefined },
  { path: "/safeguards", label: "Safeguards", also: undefined },
  { path: "/signals", label: "Signals", also: undefined },
  { path: "/ledger", label: "Ledger", also: undefined },
  { path: "/timeline", label: "Timeline", also: undefined },
];

function SubPage({ rest }: { rest: string }) {
  const m = (pattern: string) => matchPath(pattern, rest || "/");
  let params: Record<string, string> | null;
  if (m("/")) return <OverviewTab />;
  if (m("/edit")) return <EditSystemPage />;
  if (m("/say/not-ready")) return <StatementPage kind="not_ready" />;
  if (m("/say/go-faster")) return <StatementPage kind="go_faster" />;
  if (m("/conversations")) return <ConversationsTab />;
  if (m("/conversations/new")) return <NewRoundPage />;
  if ((params = m("/rounds/:roundId"))) return <RoundPage roundId={params.roundId ?? ""} />;
  if ((params = m("/rounds/:roundId/compare"))) return <CompareRoundPage roundId={params.roundId ?? ""} />;
  if (m("/risks")) return <RisksTab />;
  if (m("/risks/new")) return <NewRiskPage />;
  if ((params = m("/risks/:riskId"))) return <RiskPage riskId={params.riskId ?? ""} />;
  if (m("/safeguards")) return <SafeguardsTab />;
  if (m("/safeguards/new")) return <NewSafeguardPage />;
  if (m("/signals")) return <SignalsTab />;
  if (m("/signals/limits/new")) return <NewLimitPage />;
  if (m("/signals/budgets/new")) return <NewBudgetPage />;
  if (m("/ledger")) return <LedgerTab />;
  if (m("/timeline")) return <TimelineTab />;
  if (m("/rehearsal")) return <RehearsalSetup />;
  return <NotFound embedded />;
}

function RehearsalSetup() {
  const { system, base } = useSystem();
  return <RehearsalSetupPage systemKey={system.key} base={base} />;
}

export function SystemPage({ systemRef, rest }: { systemRef: string; rest: string }) {
  const system = useResource(`system:${systemRef}`, (signal) => api.system(systemRef, { signal }));
  useTitle(system.data?.name ?? "System");
  const base = `/systems/${encodeURIComponent(systemRef)}`;
  const context = useMemo(
    () => (system.data ? { system: system.data, base, reload: system.reload } : null),
    [system.data, base, system.reload],
  );

  if (system.status === "loading") {
    return (
      <div className="page">
        <Loading label="Loading the system" />
      </div>
    );
  }
  if (!context) {
    const missing = system.error instanceof ApiError && system.error.status === 404;
    return (
      <div className="page">
        <PageHeader title={missing ? "System not found" : "This system could not be loaded"} />
        <ErrorNotice error={system.error} onRetry={missing ? undefined : system.reload} title="" />
        <p>
          <Link to="/">Back to the shared map</Link>
        </p>
      </div>
    );
  }
  const s = context.system;
  return (
    <SystemContext.Provider value={context}>
      <div className="page">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to="/">Shared map</Link> <span aria-hidden="true">/</span> <span>{s.name}</span>
        </nav>
        <PageHeader
          title={s.name}
          eyebrow={
            <>
              <StageChip stage={s.stage} /> <span className="muted">{s.key}</span>
              <span className="muted"> · {USERS_REACHED_LABEL[s.usersReached]}</span>
            </>
          }
          actions={
            <>
              <Link to={`/briefs?system=${encodeURIComponent(s.key)}`} className="button button-secondary">
                Read the brief
              </Link>
              <div className="owners-head">
                <div>
                  <SideBadge side="leadership">Leadership owner</SideBadge>{" "}
                  <span>{s.leadershipOwner?.name ?? <span className="muted">None yet</span>}</span>
                </div>
                <div>
                  <SideBadge side="engineering">Engineering owner</SideBadge>{" "}
                  <span>{s.engineeringOwner?.name ?? <span className="muted">None yet</span>}</span>
                </div>
              </div>
            </>
          }
        />
        <nav aria-label="System sections" className="tabs">
          {TABS.map((tab) => (
            <NavLink
              key={tab.path}
              to={base + tab.path}
              exact={tab.path === ""}
              alsoCurrentFor={tab.also ? [base + tab.also] : []}
              className="tab"
            >
              {tab.label}
            </NavLink>
          ))}
        </nav>
        <div className="tab-panel">
          <SubPage rest={rest} />
        </div>
      </div>
    </SystemContext.Provider>
  );
}
