// Small charts drawn with plain HTML and SVG, for briefs and the board: spend against budget, limits
// against their thresholds, value ranges, stacked counts and daily lines. Every row states its
// numbers in words next to the picture, so the picture itself is hidden from screen readers.
import type { ReactNode } from "react";
import { formatPercent, formatValue } from "../signals/values.js";

export type BarTone = "good" | "warn" | "bad" | "neutral";

const TONE_ICON: Record<BarTone, string> = { good: "✓", warn: "▲", bad: "!", neutral: "•" };

const pct = (value: number, max: number) => `${Math.max(0, Math.min(100, (value / (max || 1)) * 100))}%`;

export function formatAmount(value: number, unit: string): string {
  if (unit === "%") return formatPercent(value);
  return formatValue(value, unit);
}

function ChartFigure({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <figure className="bar-chart">
      <figcaption className="bar-chart-title">{title}</figcaption>
      {children}
    </figure>
  );
}

function RowLabel({ label, tone }: { label: string; tone: BarTone }) {
  return (
    <p className="bar-label">
      <span className={`bar-icon bar-icon-${tone}`} aria-hidden="true">
        {TONE_ICON[tone]}
      </span>
      {label}
    </p>
  );
}

export interface SpendRow {
  label: string;
  tone: BarTone;
  unit: string;
  spent: number;
  budget: number;
  projected: number | null;
}

/** Spend so far (solid), where the period is heading (striped), and the budget (a line). */
export function SpendBars({ title, rows }: { title: ReactNode; rows: SpendRow[] }) {
  return (
    <ChartFigure title={title}>
      <ul className="bar-rows">
        {rows.map((row) => {
          const max = Math.max(row.budget, row.projected ?? 0, row.spent) * 1.05;
          const share = row.budget > 0 ? Math.round((row.spent / row.budget) * 100) : null;
          const over = row.projected !== null && row.projected > row.budget;
          return (
            <li key={row.label} className="bar-row">
              <RowLabel label={row.label} tone={row.tone} />
              <div className="bar-track" aria-hidden="true">
                {row.projected !== null && row.projected > row.spent && (
                  <div
                    className={`bar-projected bar-${row.tone}`}
                    style={{ width: pct(row.projected, max) }}
                  />
                )}
                <div className={`bar-fill bar-${row.tone}`} style={{ width: pct(row.spent, max) }} />
                <div className="bar-budget" style={{ left: pct(row.budget, max) }} />
              </div>
              <p className="bar-text">
                <strong>{formatAmount(row.spent, row.unit)}</strong> of {formatAmount(row.budget, row.unit)}
                {share !== null && ` (${share}%)`}
                {row.projected !== null && (
                  <span className={over ? "warn-text-inline" : undefined}>
                    ; heading for {formatAmount(row.projected, row.unit)}
                    {over ? ", over budget" : ", within budget"}
                  </span>
                )}
              </p>
            </li>
          );
        })}
      </ul>
      <ul className="bar-legend" aria-hidden="true">
        <li>
          <span className="legend-box bar-neutral" /> Spent so far
        </li>
        <li>
          <span className="legend-box legend-striped" /> Projected by the end of the period
        </li>
        <li>
          <span className="legend-line" /> Budget
        </li>
      </ul>
    </ChartFigure>
  );
}

export interface LimitRow {
  label: string;
  tone: BarTone;
  value: number | null;
  threshold: number;
  comparator: "above" | "below";
  unit: string;
}

/** Where each signal is now against the line where trust is lost (the shaded side). */
export function LimitBars({ title, rows }: { title: ReactNode; rows: LimitRow[] }) {
  return (
    <ChartFigure title={title}>
      <ul className="bar-rows">
        {rows.map((row) => {
          const max = Math.max(row.threshold, row.value ?? 0) * 1.3 || 1;
          const line = pct(row.threshold, max);
          return (
            <li key={row.label} className="bar-row">
              <RowLabel label={row.label} tone={row.tone} />
              <div className="bar-track" aria-hidden="true">
                <div
                  className="bar-lost-zone"
                  style={row.comparator === "above" ? { left: line, right: 0 } : { left: 0, width: line }}
                />
                <div className="bar-budget" style={{ left: line }} />
                {row.value !== null && (
                  <div className={`bar-dot bar-${row.tone}`} style={{ left: pct(row.value, max) }} />
                )}
              </div>
              <p className="bar-text">
                Now <strong>{row.value === null ? "no data" : formatAmount(row.value, row.unit)}</strong>;
                trust is lost {row.comparator} {formatAmount(row.threshold, row.unit)}
              </p>
            </li>
          );
        })}
      </ul>
      <ul className="bar-legend" aria-hidden="true">
        <li>
          <span className="legend-dot" /> Now
        </li>
        <li>
          <span className="legend-box legend-lost" /> Where trust is lost
        </li>
      </ul>
    </ChartFigure>
  );
}

