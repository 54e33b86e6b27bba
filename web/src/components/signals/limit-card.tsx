// A trust limit as leadership reads it: where the signal is now, where trust is lost, and when the
// trend crosses the line; with the answer it came from when it was set from a conversation.
import type { TrustLimit } from "../../../../src/contract/limits.js";
import type { Series } from "../../../../src/contract/signals.js";
import { api } from "../../api/endpoints.js";
import { formatDate } from "../../lib/format.js";
import type { TrustAnswer } from "../../lib/trust-answers.js";
import { LimitStateChip } from "./limit-state.js";
import { Sparkline } from "./sparkline.js";
import { ConfirmRemove, StateHistory } from "./state-history.js";
import { formatForecast, formatValue } from "./values.js";

export function LimitCard({
  limit,
  series,
  source,
  onRemoved,
}: {
  limit: TrustLimit;
  series: Series | undefined;
  source: TrustAnswer | undefined;
  onRemoved: () => void;
}) {
  const share = limit.aggregate === "ratio";
  const e = limit.evaluation;
  const forecast = formatForecast(e.forecastBreachAt);
  const fmt = (v: number | null) => formatValue(v, limit.signal.unit, share);
  return (
    <li className={`limit-card limit-${e.state}`} id={`limit-${limit.id}`}>
      <div className="limit-head">
        <h4 className="limit-name">{limit.name || limit.rule}</h4>
        <LimitStateChip state={e.state} />
      </div>
      <div className="limit-body">
        <div>
          <p>
            Now <strong>{fmt(e.value)}</strong>; trust is lost{" "}
            {limit.comparator === "above" ? "above" : "below"} <strong>{fmt(limit.threshold)}</strong> (
            {limit.windowDays}-day {limit.aggregate === "ratio" ? "share" : limit.aggregate}).
          </p>
          {forecast && e.state !== "breached" && (
            <p className={e.state === "at_risk" ? "warn-text" : "muted"}>
              At the current trend it is crossed on {forecast}.
            </p>
          )}
          {e.state === "breached" && e.stateSince && (
            <p className="danger-text">Breached since {formatDate(e.stateSince)}.</p>
          )}
          {source ? (
            <blockquote className="source-quote small">
              <p>“{source.body}”</p>
              <footer>
                {source.by}, answering “{source.question}” in {source.roundTitle}
              </footer>
            </blockquote>
          ) : (
            limit.sourceAnswerId && (
              <p className="small muted">Set from leadership's answer in a conversation round.</p>
            )
          )}
        </div>
        {series && <Sparkline series={series} threshold={limit.threshold} />}
      </div>
      <div className="limit-foot">
        <a href={`#signal-${limit.signal.id}`} className="small">
          See it on the {limit.signal.name} chart
        </a>
        <StateHistory load={() => api.limitHistory(limit.id)} format={fmt} />
        <ConfirmRemove
          what={`the limit “${limit.name || limit.rule}”`}
          note="Its history stays on the timeline."
          onRemove={async () => {
            await api.deleteLimit(limit.id);
            onRemoved();
          }}
        />
      </div>
    </li>
  );
}
