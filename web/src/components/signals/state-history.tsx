// When a limit or budget changed state, loaded only when someone opens it.
import { useState } from "react";
import type { StateChange } from "../../../../src/contract/limits.js";
import { errorMessage } from "../../api/client.js";
import { formatDateTime } from "../../lib/format.js";
import { LimitStateChip } from "./limit-state.js";

export function StateHistory({
  load,
  format,
}: {
  load: () => Promise<{ items: StateChange[] }>;
  format: (value: number | null) => string;
}) {
  const [items, setItems] = useState<StateChange[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  function open(isOpen: boolean) {
    if (!isOpen || items !== null) return;
    load().then(
      (page) => setItems(page.items),
      (e: unknown) => setError(errorMessage(e)),
    );
  }

  return (
    <details className="disclosure disclosure-small" onToggle={(e) => open(e.currentTarget.open)}>
      <summary>State history</summary>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : items === null ? (
        <p className="muted small">Loading…</p>
      ) : items.length === 0 ? (
        <p className="muted small">No change of state recorded yet.</p>
      ) : (
        <ol className="state-history">
          {items.map((change, i) => (
            <li key={`${change.at}-${i}`}>
              <time dateTime={change.at}>{formatDateTime(change.at)}</time>{" "}
              <LimitStateChip state={change.state} /> <span className="muted">at {format(change.value)}</span>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

/** A remove button that asks once more, inline, before it acts. */
export function ConfirmRemove({
  what,
  note,
  onRemove,
}: {
  what: string;
  note: string;
  onRemove: () => Promise<void>;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!asking) {
    return (
      <button type="button" className="button button-ghost button-small" onClick={() => setAsking(true)}>
        Remove<span className="visually-hidden"> {what}</span>
      </button>
    );
  }
  return (
    <div className="confirm-remove" role="group" aria-label={`Remove ${what}?`}>
      <p className="small">
        Remove {what}? {note}
      </p>
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(null);
          onRemove().catch((e: unknown) => {
            setError(errorMessage(e));
            setBusy(false);
          });
        }}
      >
        {busy ? "Removing…" : "Yes, remove it"}
      </button>{" "}
      <button type="button" className="button button-ghost button-small" onClick={() => setAsking(false)}>
        Keep it
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
