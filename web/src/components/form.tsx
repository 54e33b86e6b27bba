// Submitting a form: one busy flag, the server's error message shown next to the button, and field
// errors picked out of zod-style error details when the server sends them.
import { useCallback, useState, type ReactNode } from "react";
import { ApiError, errorMessage } from "../api/client.js";

export interface Submission {
  busy: boolean;
  error: unknown;
  run: (action: () => Promise<void>) => Promise<boolean>;
  clear: () => void;
  fieldError: (name: string) => string | undefined;
}

/**
 * Collects field messages from a validation error's details: `{ issues: [{ path, message }] }`, where
 * path is "body.title" (or an array of segments). The "body." prefix is dropped so forms can look up
 * their own field names.
 */
function fieldErrorsOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError) || typeof error.details !== "object" || error.details === null) return out;
  const details = error.details as { issues?: unknown; field?: unknown };
  // A rule's refusal names one field: { field: "note" }; the message is the error's own.
  if (typeof details.field === "string") out[details.field] = error.message;
  const issues = Array.isArray(details.issues) ? (details.issues as unknown[]) : [];
  for (const issue of issues) {
    if (typeof issue !== "object" || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (typeof message !== "string") continue;
    const joined = Array.isArray(path) ? path.map(String).join(".") : typeof path === "string" ? path : "";
    const key = joined.replace(/^(body|query|params)\./, "");
    if (key && !(key in out)) out[key] = message;
  }
  return out;
}

export function useSubmission(): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(undefined), []);
  const fields = fieldErrorsOf(error);
  return { busy, error, run, clear, fieldError: (name) => fields[name] };
}

export function FormError({ submission, children }: { submission: Submission; children?: ReactNode }) {
  if (submission.error === undefined) return null;
  return (
    <div className="form-error" role="alert">
      <strong>Not saved.</strong> {errorMessage(submission.error)}
      {children}
    </div>
  );
}

export function SubmitButton({
  submission,
  children,
  busyText = "Saving…",
  disabled,
  className = "button button-primary",
}: {
  submission: Submission;
  children: ReactNode;
  busyText?: string;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <button
      type="submit"
      className={className}
      disabled={submission.busy || disabled}
      aria-busy={submission.busy}
    >
      {submission.busy ? busyText : children}
    </button>
  );
}
