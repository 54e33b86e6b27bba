// What a time chart shows, in plain data: the app builds these and the lazily loaded uPlot module
// draws them, so nothing outside that module needs uPlot.

/** Colours of the design system (app.css) for canvas drawing, where CSS variables do not reach. */
export const CHART_COLOR = {
  series: "#1f3a8a",
  seriesFill: "rgba(31, 58, 138, 0.08)",
  window: "#0b5e63",
  limit: "#b26a00",
  danger: "#c62828",
  pace: "#5d6675",
  forecast: "#9f1c1c",
  finding: "#6b2f8f",
  grid: "#e6e9ee",
  axis: "#4a5361",
} as const;

export interface ChartLine {
  label: string;
  /** One value per entry of `times`; null where the line has no value. */
  values: Array<number | null>;
  color: string;
  width?: number;
  /** Canvas dash pattern, e.g. [6, 4]; the legend draws the same pattern. */
  dash?: number[];
  fill?: string;
  /** Draw straight across missing values (lines known only at a few times). */
  spanGaps?: boolean;
  points?: boolean;
}

export interface ChartMarker {
  /** Epoch milliseconds. */
  at: number;
  /** Short label drawn on the chart, e.g. "1". */
  tag: string;
  /** What the marker means, for the legend. */
  label: string;
  color: string;
}

export interface TimeChartSpec {
  /** Epoch milliseconds, ascending. */
  times: number[];
  lines: ChartLine[];
  markers: ChartMarker[];
  height: number;
  formatY: (value: number) => string;
  xMin?: number;
  xMax?: number;
  /** Keep this value inside the y range (e.g. 0 for cumulative spend). */
  yInclude?: number;
}
