// The frame around every signed-in page: skip link, top bar, main region. Focus moves to the main
// region's heading after each navigation so screen-reader users hear where they are.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { errorMessage } from "../api/client.js";
import { api } from "../api/endpoints.js";
import { Link, NavLink, navigate, useLocation } from "../lib/router.js";
import { useSession } from "../lib/session.js";
import { useResource } from "../lib/use-resource.js";
import { SideBadge } from "./chips.js";
import { FailingChannelsBanner } from "./notification-banner.js";
import { useGlossary } from "./glossary.js";

function SearchBox() {
  const { pathname, search } = useLocation();
  const current = pathname === "/" ? (search.get("q") ?? "") : "";
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const params = pathname === "/" ? new URLSearchParams(search) : new URLSearchParams();
    if (text.trim()) params.set("q", text.trim());
    else params.delete("q");
    const query = params.toString();
    navigate(query ? `/?${query}` : "/");
  }

  return (
    <form role="search" className="topbar-search" onSubmit={submit}>
      <label htmlFor="topbar-search" className="visually-hidden">
        Search systems
      </label>
      <input
        id="topbar-search"
        className="input input-search"
        type="search"
        placeholder="Search"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="visually-hidden">
        Search
      </button>
    </form>
  );
}

function PersonMenu() {
  const { state, signOut } = useSession();
  const [error, setError] = useState<string | null>(null);
  if (state.status !== "signed-in") return null;
  const person = state.person;
  return (
    <div className="topbar-person">
      <span className="topbar-person-name">
        <span className="visually-hidden">Signed in as </span>
        {person.name}
      </span>
      <SideBadge side={person.side} />
      <button
        type="button"
        className="button button-ghost button-small"
        onClick={() => {
          signOut().catch((e: unknown) => setError(errorMessage(e)));
        }}
      >
        Sign out
      </button>
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** The workspace's name (PARLEY_WORKSPACE_NAME on the server), once per page load. */
function useWorkspaceName(): string | null {
  const workspace = useResource("workspace", (signal) => api.workspace({ signal }));
  return workspace.data?.name ?? null;
}

export function TopBar() {
  const { state } = useSession();
  const glossary = useGlossary();
  const workspace = useWorkspaceName();
  const admin = state.status === "signed-in" && state.person.isAdmin;
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Parley</span>
          {workspace && workspace !== "Parley" ? (
            <span className="brand-workspace" title={workspace}>
              <span className="visually-hidden">workspace </span>
              {workspace}
            </span>
          ) : (
            <span className="brand-workspace brand-tagline">Shared map of AI systems</span>
          )}
        </Link>
        <nav aria-label="Main" className="topbar-nav">
          <NavLink to="/" exact>
            Map
          </NavLink>
          <NavLink to="/board">Board</NavLink>
          <NavLink to="/risks">Risks</NavLink>
          <NavLink to="/ledger">Ledger</NavLink>
          <NavLink to="/briefs">Briefs</NavLink>
          <NavLink to="/timeline">Timeline</NavLink>
          {admin && <NavLink to="/people">People</NavLink>}
          <NavLink to="/notifications">Notifications</NavLink>
          <NavLink to="/connect">Connect data</NavLink>
          <NavLink to="/glossary">Glossary</NavLink>
        </nav>
        <SearchBox />
        <button
          type="button"
          className="button button-ghost button-small help-button"
          onClick={() => glossary.open()}
        >
          <span aria-hidden="true" className="help-icon">
            ?
          </span>{" "}
          Help
        </button>
        <PersonMenu />
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = main.current?.querySelector("h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
    }
  }, [pathname]);

  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <TopBar />
      <main id="main" ref={main} className="main" tabIndex={-1}>
        <FailingChannelsBanner />
        {children}
      </main>
      <footer className="footer">
        <p>
          Parley — AI stops failing quietly. <Link to="/glossary">Glossary</Link> ·{" "}
          <a href="/api/docs">API documentation</a>
        </p>
      </footer>
    </>
  );
}

/** A page heading with an optional eyebrow line and actions on the right. */
export function PageHeader({
  title,
  eyebrow,
  children,
  actions,
}: {
  title: ReactNode;
  eyebrow?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="page-header">
      <div className="page-header-text">
        {eyebrow && <div className="eyebrow">{eyebrow}</div>}
        <h1>{title}</h1>
        {children && <div className="page-lede">{children}</div>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

/** Sets the document title for the current page. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Parley` : "Parley";
  }, [title]);
}
