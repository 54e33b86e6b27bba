// "What changed since": a date or a round, then every thing that was added, changed, decided or
// removed, grouped, with each changed field as before → after. The choice lives in the address.
import type { Changes, ChangeKind, EntityChange } from "../../../src/contract/briefs.js";
import type { RoundSummary } from "../../../src/contract/index.js";
import { api, changesFileUrl, type ChangesSince } from "../api/endpoints.js";
import { addDaysIso, formatDate, formatDateTime, plural } from "../lib/format.js";
import { CHANGE_KIND_LABEL } from "../lib/labels.js";
import { Link, navigate, useLocation } from "../lib/router.js";
import { useResource } from "../lib/use-resource.js";
import { Chip, type Tone } from "./chips.js";
import { SelectField, TextField } from "./fields.js";
import { EmptyState, ResourceView } from "./states.js";

const KIND: Record<ChangeKind, { tone: Tone; icon: string }> = {
  added: { tone: "info", icon: "+" },
  changed: { tone: "warn", icon: "Δ" },
  decided: { tone: "ok", icon: "✓" },
  removed: { tone: "neutral", icon: "−" },
};

const ENTITY_LABEL: Record<string, string> = {
  system: "System",
  risk: "Risk",
  decision: "Decision",
  safeguard: "Safeguard",
  trust_limit: "Trust limit",
  risk_budget: "Budget",
  signal: "Signal",
  finding: "Finding",
  round: "Round",
  ask: "Question",
  answer: "Answer",
  read_back: "Read-back",
  statement: "Statement",
  ledger_entry: "Ledger entry",
  stage_change: "Stage",
};

function entityLabel(entity: string): string {
  return ENTITY_LABEL[entity] ?? entity.charAt(0).toUpperCase() + entity.slice(1).replace(/_/g, " ");
}

/** Values the server sends as codes, in words (a limit's state: "at_risk" → "At risk"). */
const VALUE_WORDS: Record<string, Record<string, string>> = {
  state: { ok: "Within limit", at_risk: "At risk", breached: "Breached", no_data: "No data" },
};

function valueText(field: string, value: string): string {
  return VALUE_WORDS[field]?.[value] ?? value;
}

