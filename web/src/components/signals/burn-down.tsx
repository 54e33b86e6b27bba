// A risk budget over its period: what has been used so far against an even pace, the budget line,
// and the forecast to the day it runs out. The table says the same in numbers.
import { useMemo } from "react";
import type { RiskBudget } from "../../../../src/contract/limits.js";
import type { Series } from "../../../../src/contract/signals.js";
import { formatDate } from "../../lib/format.js";
import { CHART_COLOR, type ChartLine, type TimeChartSpec } from "../charts/chart-spec.js";
import { TimeChart } from "../charts/time-chart.js";
import { formatForecast, formatValue } from "./values.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Burn {
  start: number;
  end: number;
  now: number;
  /** Cumulative use at the end of each bucket, ending with the evaluation's own figure at `now`. */
  used: Array<{ t: number; v: number }>;
  forecast: { t: number; v: number } | null;
}

/** Whether one bucket of an objective budget counts against it. */
function isBad(budget: RiskBudget, value: number): boolean {
  const threshold = budget.threshold ?? 0;
  return budget.comparator === "at_least" ? value < threshold : value > threshold;
}

export function burnOf(budget: RiskBudget, series: Series | undefined, nowMs: number): Burn {
  const e = budget.evaluation;
  const start = Date.parse(e.periodStart);
  const end = Date.parse(e.periodEnd);
  const now = Math.min(Math.max(nowMs, start), end);
  const step = series?.resolution === "hour" ? HOUR : DAY;
  const used: Burn["used"] = [{ t: start, v: 0 }];
  let total = 0;
  for (const p of series?.points ?? []) {
    if (p.v === null || p.t < start || p.t >= now) continue;
    total += budget.kind === "spend" ? p.v : isBad(budget, p.v) ? 1 : 0;
    used.push({ t: Math.min(p.t + step, now), v: total });
  }
  // The server's figure is the one the card states; the chart ends on it.
  if (used.length > 1 && (used[used.length - 1] as { t: number }).t === now) used.pop();
  used.push({ t: now, v: e.consumed });

  let forecast: Burn["forecast"] = null;
  const breachAt = e.forecastBreachAt ? Date.parse(e.forecastBreachAt) : NaN;
  if (Number.isFinite(breachAt) && breachAt > now && e.consumed < e.amount) {
    if (breachAt <= end) forecast = { t: breachAt, v: e.amount };
    else {
      const rate = (e.amount - e.consumed) / (breachAt - now);
      forecast = { t: end, v: e.consumed + rate * (end - now) };
    }
  }
  return { start, end, now, used, forecast };
}

function amountText(budget: RiskBudget, v: number): string {
  if (budget.kind === "spend") return formatValue(v, budget.signal.unit);
  const n = Math.round(v * 10) / 10;
  return `${n} bad ${budget.bucket}${n === 1 ? "" : "s"}`;
}

export function BurnDown({ budget, series }: { budget: RiskBudget; series: Series | undefined }) {
  const e = budget.evaluation;
  const burn = useMemo(
    () => burnOf(budget, series, Date.parse(e.evaluatedAt)),
    [budget, series, e.evaluatedAt],
  );
  const spec = useMemo<TimeChartSpec>(() => {
    const stamps = new Set<number>([burn.start, burn.end, ...burn.used.map((p) => p.t)]);
    if (burn.forecast) stamps.add(burn.forecast.t);
    const times = [...stamps].sort((a, b) => a - b);
    const at = (points: Array<{ t: number; v: number }>) => {
      const byTime = new Map(points.map((p) => [p.t, p.v]));
      return times.map((t) => byTime.get(t) ?? null);
    };
    const lines: ChartLine[] = [
      {
        label: "Used so far",
        values: at(burn.used),
        color: CHART_COLOR.series,
        fill: CHART_COLOR.seriesFill,
        width: 2.5,
      },
      {
        label: "Even pace over the period",
        values: at([
          { t: burn.start, v: 0 },
          { t: burn.end, v: e.amount },
        ]),
        color: CHART_COLOR.pace,
        dash: [2, 4],
        spanGaps: true,
        width: 1.5,
      },
      {
        label: `Budget: ${amountText(budget, e.amount)}`,
        values: at([
          { t: burn.start, v: e.amount },
          { t: burn.end, v: e.amount },
        ]),
        color: CHART_COLOR.danger,
        dash: [8, 5],
        spanGaps: true,
      },
    ];
    if (burn.forecast) {
      lines.push({
        label:
          burn.forecast.t < burn.end
            ? `Forecast: runs out on ${formatForecast(e.forecastBreachAt) ?? ""}`
            : "Forecast to the end of the period",
        values: at([{ t: burn.now, v: e.consumed }, burn.forecast]),
        color: CHART_COLOR.forecast,
        dash: [4, 3],
        spanGaps: true,
        points: true,
      });
    }
    return {
      times,
      lines,
      markers: [],
      height: 200,
      formatY: (v) => amountText(budget, v),
      xMin: burn.start,
      xMax: burn.end,
      yInclude: 0,
    };
  }, [burn, budget, e.amount, e.consumed, e.forecastBreachAt]);

  const span = burn.end - burn.start;
  const paceNow = span > 0 ? (e.amount * (burn.now - burn.start)) / span : 0;
  const runsOut = formatForecast(e.forecastBreachAt);
  const ahead = e.consumed > paceNow;
  const caption = (
    <>
      {budget.name} from {formatDate(e.periodStart.slice(0, 10))} to{" "}
      {formatDate(new Date(burn.end - 1).toISOString().slice(0, 10))}: {amountText(budget, e.consumed)} used
      of {amountText(budget, e.amount)}, {ahead ? "ahead of" : "within"} an even pace (
      {amountText(budget, paceNow)} by now).{" "}
      {burn.forecast && burn.forecast.t < burn.end
        ? `At this rate it runs out on ${runsOut ?? ""}.`
        : burn.forecast
          ? `At this rate the period ends near ${amountText(budget, burn.forecast.v)}.`
          : ""}
    </>
  );
  const table = (
    <table className="table table-compact">
      <caption>{budget.name}: the period in numbers</caption>
      <tbody>
        <tr>
          <th scope="row">Budget for the period</th>
          <td>{amountText(budget, e.amount)}</td>
        </tr>
        <tr>
          <th scope="row">Used so far</th>
          <td>{amountText(budget, e.consumed)}</td>
        </tr>
        <tr>
          <th scope="row">Even pace by now</th>
          <td>{amountText(budget, paceNow)}</td>
        </tr>
        <tr>
          <th scope="row">Left</th>
          <td>{amountText(budget, Math.max(0, e.remaining))}</td>
        </tr>
        <tr>
          <th scope="row">Runs out at this rate</th>
          <td>{runsOut ?? "Not within the forecast horizon"}</td>
        </tr>
      </tbody>
    </table>
  );
  return <TimeChart spec={spec} caption={caption} table={table} label={budget.name} />;
}
