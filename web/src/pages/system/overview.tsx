// A system at a glance: what it is for in business terms, where it stands, what is missing before the
// next stage, and what each side has said plainly about its readiness.
import { api } from "../../api/endpoints.js";
import { TermHelp } from "../../components/glossary.js";
import { ResourceView } from "../../components/states.js";
import { daysUntil, formatDate, formatMoney, relativeDays } from "../../lib/format.js";
import { Link } from "../../lib/router.js";
import { useMe } from "../../lib/session.js";
import { useResource } from "../../lib/use-resource.js";
import { useSystem } from "./context.js";
import { ProductionCard } from "./production-card.js";
import { Readiness } from "./readiness.js";
import { StatementList } from "./statements.js";
import { WhatBreaksFirst } from "../../components/rehearsal/what-breaks-first.js";

function List({ items }: { items: string[] }) {
  if (items.length === 0) return <span className="muted">None recorded</span>;
  return (
    <ul className="plain-list">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

function Purpose() {
  const { system, base } = useSystem();
  const target = system.targetDate;
  return (
    <section className="card order-1" aria-labelledby="purpose-title">
      <div className="card-head">
        <h2 id="purpose-title">What it is for</h2>
        <Link to={`${base}/edit`} className="button button-ghost button-small">
          Edit details
        </Link>
      </div>
      <p className="lead-text">{system.purpose || <span className="muted">No purpose written yet.</span>}</p>
      <dl className="facts">
        <div>
          <dt>Expected outcome</dt>
          <dd>{system.expectedOutcome || <span className="muted">Not written yet</span>}</dd>
        </div>
        <div>
          <dt>Estimated yearly value</dt>
          <dd>{formatMoney(system.valueEstimate)}</dd>
        </div>
        <div>
          <dt>Target date</dt>
          <dd>
            {formatDate(target)}
            {target && <span className="muted"> ({relativeDays(daysUntil(target))})</span>}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Details() {
  const { system } = useSystem();
  return (
    <section className="card order-4" aria-labelledby="details-title">
      <h2 id="details-title">How it is built and used</h2>
      <dl className="facts facts-grid">
        <div>
          <dt>Models and providers</dt>
          <dd>
            <List items={system.models} />
          </dd>
        </div>
        <div>
          <dt>Data sources</dt>
          <dd>
            <List items={system.dataSources} />
          </dd>
        </div>
        <div>
          <dt>Depends on</dt>
          <dd>
            <List items={system.dependencies} />
          </dd>
        </div>
        <div>
          <dt>Scale now</dt>
          <dd>{system.scaleNow || <span className="muted">Not recorded</span>}</dd>
        </div>
        <div>
          <dt>Scale planned</dt>
          <dd>{system.scalePlanned || <span className="muted">Not recorded</span>}</dd>
        </div>
      </dl>
    </section>
  );
}

function SayPlainly() {
  const { system, base } = useSystem();
  const me = useMe();
  const statements = useResource(`statements:${system.id}`, (signal) =>
    api.statements(system.key, { signal }),
  );
  return (
    <section className="card order-3" aria-labelledby="said-title">
      <div className="card-head">
        <h2 id="said-title">Said plainly</h2>
        {me.side === "engineering" ? (
          <Link to={`${base}/say/not-ready`} className="button button-secondary">
            Say “not ready”
          </Link>
        ) : (
          <Link to={`${base}/say/go-faster`} className="button button-secondary">
            Say “go faster”
          </Link>
        )}
      </div>
      <p className="muted">
        {me.side === "engineering"
          ? "Engineering's “not ready” names the missing conditions and the risk of shipping now."
          : "Leadership's “go faster” names the risks being accepted and until when."}{" "}
        {me.side === "engineering"
          ? "Leadership answers with “go faster” when speed matters more."
          : "Engineering answers with “not ready” when conditions are missing."}{" "}
        <TermHelp id={me.side === "engineering" ? "not-ready" : "go-faster"} />
      </p>
      <ResourceView resource={statements} label="statements">
        {(data) => <StatementList statements={data.items} />}
      </ResourceView>
    </section>
  );
}

function ScaleRehearsal() {
  const { system, base } = useSystem();
  return <WhatBreaksFirst systemKey={system.key} base={base} />;
}

export function OverviewTab() {
  return (
    <>
      <div className="overview-grid">
        <div className="stack">
          <Purpose />
          <SayPlainly />
          <Details />
        </div>
        <div className="stack">
          <Readiness />
          <ProductionCard />
        </div>
      </div>
      <ScaleRehearsal />
    </>
  );
}
