// The invisible-work ledger: what engineering's safeguards caught or prevented and what that was
// probably worth, so leadership can see what did not happen, and why. Filters live in the address.
import { useMemo, useState } from "react";
import type { LedgerKind } from "../../../src/contract/ledger.js";
import { api, csvExportUrl } from "../api/endpoints.js";
import { SelectField, TextField } from "../components/fields.js";
import { TermHelp } from "../components/glossary.js";
import { PageHeader, useTitle } from "../components/layout.js";
import { LedgerEntries } from "../components/ledger/ledger-entries.js";
import { LedgerForm } from "../components/ledger/ledger-form.js";
import { LedgerRollupView, ValueTotals } from "../components/ledger/ledger-rollup.js";
import { ResourceView } from "../components/states.js";
import { LEDGER_KIND_LABEL, LEDGER_KINDS } from "../lib/labels.js";
import { navigate, useLocation } from "../lib/router.js";
import { useResource } from "../lib/use-resource.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function LedgerPage() {
  useTitle("Ledger");
  const { search } = useLocation();
  const system = search.get("system") ?? "";
  const kind = (LEDGER_KINDS as string[]).includes(search.get("kind") ?? "")
    ? (search.get("kind") as LedgerKind)
    : "";
  const from = ISO_DATE.test(search.get("from") ?? "") ? (search.get("from") as string) : "";
  const to = ISO_DATE.test(search.get("to") ?? "") ? (search.get("to") as string) : "";
  const by = search.get("by") === "month" ? "month" : "system";

  const portfolio = useResource("portfolio", (signal) => api.portfolio({ signal }));
  const systems = useMemo(
    () =>
      (portfolio.data?.systems ?? [])
        .map((s) => ({ id: s.id, key: s.key, name: s.name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [portfolio.data],
  );
  const rollup = useResource(`ledger-rollup:${by}:${system}:${kind}:${from}:${to}`, (signal) =>
    api.ledgerRollup(
      {
        by,
        systemId: system || undefined,
        kind: kind || undefined,
        from: from || undefined,
        to: to || undefined,
      },
      { signal },
    ),
  );
  const [added, setAdded] = useState(0);
  const listKey = `${system}|${kind}|${from}|${to}|${added}`;
  const entryAdded = () => {
    setAdded((n) => n + 1);
    rollup.reload();
  };

  function setParam(name: string, value: string) {
    const params = new URLSearchParams(search);
    if (value) params.set(name, value);
    else params.delete(name);
    const text = params.toString();
    navigate(text ? `/ledger?${text}` : "/ledger", { replace: true, keepScroll: true });
  }

  return (
    <div className="page">
      <PageHeader title="Invisible-work ledger" eyebrow="All systems">
        <p>
          What engineering's safeguards caught or prevented, and what it was probably worth: the failures that
          did not happen. <TermHelp id="invisible-work" />
        </p>
        <p className="small">
          <a
            href={csvExportUrl("/ledger", {
              systemId: system || undefined,
              kind: kind || undefined,
              from: from || undefined,
              to: to || undefined,
            })}
            download
          >
            Download these entries (CSV)
          </a>
        </p>
      </PageHeader>
      <form
        className="filters ledger-filters"
        aria-label="Filter the ledger"
        onSubmit={(e) => e.preventDefault()}
      >
        <SelectField
          label="System"
          value={system}
          onChange={(e) => setParam("system", e.target.value)}
          options={[
            { value: "", label: "All systems" },
            ...systems.map((s) => ({ value: s.key, label: s.name })),
          ]}
        />
        <SelectField
          label="Kind"
          value={kind}
          onChange={(e) => setParam("kind", e.target.value)}
          options={[
            { value: "", label: "Any kind" },
            ...LEDGER_KINDS.map((k) => ({ value: k, label: LEDGER_KIND_LABEL[k] })),
          ]}
        />
        <TextField
          label="From"
          type="date"
          value={from}
          max={to || undefined}
          onChange={(e) => setParam("from", e.target.value)}
        />
        <TextField
          label="To"
          type="date"
          value={to}
          min={from || undefined}
          onChange={(e) => setParam("to", e.target.value)}
        />
        {(system || kind || from || to) && (
          <button
            type="button"
            className="button button-ghost filters-clear"
            onClick={() => navigate("/ledger", { replace: true })}
          >
            Clear filters
          </button>
        )}
      </form>

      <section aria-labelledby="rollup-title" className="card">
        <div className="card-head">
          <h2 id="rollup-title">Value protected</h2>
          <div className="segmented" role="group" aria-label="Totals by">
            <button type="button" aria-pressed={by === "system"} onClick={() => setParam("by", "")}>
              By system
            </button>
            <button type="button" aria-pressed={by === "month"} onClick={() => setParam("by", "month")}>
              By month
            </button>
          </div>
        </div>
        <ResourceView resource={rollup} label="the totals">
          {(data) => (
            <>
              <div className="ledger-headline">
                <p className="total-number">{data.totals.entries}</p>
                <div>
                  <p className="total-label">
                    {data.totals.entries === 1 ? "entry" : "entries"} of invisible work
                    {kind && <span className="muted small"> · only “{LEDGER_KIND_LABEL[kind]}”</span>}
                  </p>
                  <ValueTotals totals={data.totals.value} />
                </div>
              </div>
              <LedgerRollupView rollup={data} />
            </>
          )}
        </ResourceView>
      </section>

      <details className="disclosure card ledger-add">
        <summary>Record what a safeguard caught or prevented</summary>
        <ResourceView resource={portfolio} label="the systems">
          {() => <LedgerForm systems={systems} onSaved={entryAdded} />}
        </ResourceView>
      </details>

      <section aria-labelledby="entries-title" className="section">
        <h2 id="entries-title">Entries</h2>
        <LedgerEntries
          key={listKey}
          showSystem
          onChange={rollup.reload}
          emptyText="When a safeguard catches something, record it here, or let the safeguard push it through the API."
          load={(offset, limit) =>
            api.ledger({
              systemId: system || undefined,
              kind: kind || undefined,
              from: from || undefined,
              to: to || undefined,
              offset,
              limit,
            })
          }
        />
      </section>
    </div>
  );
}
