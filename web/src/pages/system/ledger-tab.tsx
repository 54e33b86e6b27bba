// A system's share of the invisible-work ledger: what its safeguards caught or prevented, the value
// protected over the last 90 days, and a form to record more.
import { useState } from "react";
import { api } from "../../api/endpoints.js";
import { TermHelp } from "../../components/glossary.js";
import { LedgerEntries } from "../../components/ledger/ledger-entries.js";
import { LedgerForm } from "../../components/ledger/ledger-form.js";
import { ValueTotals } from "../../components/ledger/ledger-rollup.js";
import { ResourceView } from "../../components/states.js";
import { formatDate, plural } from "../../lib/format.js";
import { LEDGER_KIND_LABEL, LEDGER_KINDS } from "../../lib/labels.js";
import { Link } from "../../lib/router.js";
import { useResource } from "../../lib/use-resource.js";
import { useSystem } from "./context.js";

export function LedgerTab() {
  const { system } = useSystem();
  const [added, setAdded] = useState(0);
  const rollup = useResource(`ledger-rollup:system:${system.key}`, (signal) =>
    api.ledgerRollup({ by: "system", systemId: system.id }, { signal }),
  );
  const saved = () => {
    setAdded((n) => n + 1);
    rollup.reload();
  };
  return (
    <div className="stack">
      <section aria-labelledby="protected-title" className="card">
        <div className="card-head">
          <h2 id="protected-title">
            Value protected <TermHelp id="invisible-work" />
          </h2>
          <Link
            to={`/ledger?system=${encodeURIComponent(system.key)}`}
            className="button button-ghost button-small"
          >
            Open in the ledger
          </Link>
        </div>
        <ResourceView resource={rollup} label="the totals">
          {(data) => (
            <>
              <p className="muted small">
                From {formatDate(data.from)} to {formatDate(data.to)}:{" "}
                {plural(data.totals.entries, "entry", "entries")}
                {data.totals.unvalued > 0 && `, ${data.totals.unvalued} without a value`}.
              </p>
              <ValueTotals totals={data.totals.value} />
              {data.totals.entries > 0 && (
                <ul className="chip-row ledger-kinds" aria-label="Entries by kind">
                  {LEDGER_KINDS.filter((k) => (data.totals.byKind[k] ?? 0) > 0).map((k) => (
                    <li key={k} className="small">
                      {LEDGER_KIND_LABEL[k]}: <strong>{data.totals.byKind[k]}</strong>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </ResourceView>
      </section>
      <details className="disclosure card ledger-add">
        <summary>Record what a safeguard caught or prevented</summary>
        <LedgerForm
          fixedSystem={{ id: system.id, key: system.key, name: system.name }}
          defaultCurrency={system.valueEstimate?.currency ?? "USD"}
          onSaved={saved}
        />
      </details>
      <section aria-labelledby="ledger-title">
        <h2 id="ledger-title">Ledger entries</h2>
        <LedgerEntries
          key={`${system.id}:${added}`}
          showSystem={false}
          onChange={rollup.reload}
          emptyText={`Nothing recorded for ${system.name} yet. When a safeguard catches something, record it here.`}
          load={(offset, limit) => api.systemLedger(system.key, { offset, limit })}
        />
      </section>
    </div>
  );
}
