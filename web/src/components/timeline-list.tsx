// The append-only history as a readable list, loaded page by page.
import { useEffect, useState } from "react";
import type { Page, TimelineEvent } from "../../../src/contract/index.js";
import { errorMessage } from "../api/client.js";
import { formatDateTime } from "../lib/format.js";
import { Link } from "../lib/router.js";
import { SideBadge } from "./chips.js";
import { EmptyState, ErrorNotice, Loading } from "./states.js";

const PAGE_SIZE = 50;

function dayOf(at: string): string {
  return new Date(at).toLocaleDateString("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  });
}

export function TimelineList({
  load,
  systemLinks,
}: {
  load: (offset: number, limit: number) => Promise<Page<TimelineEvent>>;
  /** Map from system id to its key, to link events on the workspace timeline. */
  systemLinks?: Map<string, { key: string; name: string }>;
}) {
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  const [next, setNext] = useState<number | null>(0);
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState<unknown>(undefined);

  async function more(offset: number) {
    setBusy(true);
    setError(undefined);
    try {
      const page = await load(offset, PAGE_SIZE);
      setEvents((list) => (offset === 0 ? page.items : [...list, ...page.items]));
      setNext(page.nextOffset);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    void more(0);
    // Loads the first page once; the parent remounts this list (key) when the source changes.
  }, []);

  if (busy && events.length === 0) return <Loading label="Loading the timeline" />;
  if (error !== undefined && events.length === 0)
    return <ErrorNotice error={error} onRetry={() => void more(0)} />;
  if (events.length === 0) {
    return (
      <EmptyState title="Nothing has happened yet">
        <p>
          Every change — a new risk, a decision, an answer, a stage move — appears here, dated and attributed.
        </p>
      </EmptyState>
    );
  }

  // Newest first by the time it happened; the sequence number breaks ties.
  const ordered = [...events].sort((a, b) => b.at.localeCompare(a.at) || b.seq - a.seq);
  let lastDay = "";
  return (
    <>
      <ol className="timeline">
        {ordered.map((e) => {
          const day = dayOf(e.at);
          const header = day !== lastDay;
          lastDay = day;
          const system = e.systemId ? systemLinks?.get(e.systemId) : undefined;
          return (
            <li key={e.seq} className="timeline-item">
              {header && <h3 className="timeline-day">{day}</h3>}
              <div className="timeline-event">
                <time dateTime={e.at} className="timeline-time">
                  {formatDateTime(e.at).split(", ").pop()}
                </time>
                <div>
                  <p className="timeline-summary">
                    {system && (
                      <>
                        <Link to={`/systems/${encodeURIComponent(system.key)}`}>{system.name}</Link>:{" "}
                      </>
                    )}
                    {e.summary}
                  </p>
                  <p className="small muted">
                    {e.actor ? <SideBadge side={e.actor.side}>{e.actor.name}</SideBadge> : "Parley"}
                  </p>
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      {error !== undefined && (
        <p className="field-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      {next !== null && (
        <div className="show-more">
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={() => void more(next)}
          >
            {busy ? "Loading…" : "Show older events"}
          </button>
        </div>
      )}
    </>
  );
}