function FieldDiff({ change }: { change: EntityChange }) {
  return (
    <table className="table table-compact diff-table">
      <caption className="visually-hidden">What changed in {change.name}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {change.fields.map((f) => (
          <tr key={f.field}>
            <th scope="row">{f.field}</th>
            <td>
              {f.before === null ? (
                <span className="muted">—</span>
              ) : (
                <del className="diff-before">{valueText(f.field, f.before)}</del>
              )}
            </td>
            <td>
              {f.after === null ? (
                <span className="muted">—</span>
              ) : (
                <ins className="diff-after">{valueText(f.field, f.after)}</ins>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ChangeItem({ change, showSystem }: { change: EntityChange; showSystem: boolean }) {
  const kind = KIND[change.kind];
  const single = change.events.length === 1 ? change.events[0] : undefined;
  return (
    <li className={`change change-${change.kind}`}>
      <div className="change-head">
        <Chip tone={kind.tone} icon={kind.icon}>
          {CHANGE_KIND_LABEL[change.kind]}
        </Chip>
        <span className="change-entity">{entityLabel(change.entity)}</span>
        <span className="change-name">{change.name}</span>
      </div>
      <p className="small muted">
        {showSystem && change.system && (
          <>
            <Link to={`/systems/${encodeURIComponent(change.system)}`}>{change.system}</Link> ·{" "}
          </>
        )}
        <time dateTime={change.at}>{formatDateTime(change.at)}</time> ·{" "}
        {change.by.length > 0 ? `by ${change.by.join(", ")}` : "by Parley"}
      </p>
      {single && <p className="change-summary">{single.summary}</p>}
      {change.fields.length > 0 && <FieldDiff change={change} />}
      {change.events.length > 1 && (
        <details className="disclosure disclosure-small">
          <summary>
            {plural(change.events.length, "event")}
            <span className="visually-hidden"> on {change.name}</span>
          </summary>
          <ol className="change-events">
            {change.events.map((e, i) => (
              <li key={i}>
                <time dateTime={e.at}>{formatDateTime(e.at)}</time> — {e.summary}
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}

export function ChangesList({ changes }: { changes: Changes }) {
  const showSystem = changes.scope.kind === "workspace";
  const c = changes.counts;
  return (
    <div className="changes">
      <p className="lead-text changes-headline">{changes.headline}</p>
      <ul className="chip-row changes-counts" aria-label="Counts">
        {(["added", "changed", "decided", "removed"] as const).map((k) => (
          <li key={k}>
            <Chip tone={KIND[k].tone} icon={KIND[k].icon}>
              {c[k]} {CHANGE_KIND_LABEL[k].toLowerCase()}
            </Chip>
          </li>
        ))}
      </ul>
      {changes.truncated && (
        <p className="notice notice-info">
          More happened than one view holds; pick a later start to see the rest in detail.
        </p>
      )}
      {changes.groups.length === 0 ? (
        <EmptyState title="Nothing changed in this window">
          <p>No additions, decisions or edits since {formatDate(changes.since.slice(0, 10))}.</p>
        </EmptyState>
      ) : (
        changes.groups.map((group) => (
          <section key={group.group} className="changes-group" aria-labelledby={`changes-${group.group}`}>
            <h3 id={`changes-${group.group}`}>
              {group.title} <span className="muted small">({group.changes.length})</span>
            </h3>
            <ol className="change-list">
              {group.changes.map((change) => (
                <ChangeItem
                  key={`${change.entity}-${change.entityId}`}
                  change={change}
                  showSystem={showSystem}
                />
              ))}
            </ol>
          </section>
        ))
      )}
    </div>
  );
}

const DEFAULT_DAYS = 30;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The "since" picker and the diff under it. `systemRef` null means the whole workspace; `rounds`
 * (a system's rounds) adds "since a round" to the choices.
 */
export function ChangesPanel({ systemRef, rounds }: { systemRef: string | null; rounds?: RoundSummary[] }) {
  const { pathname, search } = useLocation();
  const round = rounds?.some((r) => r.id === search.get("round")) ? (search.get("round") as string) : "";
  const date = ISO_DATE.test(search.get("since") ?? "")
    ? (search.get("since") as string)
    : addDaysIso(-DEFAULT_DAYS);
  const since: ChangesSince = round ? { round } : { since: date };
  const key = `changes:${systemRef ?? "*"}:${round || date}`;
  const changes = useResource(key, (signal) =>
    systemRef ? api.systemChanges(systemRef, since, { signal }) : api.changes(since, { signal }),
  );

  function pick(next: { since?: string; round?: string }) {
    const params = new URLSearchParams(search);
    params.delete("since");
    params.delete("round");
    if (next.round) params.set("round", next.round);
    else if (next.since) params.set("since", next.since);
    const text = params.toString();
    navigate(text ? `${pathname}?${text}` : pathname, { replace: true, keepScroll: true });
  }

  return (
    <div className="changes-panel">
      <form className="changes-controls" aria-label="What changed since" onSubmit={(e) => e.preventDefault()}>
        <TextField
          label="Since the day"
          type="date"
          value={round ? "" : date}
          max={addDaysIso(0)}
          onChange={(e) => e.target.value && pick({ since: e.target.value })}
        />
        {rounds && rounds.length > 0 && (
          <SelectField
            label="Or since a round was held"
            value={round}
            onChange={(e) => pick(e.target.value ? { round: e.target.value } : { since: date })}
            options={[
              { value: "", label: "Choose a round" },
              ...rounds.map((r) => ({ value: r.id, label: `${r.title} (${formatDate(r.heldOn)})` })),
            ]}
          />
        )}
        <a
          className="button button-ghost button-small changes-download"
          href={changesFileUrl(systemRef, since)}
          download
        >
          Download as Markdown
        </a>
      </form>
      <ResourceView resource={changes} label="what changed">
        {(data) => <ChangesList changes={data} />}
      </ResourceView>
    </div>
  );
}
