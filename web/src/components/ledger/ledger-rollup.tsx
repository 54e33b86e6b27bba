// The ledger rolled up per system or per month, with one total per currency: currencies are never
// added together. A range chart per currency shows where the value was protected.
import type { CurrencyTotal, LedgerRollup } from "../../../../src/contract/ledger.js";
import { formatCostRange, formatDate, plural } from "../../lib/format.js";
import { RangeBars } from "../charts/bars.js";

export function ValueTotals({ totals }: { totals: CurrencyTotal[] }) {
  if (totals.length === 0) return <span className="muted">No value estimated</span>;
  return (
    <ul className="plain-list value-totals">
      {totals.map((t) => (
        <li key={t.currency}>
          <strong>{formatCostRange(t)}</strong>{" "}
          <span className="muted small">({plural(t.entries, "entry", "entries")})</span>
        </li>
      ))}
    </ul>
  );
}

export function LedgerRollupView({ rollup }: { rollup: LedgerRollup }) {
  const currencies = [...new Set(rollup.totals.value.map((v) => v.currency))];
  const groupLabel = rollup.by === "system" ? "System" : "Month";
  const shown = rollup.groups.filter((g) => g.entries > 0 || rollup.by === "month");
  return (
    <div className="rollup">
      <p className="muted small">
        From {formatDate(rollup.from)} to {formatDate(rollup.to)}.
      </p>
      {currencies.length > 0 && (
        <div className="rollup-charts">
          {currencies.map((currency) => {
            const rows = shown
              .map((g) => ({ g, v: g.value.find((x) => x.currency === currency) }))
              .filter((x): x is { g: (typeof shown)[number]; v: CurrencyTotal } => x.v !== undefined)
              .map(({ g, v }) => ({ label: g.label, tone: "good" as const, low: v.low, high: v.high }));
            return (
              <RangeBars
                key={currency}
                title={`Estimated value protected in ${currency}, by ${rollup.by}`}
                currency={currency}
                rows={rows}
              />
            );
          })}
        </div>
      )}
      <div className="table-wrap">
        <table className="table rollup-table">
          <caption className="visually-hidden">Ledger totals by {rollup.by}</caption>
          <thead>
            <tr>
              <th scope="col">{groupLabel}</th>
              <th scope="col">Entries</th>
              <th scope="col">Estimated value protected</th>
              <th scope="col">Without a value</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((g) => (
              <tr key={g.key}>
                <th scope="row">{g.label}</th>
                <td>{g.entries}</td>
                <td>
                  <ValueTotals totals={g.value} />
                </td>
                <td>{g.unvalued}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All</th>
              <td>{rollup.totals.entries}</td>
              <td>
                <ValueTotals totals={rollup.totals.value} />
              </td>
              <td>{rollup.totals.unvalued}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
