// Ledger entries, newest first, loaded page by page. Whoever entered an entry (or an admin) can
// correct or remove it; everyone else reads it.
import { useEffect, useState } from "react";
import type { Page } from "../../../../src/contract/index.js";
import type { LedgerEntry, LedgerKind } from "../../../../src/contract/ledger.js";
import { errorMessage } from "../../api/client.js";
import { api } from "../../api/endpoints.js";
import { formatCostRange, formatDate } from "../../lib/format.js";
import { LEDGER_KIND_LABEL, SAFEGUARD_KIND_LABEL } from "../../lib/labels.js";
import { Link } from "../../lib/router.js";
import { useMe } from "../../lib/session.js";
import { Chip, SideBadge, type Tone } from "../chips.js";
import { ConfirmRemove } from "../signals/state-history.js";
import { EmptyState, ErrorNotice, Loading } from "../states.js";
import { LedgerForm } from "./ledger-form.js";

const PAGE_SIZE = 25;

const KIND_CHIP: Record<LedgerKind, { tone: Tone; icon: string }> = {
  caught: { tone: "ok", icon: "◉" },
  prevented: { tone: "ok", icon: "■" },
  incident_avoided: { tone: "ok", icon: "⊘" },
  cost_stabilised: { tone: "info", icon: "▭" },
  data_cleaned: { tone: "info", icon: "✓" },
  other: { tone: "neutral", icon: "•" },
};

function EntryCard({
  entry,
  showSystem,
  onChanged,
  onRemoved,
}: {
  entry: LedgerEntry;
  showSystem: boolean;
  onChanged: (entry: LedgerEntry) => void;
  onRemoved: (id: string) => void;
}) {
  const me = useMe();
  const mine = me.isAdmin || me.id === entry.enteredBy.id;
  const [correcting, setCorrecting] = useState(false);
  const kind = KIND_CHIP[entry.kind];
  return (
    <li className="ledger-entry">
      <article aria-labelledby={`ledger-${entry.id}`}>
        <div className="ledger-entry-head">
          <p className="ledger-date">
            <time dateTime={entry.occurredOn}>{formatDate(entry.occurredOn)}</time>
          </p>
          <Chip tone={kind.tone} icon={kind.icon}>
            {LEDGER_KIND_LABEL[entry.kind]}
          </Chip>
          <p className="ledger-value">
            {entry.value ? (
              <>
                <span className="visually-hidden">Estimated value: </span>
                {formatCostRange(entry.value)}
              </>
            ) : (
              <span className="muted small">No value estimated</span>
            )}
          </p>
        </div>
        <h3 id={`ledger-${entry.id}`} className="ledger-summary">
          {entry.summary}
        </h3>
        <p className="small muted ledger-meta">
          {showSystem && (
            <>
              <Link to={`/systems/${encodeURIComponent(entry.system.key)}/ledger`}>{entry.system.name}</Link>{" "}
              ·{" "}
            </>
          )}
          {entry.safeguard ? (
            <>
              by the safeguard “{entry.safeguard.name}” (
              {SAFEGUARD_KIND_LABEL[entry.safeguard.kind].toLowerCase()}) ·{" "}
            </>
          ) : null}
          recorded by <SideBadge side={entry.enteredBy.side}>{entry.enteredBy.name}</SideBadge>
          {entry.externalId && " · pushed by the safeguard"}
        </p>
        {entry.estimateBasis && (
          <p className="small">
            <span className="muted">How it was estimated: </span>
            {entry.estimateBasis}
          </p>
        )}
        {entry.evidenceUrl && (
          <p className="small">
            <a href={entry.evidenceUrl} target="_blank" rel="noopener noreferrer">
              Evidence<span className="visually-hidden"> for “{entry.summary}”</span> (opens in a new tab)
            </a>
          </p>
        )}
        {mine && (
          <div className="ledger-actions">
            <details
              className="disclosure disclosure-small"
              onToggle={(e) => setCorrecting(e.currentTarget.open)}
            >
              <summary>
                Correct it<span className="visually-hidden">: {entry.summary}</span>
              </summary>
              {/* Mounted only while open: each form loads the system's safeguards. */}
              {correcting && (
                <LedgerForm initial={entry} submitLabel="Save the correction" onSaved={onChanged} />
              )}
            </details>
            <ConfirmRemove
              what="this entry"
              note="The audit trail keeps a record of it."
              onRemove={async () => {
                await api.deleteLedgerEntry(entry.id);
                onRemoved(entry.id);
              }}
            />
          </div>
        )}
      </article>
    </li>
  );
}

/** Remount (key) when the filters change; `onChange` tells the parent to refresh its totals. */
export function LedgerEntries({
  load,
  showSystem,
  onChange,
  emptyText,
}: {
  load: (offset: number, limit: number) => Promise<Page<LedgerEntry>>;
  showSystem: boolean;
  onChange?: () => void;
  emptyText: string;
}) {
  const [entries, setEntries] = useState<LedgerEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<number | null>(0);
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState<unknown>(undefined);

  async function more(offset: number) {
    setBusy(true);
    setError(undefined);
    try {
      const page = await load(offset, PAGE_SIZE);
      setEntries((list) => (offset === 0 ? page.items : [...list, ...page.items]));
      setTotal(page.total);
      setNext(page.nextOffset);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    void more(0);
    // Loads the first page once; the parent remounts this list (key) when its filters change.
  }, []);

  if (busy && entries.length === 0) return <Loading label="Loading the ledger" />;
  if (error !== undefined && entries.length === 0)
    return <ErrorNotice error={error} onRetry={() => void more(0)} />;
  if (entries.length === 0) {
    return (
      <EmptyState title="Nothing recorded here yet">
        <p>{emptyText}</p>
      </EmptyState>
    );
  }
  return (
    <>
      <p className="muted small">
        Showing {entries.length} of {total} {total === 1 ? "entry" : "entries"}, newest first.
      </p>
      <ol className="ledger-list">
        {entries.map((e) => (
          <EntryCard
            key={e.id}
            entry={e}
            showSystem={showSystem}
            onChanged={(changed) => {
              setEntries((list) => list.map((x) => (x.id === changed.id ? changed : x)));
              onChange?.();
            }}
            onRemoved={(id) => {
              setEntries((list) => list.filter((x) => x.id !== id));
              setTotal((n) => n - 1);
              onChange?.();
            }}
          />
        ))}
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
            {busy ? "Loading…" : "Show older entries"}
          </button>
        </div>
      )}
    </>
  );
}
