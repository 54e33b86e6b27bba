// The four numbers at the top of the shared map; each links to the systems behind it.
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
    </section>
  );
}
