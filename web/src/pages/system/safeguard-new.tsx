// Adding a safeguard and linking it to the risks it covers.
import { useState, type FormEvent } from "react";
import type { SafeguardKind, SafeguardStatus } from "../../../../src/contract/index.js";
import { api } from "../../api/endpoints.js";
import { CheckboxGroup, RadioGroup, SelectField, TextArea, TextField } from "../../components/fields.js";
import { FormError, SubmitButton, useSubmission } from "../../components/form.js";
import { ResourceView } from "../../components/states.js";
import {
  SAFEGUARD_KIND_LABEL,
  SAFEGUARD_KIND_MEANING,
  SAFEGUARD_KINDS,
  SAFEGUARD_STATUS_LABEL,
  SAFEGUARD_STATUSES,
} from "../../lib/labels.js";
import { isUnguarded } from "../../lib/risk-rules.js";
import { Link, navigate, useLocation } from "../../lib/router.js";
import { useResource } from "../../lib/use-resource.js";
import { useSystem } from "./context.js";

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
