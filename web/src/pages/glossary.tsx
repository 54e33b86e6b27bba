import { useState } from "react";
import { TermEntry } from "../components/glossary.js";
import { PageHeader, useTitle } from "../components/layout.js";
import { GLOSSARY, searchGlossary } from "../lib/glossary.js";

export function GlossaryPage() {
  useTitle("Glossary");
  const [query, setQuery] = useState("");
  const terms = searchGlossary(query);
  return (
    <div className="page">
      <PageHeader title="Glossary" eyebrow="Shared language">
        <p>
          Leadership and engineering use different words for the same worries. Each term here is explained
          twice: in the language of outcomes, money and trust, and in the language of failure modes and
          safeguards.
        </p>
      </PageHeader>
      <div className="glossary-layout">
        <nav aria-label="Terms" className="glossary-index">
          <div className="field">
            <label htmlFor="glossary-search" className="field-label">
              Find a term
            </label>
            <input
              id="glossary-search"
              className="input"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          </div>
          <ul>
            {GLOSSARY.map((t) => (
              <li key={t.id}>
                <a href={`#term-${t.id}`}>{t.term}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="glossary-terms">
          {terms.length === 0 && <p>No term matches “{query}”.</p>}
          {terms.map((t) => (
            <TermEntry key={t.id} term={t} headingLevel={2} />
          ))}
        </div>
      </div>
    </div>
  );
}
