// Loading, empty and error states, used by every page so none of them can end up blank.
import type { ReactNode } from "react";
import { errorMessage } from "../api/client.js";
import type { Resource } from "../lib/use-resource.js";

export function Loading({ label = "Loading" }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}…</span>
    </div>
  );
}

export function ErrorNotice({
  error,
  title = "This could not be loaded",
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
      <p>{errorMessage(error)}</p>
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children && <div className="state-body">{children}</div>}
      {action && <div className="state-action">{action}</div>}
    </div>
  );
}

/** Renders loading / error for a resource and hands the data to `children` once it is there. */
export function ResourceView<T>({
  resource,
  label,
  children,
}: {
  resource: Resource<T>;
  label?: string;
  children: (data: T) => ReactNode;
}) {
  if (resource.status === "loading") return <Loading label={label ? `Loading ${label}` : "Loading"} />;
  if (resource.status === "error") {
    return (
      <>
        <ErrorNotice error={resource.error} onRetry={resource.reload} />
        {resource.data !== undefined && children(resource.data)}
      </>
    );
  }
  return <>{children(resource.data)}</>;
}
