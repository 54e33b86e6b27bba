import { useMemo } from "react";
import { api } from "../api/endpoints.js";
import { TermHelp } from "../components/glossary.js";
import { PageHeader, useTitle } from "../components/layout.js";
import { TimelineList } from "../components/timeline-list.js";
import { useResource } from "../lib/use-resource.js";

export function TimelinePage() {
  useTitle("Timeline");
  const portfolio = useResource("portfolio", (signal) => api.portfolio({ signal }));
  const links = useMemo(
    () => new Map((portfolio.data?.systems ?? []).map((s) => [s.id, { key: s.key, name: s.name }])),
    [portfolio.data],
  );
  return (
    <div className="page">
      <PageHeader title="Timeline" eyebrow="All systems">
        <p>
          Who changed what, and when, across the workspace. <TermHelp id="timeline" />
        </p>
      </PageHeader>
      <TimelineList load={(offset, limit) => api.timeline({ offset, limit })} systemLinks={links} />
    </div>
  );
}
