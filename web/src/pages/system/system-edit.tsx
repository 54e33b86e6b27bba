import { api } from "../../api/endpoints.js";
import { draftOf, fieldsOf, SystemForm } from "../../components/system-form.js";
import { Link, navigate } from "../../lib/router.js";
import { useSystem } from "./context.js";

export function EditSystemPage() {
  const { system, base, reload } = useSystem();
  return (
    <section aria-labelledby="edit-title" className="card">
      <h2 id="edit-title">Edit details</h2>
      <SystemForm
        initial={draftOf(system)}
        creating={false}
        submitLabel="Save the details"
        onSubmit={async (draft) => {
          await api.updateSystem(system.key, { ...fieldsOf(draft), version: system.version });
          reload();
          navigate(base);
        }}
        cancel={
          <Link to={base} className="button button-ghost">
            Cancel
          </Link>
        }
      />
    </section>
  );
}
