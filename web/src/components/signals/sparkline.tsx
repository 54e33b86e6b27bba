// A small line chart of a signal's last weeks, drawn as SVG: enough to see creep or a step change.
// The picture is decoration for sighted readers; the sentence next to it carries the numbers.
import type { Series } from "../../../../src/contract/signals.js";

export function Sparkline({
  series,
  threshold,
  width = 220,
  height = 48,
}: {
  series: Series;
  threshold?: number | null;
  width?: number;
  height?: number;
}) {
  const points = series.points.filter((p): p is typeof p & { v: number } => p.v !== null);
  if (points.length < 2) return null;
  const values = points.map((p) => p.v);
  if (threshold !== null && threshold !== undefined) values.push(threshold);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const t0 = points[0]?.t ?? 0;
  const t1 = points[points.length - 1]?.t ?? 1;
  const x = (t: number) => ((t - t0) / (t1 - t0 || 1)) * (width - 4) + 2;
  const y = (v: number) => height - 4 - ((v - min) / span) * (height - 8);
  const path = points
    .map((p, i) => `${i === 0 ? "M" : "L"}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`)
    .join(" ");
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
    >
      {threshold !== null && threshold !== undefined && (
        <line
          x1={0}
          x2={width}
          y1={y(threshold)}
          y2={y(threshold)}
          className="sparkline-threshold"
          strokeDasharray="4 3"
        />
      )}
      <path d={path} className="sparkline-line" fill="none" />
    </svg>
  );
}
