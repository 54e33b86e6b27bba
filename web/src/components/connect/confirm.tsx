// An action that asks once more, inline, before it acts: revoking a token, removing a price or a
// mapping, undoing an import. The question says what happens, and "keep it" is one keypress away.
import { useEffect, useRef, useState } from "react";
import { errorMessage } from "../../api/client.js";

export function ConfirmAction({
  label,
  what,
  question,
  confirmText,
  busyText,
  onConfirm,
  disabled,
}: {
  /** The button's visible text, e.g. "Revoke". */
  label: string;
  /** The thing acted on, read after the label by screen readers, e.g. "token ci-deploy". */
  what: string;
  question: string;
  confirmText: string;
  busyText: string;
  onConfirm: () => Promise<void>;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button
        type="button"
        className="button button-ghost button-small"
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
        <span className="visually-hidden"> {what}</span>
      </button>
    );
  }
  return (
    <div className="confirm-remove" role="group" aria-label={`${label} ${what}?`}>
      <p className="small">{question}</p>
      <button
        ref={confirmRef}
        type="button"
        className="button button-secondary button-small"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(null);
          onConfirm().then(
            () => {
              setBusy(false);
              setAsking(false);
            },
            (e: unknown) => {
              setError(errorMessage(e));
              setBusy(false);
            },
          );
        }}
      >
        {busy ? busyText : confirmText}
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