export interface RangeRow {
  label: string;
  tone: BarTone;
  low: number;
  high: number;
}

/** Estimated ranges in one currency on one scale. */
export function RangeBars({
  title,
  currency,
  rows,
}: {
  title: ReactNode;
  currency: string;
  rows: RangeRow[];
}) {
  const max = Math.max(...rows.map((r) => r.high), 1) * 1.05;
  return (
    <ChartFigure title={title}>
      <ul className="bar-rows">
        {rows.map((row) => (
          <li key={row.label} className="bar-row">
            <RowLabel label={row.label} tone={row.tone} />
            <div className="bar-track" aria-hidden="true">
              <div
                className={`bar-range bar-${row.tone}`}
                style={{ left: pct(row.low, max), width: `max(4px, ${pct(row.high - row.low, max)})` }}
              />
            </div>
            <p className="bar-text">
              {currency} {Math.round(row.low).toLocaleString("en-US")}
              {row.high !== row.low && ` – ${Math.round(row.high).toLocaleString("en-US")}`}
            </p>
          </li>
        ))}
      </ul>
    </ChartFigure>
  );
}

export interface StackPart {
  label: string;
  value: number;
  tone: BarTone;
}

/** Counts that add up to a whole, e.g. systems by outlook. */
export function StackedBar({ title, parts }: { title: ReactNode; parts: StackPart[] }) {
  const total = parts.reduce((sum, p) => sum + p.value, 0);
  return (
    <ChartFigure title={title}>
      <div className="stack-bar" aria-hidden="true">
        {parts
          .filter((p) => p.value > 0)
          .map((p) => (
            <div key={p.label} className={`stack-part bar-${p.tone}`} style={{ width: pct(p.value, total) }}>
              {p.value}
            </div>
          ))}
      </div>
      <ul className="stack-legend">
        {parts.map((p) => (
          <li key={p.label}>
            <span className={`bar-icon bar-icon-${p.tone}`} aria-hidden="true">
              {TONE_ICON[p.tone]}
            </span>
            <strong>{p.value}</strong> {p.label}
          </li>
        ))}
      </ul>
    </ChartFigure>
  );
}

export interface MiniLine {
  label: string;
  unit: string;
  from: string;
  to: string;
  values: Array<number | null>;
  threshold: number | null;
}

function MiniLineSvg({
  line,
  width = 240,
  height = 52,
}: {
  line: MiniLine;
  width?: number;
  height?: number;
}) {
  const known = line.values
    .map((v, i) => ({ v, i }))
    .filter((p): p is { v: number; i: number } => p.v !== null);
  if (known.length < 2) return null;
  const values = known.map((p) => p.v);
  if (line.threshold !== null) values.push(line.threshold);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const n = Math.max(1, line.values.length - 1);
  const x = (i: number) => (i / n) * (width - 4) + 2;
  const y = (v: number) => height - 4 - ((v - min) / span) * (height - 8);
  const path = known
    .map((p, k) => `${k === 0 ? "M" : "L"}${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`)
    .join(" ");
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
    >
      {line.threshold !== null && (
        <line
          x1={0}
          x2={width}
          y1={y(line.threshold)}
          y2={y(line.threshold)}
          className="sparkline-threshold"
          strokeDasharray="4 3"
        />
      )}
      <path d={path} className="sparkline-line" fill="none" />
    </svg>
  );
}

/** Small daily lines, each with a sentence: first, last, lowest and highest value. */
export function MiniLines({
  title,
  lines,
  formatDay,
}: {
  title: ReactNode;
  lines: MiniLine[];
  formatDay: (iso: string) => string;
}) {
  return (
    <ChartFigure title={title}>
      <ul className="mini-lines">
        {lines.map((line) => {
          const known = line.values.filter((v): v is number => v !== null);
          const fmt = (v: number) => formatAmount(v, line.unit);
          return (
            <li key={line.label} className="mini-line">
              <p className="bar-label">{line.label}</p>
              <MiniLineSvg line={line} />
              <p className="bar-text">
                {known.length === 0
                  ? "No data in the period."
                  : `${formatDay(line.from)} to ${formatDay(line.to)}: from ${fmt(known[0] as number)} to ${fmt(known[known.length - 1] as number)}, lowest ${fmt(Math.min(...known))}, highest ${fmt(Math.max(...known))}${line.threshold !== null ? `; limit ${fmt(line.threshold)}` : ""}.`}
              </p>
            </li>
          );
        })}
      </ul>
    </ChartFigure>
  );
}
