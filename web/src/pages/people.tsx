// Accounts: the admin invites people and says which side each works on.
import { useState, type FormEvent } from "react";
import type { Person, Side } from "../../../src/contract/index.js";
import { errorMessage } from "../api/client.js";
import { api, csvExportUrl } from "../api/endpoints.js";
import { InvitePanel } from "../components/people/invitations.js";
import { PersonTable } from "../components/people/person-table.js";
import { RadioGroup, TextField } from "../components/fields.js";
import { FormError, SubmitButton, useSubmission } from "../components/form.js";
import { PageHeader, useTitle } from "../components/layout.js";
import { ResourceView } from "../components/states.js";
import { formatDate } from "../lib/format.js";
import { useMe } from "../lib/session.js";
import { useResource } from "../lib/use-resource.js";

function AddPerson({ onAdded }: { onAdded: (p: Person) => void }) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [side, setSide] = useState<Side | "">("");
  const [password, setPassword] = useState("");
  const [isAdmin, setIsAdmin] = useState(false);
  const submission = useSubmission();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await submission.run(async () => {
      if (!side) throw new Error("Choose the side this person works on.");
      onAdded(await api.createPerson({ name, email, side, password, isAdmin }));
    });
    if (ok) {
      setName("");
      setEmail("");
      setPassword("");
      setIsAdmin(false);
    }
  }
  return (
    <section className="card" aria-labelledby="add-person-title">
      <h2 id="add-person-title">Add a person</h2>
      <form className="form" onSubmit={submit}>
        <TextField label="Name" required value={name} onChange={(e) => setName(e.target.value)} />
        <TextField
          label="E-mail"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={submission.fieldError("email")}
        />
        <RadioGroup<Side>
          legend="Side"
          name="new-person-side"
          value={side}
          onChange={setSide}
          layout="row"
          options={[
            { value: "leadership", label: "Leadership" },
            { value: "engineering", label: "Engineering" },
          ]}
        />
        <TextField
          label="First password"
          hint="At least 10 characters. Share it privately; they can change it later."
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={submission.fieldError("password")}
        />
        <label className="checkbox-inline">
          <input type="checkbox" checked={isAdmin} onChange={(e) => setIsAdmin(e.target.checked)} /> Can
          manage accounts (admin)
        </label>
        <FormError submission={submission} />
        <SubmitButton submission={submission}>Add the person</SubmitButton>
      </form>
    </section>
  );
}

function PeopleTable({ initial }: { initial: Person[] }) {
  const me = useMe();
  const [people, setPeople] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  async function toggle(person: Person) {
    setError(null);
    try {
      const updated = await api.updatePerson(person.id, { disabled: !person.disabled });
      setPeople((list) => list.map((p) => (p.id === updated.id ? updated : p)));
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  return (
    <div className="stack">
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <PersonTable
        caption="People with access"
        rows={people}
        columns={[
          { header: "Since", cell: (p) => formatDate(p.createdAt) },
          {
            header: "Access",
            cell: (p) => (
              <>
                {p.disabled ? <span className="muted">Disabled </span> : <span>Active </span>}
                {p.id !== me.id && (
                  <button
                    type="button"
                    className="button button-ghost button-small"
                    onClick={() => void toggle(p)}
                  >
                    {p.disabled ? "Enable" : "Disable"}
                    <span className="visually-hidden"> {p.name}</span>
                  </button>
                )}
              </>
            ),
          },
        ]}
      />
      {me.isAdmin && <InvitePanel />}
      <AddPerson onAdded={(p) => setPeople((list) => [...list, p])} />
    </div>
  );
}

export function PeoplePage() {
  useTitle("People");
  const me = useMe();
  const people = useResource("people", (signal) => api.people(undefined, { signal }));
  return (
    <div className="page">
      <PageHeader title="People" eyebrow="Workspace">
        <p>Everyone with access, and the side they speak for.</p>
        {me.isAdmin && (
          <a className="button button-ghost button-small" href={csvExportUrl("/people")} download>
            Download the list (CSV)
          </a>
        )}
      </PageHeader>
      <ResourceView resource={people} label="people">
        {(data) => <PeopleTable initial={data.items} />}
      </ResourceView>
    </div>
  );
}
