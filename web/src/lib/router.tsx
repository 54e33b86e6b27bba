// A small History-API router: the app has a handful of routes, so a dependency would add weight
// without adding much. Links are real <a href> elements, so middle-click and "open in new tab" work.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from "react";

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search + window.location.hash;
}

export interface NavigateOptions {
  replace?: boolean;
  /** Keep the scroll position (used when only the query string changes, e.g. filters). */
  keepScroll?: boolean;
}

export function navigate(to: string, options: NavigateOptions = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  if (!options.keepScroll) window.scrollTo(0, 0);
  notify();
}

export interface Location {
  pathname: string;
  search: URLSearchParams;
  href: string;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { pathname: url.pathname, search: url.searchParams, href };
}

/**
 * A path segment with its %-escapes decoded, or null when they are malformed (e.g. "%E0%A4%A"):
 * such an address names nothing, so it should reach the not-found page rather than throw.
 */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Matches "/systems/:ref/risks/:id" against a path; returns the decoded params, or null when the
 * path does not match or a param's %-escapes are malformed.
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const have = pathname.split("/").filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i] as string;
    const value = have[i] as string;
    if (part.startsWith(":")) {
      const decoded = decodeSegment(value);
      if (decoded === null) return null;
      params[part.slice(1)] = decoded;
    } else if (part !== value) return null;
  }
  return params;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & {
  to: string;
  children: ReactNode;
  replace?: boolean;
};

export function Link({ to, replace, onClick, children, ...rest }: LinkProps) {
  function click(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (event.defaultPrevented) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (rest.target && rest.target !== "_self") return;
    event.preventDefault();
    navigate(to, { replace: replace ?? false });
  }
  return (
    <a href={to} onClick={click} {...rest}>
      {children}
    </a>
  );
}

/** A link that marks itself as the current page (aria-current) when its path matches. */
export function NavLink({
  to,
  exact,
  alsoCurrentFor = [],
  ...rest
}: LinkProps & { exact?: boolean; alsoCurrentFor?: string[] }) {
  const { pathname } = useLocation();
  const path = to.split("?")[0] ?? to;
  const under = (p: string) => pathname === p || pathname.startsWith(p + "/");
  const current = (exact ? pathname === path : under(path)) || alsoCurrentFor.some(under);
  return <Link to={to} aria-current={current ? "page" : undefined} {...rest} />;
}
