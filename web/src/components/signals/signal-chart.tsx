// One signal over time: the daily values, the window value each trust limit checks (e.g. the 7-day
// share) against the limit's dashed line, and the quiet-failure findings flagged where their change
// began. A caption and a weekly table say the same in words and numbers. The window values come from
// the server (GET /limits/:id/series), computed from the raw points exactly as the limit evaluates,
// so the line ends where the limit's own reading is.
import { useMemo } from "react";
import type { Finding, LimitSeries, TrustLimit } from "../../../../src/contract/limits.js";
import type { Series, Signal } from "../../../../src/contract/signals.js";
import { formatDate, plural } from "../../lib/format.js";
import { extremes, isBeyond, weeklyRows, type DailyPoint } from "../../lib/series-summary.js";
import { CHART_COLOR, type ChartLine, type ChartMarker, type TimeChartSpec } from "../charts/chart-spec.js";
import { TimeChart } from "../charts/time-chart.js";
import { formatValue } from "./values.js";

const day = (t: number) => formatDate(new Date(t).toISOString().slice(0, 10));

const AGGREGATE_WORD: Record<Exclude<TrustLimit["aggregate"], "quantile">, string> = {
  mean: "average",
  ratio: "share",
  sum: "total",
  max: "highest",
  min: "lowest",
};

export function limitLineLabel(limit: TrustLimit, share: boolean): string {
  const aggregate = limit.aggregate === "ratio" ? "share" : limit.aggregate;
  return `Trust limit: ${limit.comparator} ${formatValue(limit.threshold, limit.signal.unit, share)} (${limit.windowDays}-day ${aggregate})`;
}

/** "7-day share", "3-day p90": the window value a limit checks, in words. */
function windowLabel(limit: TrustLimit): string {
  const word =
    limit.aggregate === "quantile"
      ? `p${Math.round((limit.quantile ?? 0.5) * 100)}`
      : AGGREGATE_WORD[limit.aggregate];
  return `${limit.windowDays}-day ${word}`;
}

const isBeyondOrNo = (value: number | null, limit: TrustLimit) => value !== null && isBeyond(value, limit);

/** Findings in time order, numbered as the chart's flags are. */
export function numberedFindings(findings: Finding[]): Array<Finding & { tag: string }> {
  return [...findings]
    .sort((a, b) => (a.since ?? a.detectedAt).localeCompare(b.since ?? b.detectedAt))
    .map((f, i) => ({ ...f, tag: String(i + 1) }));
}

interface LimitReading {
  limit: TrustLimit;
  /** The window value the limit checks on each day of the chart (null without data); null when its series did not load. */
  values: Array<number | null> | null;
  beyond: boolean[];
}

