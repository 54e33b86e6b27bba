// A time chart as a figure: the picture (uPlot, loaded on first use), a legend that names every line
// by its pattern as well as its colour, a caption, and the same numbers as a table. The canvas is
// hidden from screen readers; the caption and the table carry the meaning.
import { Component, lazy, Suspense, useState, type ReactNode } from "react";
import { formatDate } from "../../lib/format.js";
import type { ChartLine, ChartMarker, TimeChartSpec } from "./chart-spec.js";

const UplotChart = lazy(() => import("./uplot-chart.js"));

class ChartBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render(): ReactNode {
    if (this.state.failed) {
      return (
        <p className="time-chart-message">
          The chart could not be drawn in this browser. The table below has the same numbers.
        </p>
      );
    }
    return this.props.children;
  }
}

function LineSample({ line }: { line: ChartLine }) {
  return (
    <svg width="28" height="10" viewBox="0 0 28 10" aria-hidden="true" className="legend-sample">
      <line
        x1="1"
        x2="27"
        y1="5"
        y2="5"
        stroke={line.color}
        strokeWidth={Math.max(2, line.width ?? 2)}
        strokeDasharray={line.dash?.join(" ")}
      />
    </svg>
  );
}

export function ChartLegend({ lines, markers }: { lines: ChartLine[]; markers: ChartMarker[] }) {
  return (
    <ul className="chart-legend">
      {lines.map((line) => (
        <li key={line.label}>
          <LineSample line={line} />
          {line.label}
        </li>
      ))}
      {markers.map((m) => (
        <li key={`${m.tag}-${m.at}`}>
          <span className="legend-flag" style={{ background: m.color }} aria-hidden="true">
            {m.tag}
          </span>
          <span className="visually-hidden">Marker {m.tag}: </span>
          {m.label}
        </li>
      ))}
    </ul>
  );
}

function readout(spec: TimeChartSpec, index: number): string {
  const t = spec.times[index];
  if (t === undefined) return "";
  const parts = spec.lines
    .map((line) => {
      const v = line.values[index];
      return v === null || v === undefined ? null : `${line.label}: ${spec.formatY(v)}`;
    })
    .filter(Boolean);
  return `${formatDate(new Date(t).toISOString())} · ${parts.join(" · ") || "no value"}`;
}

export function TimeChart({
  spec,
  caption,
  table,
  label,
}: {
  spec: TimeChartSpec;
  /** One or two sentences that say what the chart shows. */
  caption: ReactNode;
  /** The same numbers as a table; always read by screen readers, shown on request. */
  table: ReactNode;
  /** Names the chart in the show-table button, e.g. the signal's name. */
  label: string;
}) {
  const [hover, setHover] = useState<number | null>(null);
  const [showTable, setShowTable] = useState(false);
  return (
    <figure className="time-chart">
      <div className="time-chart-readout" aria-hidden="true">
        {hover === null ? "Point at the chart to read the values of a day." : readout(spec, hover)}
      </div>
      <div className="time-chart-frame" style={{ minHeight: spec.height }} aria-hidden="true">
        <ChartBoundary>
          <Suspense fallback={<p className="time-chart-message">Drawing the chart…</p>}>
            <UplotChart spec={spec} onHover={setHover} />
          </Suspense>
        </ChartBoundary>
      </div>
      <ChartLegend lines={spec.lines} markers={spec.markers} />
      <figcaption className="time-chart-caption">{caption}</figcaption>
      <button
        type="button"
        className="button button-ghost button-small"
        aria-pressed={showTable}
        onClick={() => setShowTable((v) => !v)}
      >
        {showTable ? "Hide the table" : "Show the numbers as a table"}
        <span className="visually-hidden"> ({label})</span>
      </button>
      <div className={showTable ? "chart-table" : "visually-hidden"}>{table}</div>
    </figure>
  );
}
