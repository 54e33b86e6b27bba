// Safeguards: engineering's protective work, linked to the risks it covers. Open risks with no
// safeguard are listed first, because that is where a failure would meet nothing.
import { useState } from "react";
import type { Safeguard, SafeguardKind, SafeguardStatus } from "../../../../src/contract/index.js";
import { errorMessage } from "../../api/client.js";
import { api } from "../../api/endpoints.js";
import { Chip, PostureChip, SafeguardKindChip, SafeguardStatusChip } from "../../components/chips.js";
import { SelectField } from "../../components/fields.js";
import { TermHelp } from "../../components/glossary.js";
import { EmptyState, ResourceView } from "../../components/states.js";
import {
  SAFEGUARD_KIND_LABEL,
  SAFEGUARD_KIND_MEANING,
  SAFEGUARD_KINDS,
  SAFEGUARD_STATUS_LABEL,
  SAFEGUARD_STATUSES,
  scoreLabel,
} from "../../lib/labels.js";
import { isUnguarded } from "../../lib/risk-rules.js";
import { Link } from "../../lib/router.js";
import { useResource } from "../../lib/use-resource.js";
import { useSystem } from "./context.js";

function StatusSelect({ safeguard, onSaved }: { safeguard: Safeguard; onSaved: (s: Safeguard) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function change(status: SafeguardStatus) {
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.updateSafeguard(safeguard.id, { status, version: safeguard.version }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="status-select">
      <SelectField
        label={
          <span className="small">
            Status<span className="visually-hidden"> of {safeguard.name}</span>
          </span>
        }
        value={safeguard.status}
        disabled={busy}
        onChange={(e) => void change(e.target.value as SafeguardStatus)}
        options={SAFEGUARD_STATUSES.map((s) => ({ value: s, label: SAFEGUARD_STATUS_LABEL[s] }))}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function SafeguardCard({ safeguard, onSaved }: { safeguard: Safeguard; onSaved: (s: Safeguard) => void }) {
  const { base } = useSystem();
  return (
    <li className="safeguard-card">
      <article aria-labelledby={`sg-${safeguard.id}`}>
        <header className="risk-head">
          <div>
            <h3 id={`sg-${safeguard.id}`} className="risk-title">
              {safeguard.name}
            </h3>
            <p className="muted small">
              {SAFEGUARD_KIND_MEANING[safeguard.kind]}
              {safeguard.owner && ` · owned by ${safeguard.owner.name}`}
            </p>
          </div>
          <div className="chip-row">
            <SafeguardKindChip kind={safeguard.kind} />
            <SafeguardStatusChip status={safeguard.status} />
          </div>
        </header>
        {safeguard.description && <p>{safeguard.description}</p>}
        <div className="safeguard-foot">
          <div>
            <h4>Protects against</h4>
            {safeguard.risks.length === 0 ? (
              <p className="muted">No risk linked yet.</p>
            ) : (
              <ul className="plain-list">
                {safeguard.risks.map((r) => (
                  <li key={r.id}>
                    <Link to={`${base}/risks/${encodeURIComponent(r.id)}`}>{r.title}</Link>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <StatusSelect safeguard={safeguard} onSaved={onSaved} />
        </div>
      </article>
    </li>
  );
}

function SafeguardList({ initial }: { initial: Safeguard[] }) {
  const [items, setItems] = useState(initial);
  const [kind, setKind] = useState<SafeguardKind | "">("");
  const [status, setStatus] = useState<SafeguardStatus | "">("");
  const shown = items.filter((s) => (!kind || s.kind === kind) && (!status || s.status === status));
  const replace = (s: Safeguard) => setItems((list) => list.map((x) => (x.id === s.id ? s : x)));
  return (
    <>
      <form className="filters" aria-label="Filter safeguards" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as SafeguardKind | "")}
          options={[
            { value: "", label: "Any kind" },
            ...SAFEGUARD_KINDS.map((k) => ({ value: k, label: SAFEGUARD_KIND_LABEL[k] })),
          ]}
        />
        <SelectField
          label="Status"
          value={status}
          onChange={(e) => setStatus(e.target.value as SafeguardStatus | "")}
          options={[
            { value: "", label: "Any status" },
            ...SAFEGUARD_STATUSES.map((s) => ({ value: s, label: SAFEGUARD_STATUS_LABEL[s] })),
          ]}
        />
      </form>
      {shown.length === 0 ? (
        <EmptyState title={items.length === 0 ? "No safeguards yet" : "No safeguard matches these filters"}>
          {items.length === 0 && (
            <p>Safeguards are how engineering prevents, detects, limits or recovers from failures.</p>
          )}
        </EmptyState>
      ) : (
        <ol className="safeguard-list">
          {shown.map((s) => (
            <SafeguardCard key={s.id} safeguard={s} onSaved={replace} />
          ))}
        </ol>
      )}
    </>
  );
}

function Unguarded() {
  const { system, base } = useSystem();
  const risks = useResource(`risks-unguarded:${system.id}`, (signal) =>
    api.risks({ systemId: system.id, unguarded: true, limit: 500 }, { signal }),
  );
  return (
    <ResourceView resource={risks} label="unguarded risks">
      {(page) => {
        const open = page.items.filter(isUnguarded);
        if (open.length === 0) {
          return (
            <p className="notice notice-ok">
              <span aria-hidden="true">✓ </span>Every open risk has at least one safeguard.
            </p>
          );
        }
        return (
          <section className="card card-warn" aria-labelledby="unguarded-title">
            <h3 id="unguarded-title">
              <span aria-hidden="true">▲ </span>
              {open.length === 1 ? "One open risk has" : `${open.length} open risks have`} no safeguard{" "}
              <TermHelp id="unguarded" />
            </h3>
            <ul className="unguarded-list">
              {open.map((r) => (
                <li key={r.id}>
                  <Link to={`${base}/risks/${encodeURIComponent(r.id)}`}>{r.title}</Link>{" "}
                  <span className="muted small">impact {scoreLabel(r.impact).toLowerCase()}</span>{" "}
                  <PostureChip posture={r.posture} expiresInDays={r.expiresInDays} />
                  {r.growth === "quiet" && (
                    <Chip tone="warn" icon="~">
                      Grows quietly: needs detection
                    </Chip>
                  )}{" "}
                  <Link to={`${base}/safeguards/new?risk=${encodeURIComponent(r.id)}`} className="small">
                    Add a safeguard<span className="visually-hidden"> for {r.title}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        );
      }}
    </ResourceView>
  );
}

export function SafeguardsTab() {
  const { system, base } = useSystem();
  const safeguards = useResource(`safeguards:${system.id}`, (signal) =>
    api.safeguards({ systemId: system.id, limit: 500 }, { signal }),
  );
  return (
    <section aria-labelledby="safeguards-title" className="stack">
      <div className="section-head">
        <h2 id="safeguards-title">
          Safeguards <TermHelp id="safeguard" />
        </h2>
        <Link to={`${base}/safeguards/new`} className="button button-primary">
          Add a safeguard
        </Link>
      </div>
      <Unguarded />
      <ResourceView resource={safeguards} label="safeguards">
        {(page) => <SafeguardList initial={page.items} />}
      </ResourceView>
    </section>
  );
}
