// A system's history two ways: what changed since a date or a round, as a diff; and every event,
// newest first, as it was recorded.
import { api } from "../../api/endpoints.js";
import { ChangesPanel } from "../../components/changes-view.js";
import { TermHelp } from "../../components/glossary.js";
import { ResourceView } from "../../components/states.js";
import { TimelineList } from "../../components/timeline-list.js";
import { ViewSwitch } from "../../components/view-switch.js";
import { useLocation } from "../../lib/router.js";
import { useResource } from "../../lib/use-resource.js";
import { useSystem } from "./context.js";

export function TimelineTab() {
  const { system } = useSystem();
  const view = useLocation().search.get("view") === "events" ? "events" : "changes";
  const rounds = useResource(`rounds:${system.id}`, (signal) => api.rounds(system.key, { signal }));
  return (
    <section aria-labelledby="timeline-title">
      <div className="section-head">
        <h2 id="timeline-title">
          Timeline <TermHelp id="timeline" />
        </h2>
        <ViewSwitch
          label="Timeline views"
          param="view"
          current={view}
          views={[
            { value: "changes", label: "What changed" },
            { value: "events", label: "Every event" },
          ]}
        />
      </div>
      {view === "changes" ? (
        <div className="card">
          <p className="muted">
            Everything added, changed, decided or removed since a day or a conversation round, field by field.
          </p>
          <ResourceView resource={rounds} label="rounds">
            {(data) => <ChangesPanel systemRef={system.key} rounds={data.items} />}
          </ResourceView>
        </div>
      ) : (
        <>
          <p className="muted">Every change to this system, newest first. Nothing here is ever edited.</p>
          <TimelineList
            key={system.id}
            load={(offset, limit) => api.systemTimeline(system.key, { offset, limit })}
          />
        </>
      )}
    </section>
  );
}
