// The numbers at the top of the shared map: decisions waiting on leadership, then what production
// says. Each links to the systems behind it.
import type { Portfolio } from "../../../../src/contract/index.js";
import { STAGE_LABEL, STAGES } from "../../lib/labels.js";
import { Link } from "../../lib/router.js";

export function Totals({ portfolio }: { portfolio: Portfolio }) {
  const t = portfolio.totals;
  const link = (status: string) => `/?status=${status}`;
  return (
    <section aria-labelledby="totals-title" className="totals">
      <h2 id="totals-title" className="visually-hidden">
        At a glance
      </h2>
      <div className="total-card">
        <p className="total-number">{t.systems}</p>
        <p className="total-label">AI systems</p>
        <p className="total-detail">
          {STAGES.filter((s) => (t.byStage[s] ?? 0) > 0)
            .map((s) => `${t.byStage[s] ?? 0} ${STAGE_LABEL[s].toLowerCase()}`)
            .join(" · ") || "None yet"}
        </p>
      </div>
      <Link
        to={link("needs-decision")}
        className={`total-card total-link${t.undecidedHighImpact ? " total-warn" : ""}`}
      >
        <p className="total-number">{t.undecidedHighImpact}</p>
        <p className="total-label">High-impact risks waiting for a decision</p>
        <p className="total-detail">Leadership decides: accept, mitigate, avoid, transfer or defer.</p>
      </Link>
      <Link to={link("expiring")} className={`total-card total-link${t.expiringSoon ? " total-warn" : ""}`}>
        <p className="total-number">{t.expiringSoon}</p>
        <p className="total-label">Acceptances due for review within 30 days</p>
        <p className="total-detail">Renew them knowingly, or decide differently.</p>
      </Link>
      <Link to={link("expired")} className={`total-card total-link${t.expired ? " total-danger" : ""}`}>
        <p className="total-number">{t.expired}</p>
        <p className="total-label">Expired acceptances: risks open again</p>
        <p className="total-detail">Past their review-by date, so they count as undecided.</p>
      </Link>
      <Link to={link("breached")} className={`total-card total-link${t.breached ? " total-danger" : ""}`}>
        <p className="total-number">{t.breached}</p>
        <p className="total-label">Trust limits and budgets breached</p>
        <p className="total-detail">Production crossed a line leadership set.</p>
      </Link>
      <Link to={link("at-risk")} className={`total-card total-link${t.atRisk ? " total-warn" : ""}`}>
        <p className="total-number">{t.atRisk}</p>
        <p className="total-label">Trust limits and budgets at risk</p>
        <p className="total-detail">At the current trend they are crossed soon.</p>
      </Link>
      <Link to={link("findings")} className={`total-card total-link${t.openFindings ? " total-info" : ""}`}>
        <p className="total-number">{t.openFindings}</p>
        <p className="total-label">Quiet-failure findings to triage</p>
        <p className="total-detail">Slow creep or a sudden shift nobody set a limit for.</p>
      </Link>
      <Link to="/board" className="total-card total-link total-board">
        <p className="total-label">Board view</p>
        <p className="total-detail">
          Outlook per system, spend against budget, risks accepted and expiring, value protected.
        </p>
        <p className="total-more">
          Open the board view <span aria-hidden="true">→</span>
        </p>
      </Link>
    </section>
  );
}
