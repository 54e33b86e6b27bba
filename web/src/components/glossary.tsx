// The glossary drawer, reachable from every page: the top bar's "Glossary" button opens it, and a
// small "?" next to a term opens it at that term. A native <dialog> gives focus trapping and Escape.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { findTerm, searchGlossary, type GlossaryTerm } from "../lib/glossary.js";
import { Link } from "../lib/router.js";

interface GlossaryApi {
  open: (termId?: string) => void;
}

const GlossaryContext = createContext<GlossaryApi>({ open: () => undefined });

export function useGlossary(): GlossaryApi {
  return useContext(GlossaryContext);
}

export function TermEntry({ term, headingLevel = 3 }: { term: GlossaryTerm; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="term" id={`term-${term.id}`} aria-labelledby={`term-${term.id}-title`}>
      <Heading id={`term-${term.id}-title`} className="term-title">
        {term.term}
      </Heading>
      <p className="term-summary">{term.summary}</p>
      <div className="term-views">
        <div className="term-view term-view-leadership">
          <p className="term-view-label">For leadership</p>
          <p>{term.leadership}</p>
        </div>
        <div className="term-view term-view-engineering">
          <p className="term-view-label">For engineering</p>
          <p>{term.engineering}</p>
        </div>
      </div>
    </article>
  );
}

function GlossaryDrawer({ termId, onClose }: { termId: string | null | undefined; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState("");
  const isOpen = termId !== null;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (isOpen && !element.open) {
      element.showModal();
      setQuery("");
      if (termId) {
        requestAnimationFrame(() =>
          element.querySelector(`#term-${CSS.escape(termId)}`)?.scrollIntoView({ block: "start" }),
        );
      }
    }
    if (!isOpen && element.open) element.close();
  }, [isOpen, termId]);

  const selected = termId ? findTerm(termId) : undefined;
  const terms = searchGlossary(query);

  return (
    <dialog ref={dialog} className="drawer" aria-labelledby="glossary-drawer-title" onClose={onClose}>
      {isOpen && (
        <>
          <div className="drawer-head">
            <h2 id="glossary-drawer-title">Glossary</h2>
            <button type="button" className="button button-ghost" onClick={onClose}>
              Close<span className="visually-hidden"> glossary</span>
            </button>
          </div>
          <p className="drawer-intro">
            Each term in both languages: outcomes and money, failure modes and safeguards.
          </p>
          <div className="field">
            <label htmlFor="glossary-drawer-search" className="field-label">
              Find a term
            </label>
            <input
              id="glossary-drawer-search"
              className="input"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          </div>
          <div className="drawer-body">
            {selected && !query && (
              <div className="term-selected">
                <TermEntry term={selected} />
              </div>
            )}
            {terms
              .filter((t) => query || t.id !== selected?.id)
              .map((t) => (
                <TermEntry key={t.id} term={t} />
              ))}
            {terms.length === 0 && <p>No term matches “{query}”.</p>}
          </div>
          <p className="drawer-foot">
            <Link to="/glossary" onClick={onClose}>
              Open the glossary as a page
            </Link>
          </p>
        </>
      )}
    </dialog>
  );
}

export function GlossaryProvider({ children }: { children: ReactNode }) {
  // null: closed; undefined: open without a term; string: open at that term.
  const [termId, setTermId] = useState<string | null | undefined>(null);
  const open = useCallback((id?: string) => setTermId(id), []);
  const value = useMemo(() => ({ open }), [open]);
  return (
    <GlossaryContext.Provider value={value}>
      {children}
      <GlossaryDrawer termId={termId} onClose={() => setTermId(null)} />
    </GlossaryContext.Provider>
  );
}

/** A small "?" button after a term that opens its glossary entry. */
export function TermHelp({ id }: { id: string }) {
  const { open } = useGlossary();
  const term = findTerm(id);
  if (!term) return null;
  return (
    <button type="button" className="term-help" onClick={() => open(id)}>
      <span aria-hidden="true">?</span>
      <span className="visually-hidden">What does “{term.term}” mean?</span>
    </button>
  );
}
