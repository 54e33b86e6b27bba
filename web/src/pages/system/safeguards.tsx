// Safeguards: engineering's protective work, linked to the risks it covers. Open risks with no
// safeguard are listed first, because that is where a failure would meet nothing.
import { useState, type FormEvent } from "react";
import type { Safeguard, SafeguardKind, SafeguardStatus } from "../../../../src/contract/index.js";
import { api } from "../../api/endpoints.js";
import { Chip, PostureChip, SafeguardKindChip, SafeguardStatusChip } from "../../components/chips.js";
import { CheckboxGroup, RadioGroup, SelectField, TextArea, TextField } from "../../components/fields.js";
import { FormError, SubmitButton, useSubmission } from "../../components/form.js";
import { TermHelp } from "../../components/glossary.js";
import { EmptyState, ResourceView } from "../../components/states.js";
import { errorMessage } from "../../api/client.js";
import {
  SAFEGUARD_KIND_LABEL,
  SAFEGUARD_KIND_MEANING,
  SAFEGUARD_KINDS,
  SAFEGUARD_STATUS_LABEL,
  SAFEGUARD_STATUSES,
  scoreLabel,
} from "../../lib/labels.js";
import { Link, navigate, useLocation } from "../../lib/router.js";
import { useResource } from "../../lib/use-resource.js";
import { isUnguarded } from "../../lib/risk-rules.js";
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

export function NewSafeguardPage() {
  const { system, base } = useSystem();
  const { search } = useLocation();
  const risks = useResource(`risks-all:${system.id}`, (signal) =>
    api.risks({ systemId: system.id, limit: 500 }, { signal }),
  );
  const people = useResource("people:engineering", (signal) =>
    api.people({ side: "engineering" }, { signal }),
  );
  const [name, setName] = useState("");
  const [kind, setKind] = useState<SafeguardKind | "">("");
  const [status, setStatus] = useState<SafeguardStatus>("planned");
  const [description, setDescription] = useState("");
  const [ownerId, setOwnerId] = useState(system.engineeringOwner?.id ?? "");
  const [riskIds, setRiskIds] = useState<string[]>(search.get("risk") ? [search.get("risk") as string] : []);
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await submission.run(async () => {
      if (!kind) throw new Error("Choose what kind of safeguard this is.");
      await api.createSafeguard(system.key, {
        name,
        kind,
        status,
        description,
        ownerId: ownerId || null,
        riskIds,
      });
    });
    if (ok) navigate(`${base}/safeguards`);
  }

  return (
    <section aria-labelledby="new-sg-title" className="card">
      <h2 id="new-sg-title">Add a safeguard</h2>
      <form className="form form-wide" onSubmit={submit}>
        <TextField
          label="Name"
          hint="What it is, e.g. “Daily sample of answers reviewed against policy”."
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={submission.fieldError("name")}
        />
        <RadioGroup<SafeguardKind>
          legend="Kind"
          name="kind"
          value={kind}
          onChange={setKind}
          layout="row"
          options={SAFEGUARD_KINDS.map((k) => ({
            value: k,
            label: SAFEGUARD_KIND_LABEL[k],
            hint: SAFEGUARD_KIND_MEANING[k],
          }))}
        />
        <div className="inline-fields">
          <SelectField
            label="Status"
            value={status}
            onChange={(e) => setStatus(e.target.value as SafeguardStatus)}
            options={SAFEGUARD_STATUSES.map((s) => ({ value: s, label: SAFEGUARD_STATUS_LABEL[s] }))}
          />
          <SelectField
            label="Owner"
            value={ownerId}
            onChange={(e) => setOwnerId(e.target.value)}
            options={[
              { value: "", label: "No owner yet" },
              ...(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
            ]}
          />
        </div>
        <TextArea
          label="How it works"
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <ResourceView resource={risks} label="risks">
          {(page) =>
            page.items.length === 0 ? (
              <p className="muted">This system has no risks yet to link.</p>
            ) : (
              <CheckboxGroup
                legend="Risks it protects against"
                layout="stack"
                values={riskIds}
                onChange={setRiskIds}
                options={page.items
                  .filter((r) => !r.closed)
                  .map((r) => ({
                    value: r.id,
                    label: r.title,
                    hint: isUnguarded(r) ? "No safeguard yet" : undefined,
                  }))}
              />
            )
          }
        </ResourceView>
        <FormError submission={submission} />
        <div className="form-actions">
          <SubmitButton submission={submission}>Add the safeguard</SubmitButton>
          <Link to={`${base}/safeguards`} className="button button-ghost">
            Cancel
          </Link>
        </div>
      </form>
    </section>
  );
}
