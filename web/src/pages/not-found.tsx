import { PageHeader, useTitle } from "../components/layout.js";
import { Link } from "../lib/router.js";

export function NotFound({ embedded = false }: { embedded?: boolean }) {
  useTitle("Not found");
  const body = (
    <>
      <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <Link to="/">Go to the shared map</Link>
      </p>
    </>
  );
  if (embedded) {
    return (
      <section aria-labelledby="nf-title" className="card">
        <h2 id="nf-title">Page not found</h2>
        {body}
      </section>
    );
  }
  return (
    <div className="page">
      <PageHeader title="Page not found" />
      {body}
    </div>
  );
}
