import { api } from "../api/endpoints.js";
import { PageHeader, useTitle } from "../components/layout.js";
import { draftOf, fieldsOf, SystemForm } from "../components/system-form.js";
import { Link, navigate } from "../lib/router.js";

export function NewSystemPage() {
  useTitle("Add a system");
  return (
    <div className="page">
      <PageHeader title="Add an AI system" eyebrow="Shared map">
        <p>Describe it once, in words both sides can read. You can fill in the rest later.</p>
      </PageHeader>
      <div className="card">
        <SystemForm
          initial={draftOf(null)}
          creating
          submitLabel="Add the system"
          onSubmit={async (draft) => {
            const system = await api.createSystem({ ...fieldsOf(draft), key: draft.key, stage: draft.stage });
            navigate(`/systems/${encodeURIComponent(system.key)}`);
          }}
          cancel={
            <Link to="/" className="button button-ghost">
              Cancel
            </Link>
          }
        />
      </div>
    </div>
  );
}
