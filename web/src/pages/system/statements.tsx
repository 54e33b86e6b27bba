// "Not ready" and "go faster" as records: structure instead of tone.
import type { Statement } from "../../../../src/contract/index.js";
import { Chip, SideBadge } from "../../components/chips.js";
import { EmptyState } from "../../components/states.js";
import { daysUntil, formatDate, formatDateTime, relativeDays } from "../../lib/format.js";
import { Link } from "../../lib/router.js";
import { useSystem } from "./context.js";

function NotReady({ statement }: { statement: Statement }) {
  return (
    <>
      <h4>Missing before shipping</h4>
      <ul className="checklist">
        {statement.missingConditions.map((c, i) => (
          <li key={i} className="checklist-item checklist-missing">
            <span className="checklist-mark" aria-hidden="true" />
            <span>{c}</span>
          </li>
        ))}
      </ul>
      <h4>What shipping now would risk</h4>
      <p>{statement.riskIfShippedNow}</p>
      {statement.note && (
        <>
          <h4>Note</h4>
          <p>{statement.note}</p>
        </>
      )}
    </>
  );
}

function GoFaster({ statement }: { statement: Statement }) {
  const { base } = useSystem();
  const until = statement.acceptedUntil;
  const days = until ? daysUntil(until) : null;
  return (
    <>
      <h4>Risks accepted for speed</h4>
      {statement.acceptedRisks.length === 0 && !statement.acceptedRisksText && (
        <p className="muted">None named.</p>
      )}
      {statement.acceptedRisks.length > 0 && (
        <ul className="plain-list">
          {statement.acceptedRisks.map((r) => (
            <li key={r.id}>
              <Link to={`${base}/risks/${encodeURIComponent(r.id)}`}>{r.title}</Link>
            </li>
          ))}
        </ul>
      )}
      {statement.acceptedRisksText && <p>{statement.acceptedRisksText}</p>}
      <h4>Accepted until</h4>
      <p>
        {formatDate(until)}{" "}
        {days !== null &&
          (days < 0 ? (
            <Chip tone="danger" icon="!">
              Ended {relativeDays(days)}
            </Chip>
          ) : days <= 30 ? (
            <Chip tone="warn" icon="◷">
              Ends {relativeDays(days)}
            </Chip>
          ) : (
            <span className="muted">({relativeDays(days)})</span>
          ))}
      </p>
      <h4>Why speed matters here</h4>
      <p>{statement.reason}</p>
    </>
  );
}

export function StatementList({ statements }: { statements: Statement[] }) {
  if (statements.length === 0) {
    return (
      <EmptyState title="Nothing said plainly yet">
        <p>
          When one side thinks the system should wait or should move faster, the reasons are recorded here.
        </p>
      </EmptyState>
    );
  }
  return (
    <ol className="records">
      {statements.map((s) => (
        <li key={s.id} className={`record record-${s.kind}`}>
          <article aria-label={`${s.kind === "not_ready" ? "Not ready" : "Go faster"} by ${s.by.name}`}>
            <header className="record-head">
              <span className="record-kind">{s.kind === "not_ready" ? "“Not ready”" : "“Go faster”"}</span>
              <span>
                <SideBadge side={s.by.side}>{s.by.name}</SideBadge>{" "}
                <span className="muted small">{formatDateTime(s.createdAt)}</span>
              </span>
            </header>
            {s.kind === "not_ready" ? <NotReady statement={s} /> : <GoFaster statement={s} />}
          </article>
        </li>
      ))}
    </ol>
  );
}
