// The price book that turns tokens into money: the table (add, change, remove) and the models seen
// in telemetry without a price, each with a one-click "add a price" that fills in the model.
import { useRef, useState, type FormEvent } from "react";
import type { Price, Sighting, TokenType } from "../../../../src/contract/connectors.js";
import { connectorsApi } from "../../api/connectors.js";
import { formatDate, formatDateTime, plural } from "../../lib/format.js";
import { useResource } from "../../lib/use-resource.js";
import { Chip } from "../chips.js";
import { SelectField, TextField } from "../fields.js";
import { FormError, SubmitButton, useSubmission } from "../form.js";
import { EmptyState, ResourceView } from "../states.js";
import { ConfirmAction } from "./confirm.js";
import type { SharedResources } from "./resources.js";
import { splitModelSighting } from "./setup-text.js";
import { TableRegion } from "./table-region.js";

const TOKEN_TYPE_LABEL: Record<TokenType, string> = {
  input: "Input",
  output: "Output",
  cached_input: "Cached input (cache reads)",
  cache_write: "Cache write",
};

const perMillion = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });

interface Draft {
  id: string | null;
  provider: string;
  model: string;
  tokenType: TokenType;
  perMillion: string;
  currency: string;
  effectiveFrom: string;
  note: string;
}

function blankDraft(): Draft {
  return {
    id: null,
    provider: "*",
    model: "",
    tokenType: "input",
    perMillion: "",
    currency: "USD",
    // Prices apply from a UTC day, so today is today in UTC.
    effectiveFrom: new Date().toISOString().slice(0, 10),
    note: "",
  };
}

function draftForMissing(name: string): Draft {
  return { ...blankDraft(), ...splitModelSighting(name) };
}

