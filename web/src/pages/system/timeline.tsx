import { api } from "../../api/endpoints.js";
import { TermHelp } from "../../components/glossary.js";
import { TimelineList } from "../../components/timeline-list.js";
import { useSystem } from "./context.js";

export function TimelineTab() {
  const { system } = useSystem();
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">
        Timeline <TermHelp id="timeline" />
      </h2>
      <p className="muted">Every change to this system, newest first. Nothing here is ever edited.</p>
      <TimelineList
        key={system.id}
        load={(offset, limit) => api.systemTimeline(system.key, { offset, limit })}
      />
    </section>
  );
}
