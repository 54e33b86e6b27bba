// Which system OpenTelemetry data belongs to: mapping rules (list, add, remove) and the services
// whose data was refused because nothing maps them, each with a one-click "map it".
import { useRef, useState, type FormEvent } from "react";
import type { ConnectorRule, Sighting } from "../../../../src/contract/connectors.js";
import type { System } from "../../../../src/contract/index.js";
import { connectorsApi } from "../../api/connectors.js";
import { formatDateTime, plural } from "../../lib/format.js";
import { useResource, type Resource } from "../../lib/use-resource.js";
import { SelectField, TextField } from "../fields.js";
import { FormError, SubmitButton, useSubmission } from "../form.js";
import { EmptyState, ResourceView } from "../states.js";
import { RuleTable } from "./rule-table.js";
import { systemOptions } from "./systems.js";

type Field = "service" | "attribute";

function AddMapping({
  systems,
  pattern,
  onPattern,
  onAdded,
  patternRef,
}: {
  systems: System[] | undefined;
  pattern: string;
  onPattern: (v: string) => void;
  onAdded: () => void;
  patternRef: React.RefObject<HTMLDivElement | null>;
}) {
  const [field, setField] = useState<Field>("service");
  const [key, setKey] = useState("");
  const [system, setSystem] = useState("");
  const submission = useSubmission();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await submission.run(async () => {
      if (!system) throw new Error("Choose the system this data belongs to.");
      await connectorsApi.addOtlpMapping({ field, key: field === "attribute" ? key : null, pattern, system });
      onAdded();
    });
    if (ok) {
      onPattern("");
      setKey("");
    }
  }
  return (
    <form className="form form-wide" onSubmit={submit} aria-labelledby="add-mapping-title">
      <h4 id="add-mapping-title">Add a mapping</h4>
      <div className="form-inline" ref={patternRef}>
        <SelectField
          label="Match on"
          value={field}
          onChange={(e) => setField(e.target.value as Field)}
          options={[
            { value: "service", label: "Service name" },
            { value: "attribute", label: "A resource attribute" },
          ]}
        />
        {field === "attribute" && (
          <TextField
            label="Attribute"
            hint="e.g. deployment.environment"
            required
            value={key}
            onChange={(e) => setKey(e.target.value)}
            error={submission.fieldError("key")}
          />
        )}
        <TextField
          label="Pattern"
          name="pattern"
          hint='Exact name, or * for any run: "checkout-*"'
          required
          value={pattern}
          onChange={(e) => onPattern(e.target.value)}
          error={submission.fieldError("pattern")}
        />
        <SelectField
          label="System"
          required
          value={system}
          onChange={(e) => setSystem(e.target.value)}
          options={systemOptions(systems, "Choose a system")}
          error={submission.fieldError("system")}
        />
      </div>
      <FormError submission={submission} />
      <div className="form-actions">
        <SubmitButton submission={submission}>Add the mapping</SubmitButton>
      </div>
    </form>
  );
}

function MappingTable({ rules, onRemoved }: { rules: ConnectorRule[]; onRemoved: () => void }) {
  if (rules.length === 0) {
    return (
      <EmptyState title="No mappings yet">
        Not needed when a service is named after its system’s key. Add one when names differ, e.g. every{" "}
        <code>checkout-*</code> service to the checkout system.
      </EmptyState>
    );
  }
  return (
    <RuleTable
      rules={rules}
      label="OpenTelemetry mappings, in the order they are tried"
      noun="mapping"
      when={(r) => (r.field === "attribute" ? <code>{r.key}</code> : "Service name")}
      showOrder
      afterRemoval="Data arriving from then on is placed without it."
      remove={connectorsApi.removeOtlpMapping}
      onRemoved={onRemoved}
    />
  );
}

function Unmapped({ items, onMap }: { items: Sighting[]; onMap: (name: string) => void }) {
  if (items.length === 0) {
    return (
      <p className="muted">
        No refused services. Data from a service that maps to no system is refused, not guessed, and listed
        here.
      </p>
    );
  }
  return (
    <div className="notice notice-warn">
      <p>
        <strong>{plural(items.length, "service")} sent data that maps to no system.</strong> Their data was
        refused; map each one and the next export is taken.
      </p>
      <ul className="plain-list">
        {items.map((s) => (
          <li key={s.name} className="sighting">
            <code>{s.name}</code> — {plural(s.count, "item")} refused, last {formatDateTime(s.lastSeen)}{" "}
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => onMap(s.name)}
            >
              Map it<span className="visually-hidden"> ({s.name})</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function OtlpMappings({
  systems,
  unmapped,
}: {
  systems: System[] | undefined;
  /** Services refused because nothing maps them (shared with the summary at the top). */
  unmapped: Resource<{ items: Sighting[] }>;
}) {
  const mappings = useResource("otlp-mappings", (signal) => connectorsApi.otlpMappings({ signal }));
  const [pattern, setPattern] = useState("");
  const formRef = useRef<HTMLDivElement>(null);
  return (
    <div>
      <h3>3. Which system the data belongs to</h3>
      <p className="muted">
        Parley takes the <code>parley.system</code> resource attribute, else <code>service.name</code>, and
        looks for a mapping below, then for a system with that key.
      </p>
      <ResourceView resource={unmapped} label="refused services">
        {(data) => (
          <Unmapped
            items={data.items}
            onMap={(name) => {
              setPattern(name);
              formRef.current?.querySelector<HTMLInputElement>('input[name="pattern"]')?.focus();
            }}
          />
        )}
      </ResourceView>
      <ResourceView resource={mappings} label="mappings">
        {(data) => <MappingTable rules={data.items} onRemoved={mappings.reload} />}
      </ResourceView>
      <AddMapping
        systems={systems}
        pattern={pattern}
        onPattern={setPattern}
        patternRef={formRef}
        onAdded={() => {
          mappings.reload();
          unmapped.reload();
        }}
      />
    </div>
  );
}