function PriceForm({
  draft,
  onDraft,
  onSaved,
  formRef,
}: {
  draft: Draft;
  onDraft: (d: Draft) => void;
  onSaved: (message: string) => void;
  formRef: React.RefObject<HTMLFormElement | null>;
}) {
  const submission = useSubmission();
  const set = (patch: Partial<Draft>) => onDraft({ ...draft, ...patch });
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await submission.run(async () => {
      const amount = Number(draft.perMillion);
      if (draft.perMillion.trim() === "" || !Number.isFinite(amount))
        throw new Error("Enter the price per million tokens as a number, e.g. 0.15.");
      const body = {
        provider: draft.provider,
        model: draft.model,
        tokenType: draft.tokenType,
        perMillion: amount,
        currency: draft.currency,
        effectiveFrom: draft.effectiveFrom,
        note: draft.note,
      };
      if (draft.id) await connectorsApi.updatePrice(draft.id, body);
      else await connectorsApi.addPrice(body);
    });
    if (ok) {
      onSaved(
        draft.id
          ? `Price for ${draft.model} saved.`
          : `${TOKEN_TYPE_LABEL[draft.tokenType]} price for ${draft.model} added.`,
      );
      onDraft(blankDraft());
    }
  }
  const editing = draft.id !== null;
  return (
    <form className="form form-wide" onSubmit={submit} ref={formRef} aria-labelledby="price-form-title">
      <h3 id="price-form-title">{editing ? `Change the price for ${draft.model}` : "Add a price"}</h3>
      <div className="form-inline">
        <TextField
          label="Provider"
          name="provider"
          hint='gen_ai.provider.name, e.g. openai; "*" for any'
          required
          value={draft.provider}
          onChange={(e) => set({ provider: e.target.value })}
          error={submission.fieldError("provider")}
        />
        <TextField
          label="Model"
          name="model"
          hint='Exact, or with *: "gpt-4o-mini*"'
          required
          value={draft.model}
          onChange={(e) => set({ model: e.target.value })}
          error={submission.fieldError("model")}
        />
        <SelectField
          label="Tokens"
          value={draft.tokenType}
          onChange={(e) => set({ tokenType: e.target.value as TokenType })}
          options={(Object.keys(TOKEN_TYPE_LABEL) as TokenType[]).map((t) => ({
            value: t,
            label: TOKEN_TYPE_LABEL[t],
          }))}
        />
      </div>
      <div className="form-inline">
        <TextField
          label="Price per million tokens"
          name="perMillion"
          inputMode="decimal"
          required
          value={draft.perMillion}
          onChange={(e) => set({ perMillion: e.target.value })}
          error={submission.fieldError("perMillion")}
        />
        <TextField
          label="Currency"
          hint="3 letters, e.g. USD"
          required
          maxLength={3}
          value={draft.currency}
          onChange={(e) => set({ currency: e.target.value })}
          error={submission.fieldError("currency")}
        />
        <TextField
          label="Applies from"
          type="date"
          required
          value={draft.effectiveFrom}
          onChange={(e) => set({ effectiveFrom: e.target.value })}
          error={submission.fieldError("effectiveFrom")}
        />
        <TextField
          label="Note"
          hint="e.g. negotiated rate, contract 2026"
          maxLength={500}
          value={draft.note}
          onChange={(e) => set({ note: e.target.value })}
        />
      </div>
      <FormError submission={submission} />
      <div className="form-actions">
        <SubmitButton submission={submission}>{editing ? "Save the price" : "Add the price"}</SubmitButton>
        {(editing || draft.model) && (
          <button type="button" className="button button-ghost" onClick={() => onDraft(blankDraft())}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function Missing({ items, onAdd }: { items: Sighting[]; onAdd: (name: string) => void }) {
  if (items.length === 0) {
    return (
      <p className="muted">Every model seen in telemetry has a price, so every call’s cost is counted.</p>
    );
  }
  return (
    <div className="notice notice-warn" aria-labelledby="missing-title">
      <p id="missing-title">
        <strong>{plural(items.length, "model")} without a price.</strong> Their tokens are counted, their cost
        is not, so spending looks lower than it is. A model usually needs an input and an output price.
      </p>
      <ul className="plain-list">
        {items.map((s) => (
          <li key={s.name} className="sighting">
            <code>{s.name}</code> — {plural(s.count, "call")}, last {formatDateTime(s.lastSeen)}{" "}
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => onAdd(s.name)}
            >
              Add a price<span className="visually-hidden"> for {s.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function PriceTable({
  prices,
  onEdit,
  onRemoved,
}: {
  prices: Price[];
  onEdit: (p: Price) => void;
  onRemoved: () => void;
}) {
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? prices.filter((p) => `${p.provider} ${p.model} ${p.note}`.toLowerCase().includes(needle))
    : prices;
  return (
    <>
      <div className="form-inline">
        <TextField
          label="Find a model"
          type="search"
          hint={`${plural(prices.length, "price")} in the book`}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      {prices.some((p) => p.origin === "default") && (
        <p className="small muted">
          “Default, review” prices ship with Parley from public list prices as known in 2025. They are not
          your contract: edit them to what you pay.
        </p>
      )}
      {shown.length === 0 ? (
        <EmptyState title={prices.length === 0 ? "The price book is empty" : "No price matches"}>
          {prices.length === 0
            ? "Add a price so token counts turn into cost."
            : "Try part of the model name, e.g. “mini”."}
        </EmptyState>
      ) : (
        <TableRegion label="Price book" className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Prices per million tokens</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Provider</th>
                <th scope="col">Tokens</th>
                <th scope="col" className="numeric">
                  Per million
                </th>
                <th scope="col">From</th>
                <th scope="col">Source</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <code>{p.model}</code>
                    {p.note && p.origin === "custom" && <div className="muted small">{p.note}</div>}
                  </th>
                  <td>{p.provider === "*" ? "Any" : p.provider}</td>
                  <td>{TOKEN_TYPE_LABEL[p.tokenType]}</td>
                  <td className="numeric">
                    {perMillion.format(p.perMillion)} {p.currency}
                  </td>
                  <td>{formatDate(p.effectiveFrom)}</td>
                  <td>
                    {p.origin === "default" ? (
                      <Chip
                        tone="warn"
                        icon="▲"
                        title="Shipped with Parley from public list prices; review it"
                      >
                        Default, review
                      </Chip>
                    ) : (
                      <Chip tone="ok" icon="✓">
                        Yours
                      </Chip>
                    )}
                  </td>
                  <td className="actions">
                    <button
                      type="button"
                      className="button button-ghost button-small"
                      onClick={() => onEdit(p)}
                    >
                      Edit
                      <span className="visually-hidden">
                        {" "}
                        {`${p.model} ${TOKEN_TYPE_LABEL[p.tokenType]}`}
                      </span>
                    </button>{" "}
                    <ConfirmAction
                      label="Remove"
                      what={`${p.model} ${TOKEN_TYPE_LABEL[p.tokenType]} price`}
                      question={`Remove this price for ${p.model}? Calls from then on are priced by the next matching entry, or not at all.`}
                      confirmText="Yes, remove it"
                      busyText="Removing…"
                      onConfirm={async () => {
                        await connectorsApi.removePrice(p.id);
                        onRemoved();
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </>
  );
}

export function PricesSection({ missing }: { missing: SharedResources["unpricedModels"] }) {
  const prices = useResource("prices", (signal) => connectorsApi.prices({ signal }));
  const [draft, setDraft] = useState<Draft>(blankDraft);
  const [message, setMessage] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  function openForm(next: Draft, focus: "model" | "perMillion") {
    setDraft(next);
    setMessage(null);
    // After React renders the filled form: bring it into view and put the cursor where typing starts.
    requestAnimationFrame(() => {
      formRef.current?.scrollIntoView({ block: "center" });
      formRef.current?.querySelector<HTMLInputElement>(`input[name="${focus}"]`)?.focus();
    });
  }
  return (
    <section className="card connect-section" id="prices" aria-labelledby="prices-title">
      <h2 id="prices-title">Model prices</h2>
      <p className="page-lede">
        Telemetry counts tokens; this price book turns them into money, per provider and model. Spans that
        carry their own cost are taken at their word. A new price applies to calls from then on.
      </p>
      <div className="stack stack-tight">
        <ResourceView resource={missing} label="models without a price">
          {(data) => (
            <Missing items={data.items} onAdd={(name) => openForm(draftForMissing(name), "perMillion")} />
          )}
        </ResourceView>
        {message && (
          <p className="notice notice-ok" role="status">
            {message}
          </p>
        )}
        <PriceForm
          draft={draft}
          onDraft={setDraft}
          formRef={formRef}
          onSaved={(text) => {
            setMessage(text);
            prices.reload();
            missing.reload();
          }}
        />
        <ResourceView resource={prices} label="the price book">
          {(data) => (
            <PriceTable
              prices={data.items}
              onRemoved={prices.reload}
              onEdit={(p) =>
                openForm(
                  {
                    id: p.id,
                    provider: p.provider,
                    model: p.model,
                    tokenType: p.tokenType,
                    perMillion: String(p.perMillion),
                    currency: p.currency,
                    effectiveFrom: p.effectiveFrom,
                    note: p.note,
                  },
                  "perMillion",
                )
              }
            />
          )}
        </ResourceView>
      </div>
    </section>
  );
}
