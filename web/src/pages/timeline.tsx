// The workspace's history: what changed since a day across every system, or every event.
import { useMemo } from "react";
import { api } from "../api/endpoints.js";
import { ChangesPanel } from "../components/changes-view.js";
import { TermHelp } from "../components/glossary.js";
import { PageHeader, useTitle } from "../components/layout.js";
import { TimelineList } from "../components/timeline-list.js";
import { ViewSwitch } from "../components/view-switch.js";
import { useLocation } from "../lib/router.js";
import { useResource } from "../lib/use-resource.js";

export function TimelinePage() {
  useTitle("Timeline");
  const view = useLocation().search.get("view") === "events" ? "events" : "changes";
  const portfolio = useResource("portfolio", (signal) => api.portfolio({ signal }));
  const links = useMemo(
    () => new Map((portfolio.data?.systems ?? []).map((s) => [s.id, { key: s.key, name: s.name }])),
    [portfolio.data],
  );
  return (
    <div className="page">
      <PageHeader
        title="Timeline"
        eyebrow="All systems"
        actions={
          <ViewSwitch
            label="Timeline views"
            param="view"
            current={view}
            views={[
              { value: "changes", label: "What changed" },
              { value: "events", label: "Every event" },
            ]}
          />
        }
      >
        <p>
          Who changed what, and when, across the workspace. <TermHelp id="timeline" />
        </p>
      </PageHeader>
      {view === "changes" ? (
        <section aria-labelledby="changed-title" className="card">
          <h2 id="changed-title">What changed</h2>
          <p className="muted">Across every system, since the day you choose, field by field.</p>
          <ChangesPanel systemRef={null} />
        </section>
      ) : (
        <section aria-labelledby="events-title">
          <h2 id="events-title">Every event</h2>
          <TimelineList load={(offset, limit) => api.timeline({ offset, limit })} systemLinks={links} />
        </section>
      )}
    </div>
  );
}