function WeeklyTable({
  signal,
  points,
  readings,
  findings,
}: {
  signal: Signal;
  points: DailyPoint[];
  readings: LimitReading[];
  findings: Array<Finding & { tag: string }>;
}) {
  const share = signal.aggregation === "ratio";
  const summed = signal.aggregation === "sum";
  const rows = weeklyRows(points, summed, Object.fromEntries(readings.map((r) => [r.limit.id, r.beyond])));
  const fmt = (v: number) => formatValue(v, signal.unit, share);
  return (
    <table className="table table-compact">
      <caption>{signal.name}, week by week</caption>
      <thead>
        <tr>
          <th scope="col">Week of</th>
          <th scope="col">{summed ? "Total" : "Average"}</th>
          <th scope="col">Lowest day</th>
          <th scope="col">Highest day</th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const notes: string[] = [];
          for (const { limit } of readings) {
            const n = row.beyond[limit.id] ?? 0;
            if (n > 0)
              notes.push(
                `${plural(n, "day")} with the ${windowLabel(limit)} ${limit.comparator} the limit of ${formatValue(limit.threshold, limit.signal.unit, share)}`,
              );
          }
          for (const f of findings) {
            const since = f.since ? Date.parse(f.since) : NaN;
            if (since >= row.start && since < row.start + 7 * 86_400_000)
              notes.push(`Finding ${f.tag} starts: ${f.summary}`);
          }
          return (
            <tr key={row.start}>
              <th scope="row">{day(row.start)}</th>
              <td>{fmt(row.value)}</td>
              <td>{fmt(row.low)}</td>
              <td>{fmt(row.high)}</td>
              <td>{notes.join("; ") || "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function SignalChart({
  signal,
  series,
  limits,
  windows,
  findings,
  days,
}: {
  signal: Signal;
  series: Series;
  limits: TrustLimit[];
  /** Each limit's window value day by day, by limit id. */
  windows: ReadonlyMap<string, LimitSeries> | undefined;
  findings: Finding[];
  days: number;
}) {
  const share = signal.aggregation === "ratio";
  const numbered = useMemo(() => numberedFindings(findings), [findings]);
  const points = useMemo(
    () =>
      series.points
        .filter((p): p is typeof p & { v: number } => p.v !== null)
        .map((p) => ({ t: p.t, v: p.v })),
    [series],
  );
  // The chart's days, plus today when no point has arrived yet today, so each window line ends on
  // the limit's reading now.
  const times = useMemo(() => {
    const days = points.map((p) => p.t);
    const newest = Math.max(
      ...limits.map((l) => windows?.get(l.id)?.points.at(-1)?.t ?? Number.NEGATIVE_INFINITY),
    );
    return days.length > 0 && newest > (days[days.length - 1] as number) ? [...days, newest] : days;
  }, [points, limits, windows]);
  const readings = useMemo<LimitReading[]>(
    () =>
      limits.map((limit) => {
        const window = windows?.get(limit.id);
        if (!window) return { limit, values: null, beyond: points.map(() => false) };
        const byDay = new Map(window.points.map((p) => [p.t, p.v]));
        const values = times.map((t) => byDay.get(t) ?? null);
        // `beyond` is per daily point (the table counts days with a value).
        return { limit, values, beyond: points.map((_, i) => isBeyondOrNo(values[i] ?? null, limit)) };
      }),
    [points, times, limits, windows],
  );

  const spec = useMemo<TimeChartSpec>(() => {
    const lines: ChartLine[] = [
      {
        label: `${signal.name} (daily)`,
        values: times.map((_, i) => points[i]?.v ?? null),
        color: CHART_COLOR.series,
        fill: CHART_COLOR.seriesFill,
        width: 1.5,
      },
    ];
    // One window line per distinct window (two limits on the 7-day average share one line).
    const drawn = new Set<string>();
    for (const r of readings) {
      const label = windowLabel(r.limit);
      if (!r.values || drawn.has(label)) continue;
      drawn.add(label);
      lines.push({ label, values: r.values, color: CHART_COLOR.window, width: 2.5 });
    }
    for (const r of readings) {
      lines.push({
        label: limitLineLabel(r.limit, share),
        values: times.map(() => r.limit.threshold),
        color: r.limit.evaluation.state === "breached" ? CHART_COLOR.danger : CHART_COLOR.limit,
        dash: [8, 5],
        width: 2,
      });
    }
    const first = times[0] ?? 0;
    const last = times[times.length - 1] ?? 0;
    const markers: ChartMarker[] = numbered
      .filter((f) => f.since && Date.parse(f.since) >= first && Date.parse(f.since) <= last)
      .map((f) => ({
        at: Date.parse(f.since as string),
        tag: f.tag,
        label: `Finding ${f.tag}: ${f.summary}`,
        color: CHART_COLOR.finding,
      }));
    return { times, lines, markers, height: 240, formatY: (v) => formatValue(v, signal.unit, share) };
  }, [points, times, readings, numbered, signal, share]);

  if (points.length < 2) {
    return <p className="muted">Not enough data in the last {days} days to draw a chart yet.</p>;
  }

  const range = extremes(points);
  const latest = points[points.length - 1] as DailyPoint;
  const fmt = (v: number) => formatValue(v, signal.unit, share);
  const caption = (
    <>
      {signal.name}, one value per day over the last {days} days: {fmt(points[0]?.v ?? 0)} on{" "}
      {day(points[0]?.t ?? 0)}, {fmt(latest.v)} on {day(latest.t)}
      {range && (
        <>
          ; lowest {fmt(range.low.v)} on {day(range.low.t)}, highest {fmt(range.high.v)} on{" "}
          {day(range.high.t)}
        </>
      )}
      .{" "}
      {readings.map(({ limit, values, beyond }) => {
        if (!values)
          // Still loading: the dashed line is drawn, the window value follows.
          return windows ? (
            <span key={limit.id}>
              {limitLineLabel(limit, share)}: the {windowLabel(limit)} could not be loaded.{" "}
            </span>
          ) : null;
        const n = beyond.filter(Boolean).length;
        const now = windows?.get(limit.id)?.points.at(-1)?.v ?? null;
        return (
          <span key={limit.id}>
            {limitLineLabel(limit, share)}: the {windowLabel(limit)} was {limit.comparator} it on{" "}
            {n === 0 ? "no day" : plural(n, "day")}
            {now !== null && `; it is ${fmt(now)} now`}.{" "}
          </span>
        );
      })}
      {numbered.length > 0 && `${plural(numbered.length, "finding")} flagged where the change began.`}
    </>
  );
  return (
    <TimeChart
      spec={spec}
      caption={caption}
      label={signal.name}
      table={<WeeklyTable signal={signal} points={points} readings={readings} findings={numbered} />}
    />
  );
}
