// The uPlot canvas behind every time chart. This module is loaded on demand (time-chart.tsx), so uPlot
// and its stylesheet stay out of the first download.
import { memo, useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { CHART_COLOR, type TimeChartSpec } from "./chart-spec.js";

const FAMILY = 'Inter, "Segoe UI", system-ui, "DejaVu Sans", Arial, sans-serif';
const FONT = `12px ${FAMILY}`;
const MIN_WIDTH = 260;
const DAY_LABEL = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short" });
const HOUR_LABEL = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });

/** "3 Nov" under each tick; hours only when the ticks are less than a day apart. */
function timeLabels(splits: number[]): string[] {
  const step = splits.length > 1 ? (splits[1] as number) - (splits[0] as number) : 86_400;
  return splits.map((s) => (step < 86_400 ? HOUR_LABEL : DAY_LABEL).format(new Date(s * 1000)));
}

function drawMarkers(u: uPlot, spec: TimeChartSpec): void {
  const { ctx, bbox } = u;
  const ratio = window.devicePixelRatio || 1;
  ctx.save();
  ctx.font = `${11 * ratio}px ${FAMILY}`;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const marker of spec.markers) {
    const x = u.valToPos(marker.at / 1000, "x", true);
    if (x < bbox.left - 1 || x > bbox.left + bbox.width + 1) continue;
    ctx.strokeStyle = marker.color;
    ctx.lineWidth = 1.5 * ratio;
    ctx.setLineDash([3 * ratio, 3 * ratio]);
    ctx.beginPath();
    ctx.moveTo(x, bbox.top + 16 * ratio);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    ctx.setLineDash([]);
    // A small flag with the marker's number, explained in the legend below the chart.
    const w = Math.max(16, ctx.measureText(marker.tag).width / ratio + 8) * ratio;
    ctx.fillStyle = marker.color;
    ctx.fillRect(x - w / 2, bbox.top, w, 16 * ratio);
    ctx.fillStyle = "#ffffff";
    ctx.fillText(marker.tag, x, bbox.top + 2 * ratio);
  }
  ctx.restore();
}

function axisSize(u: uPlot, values: string[] | null): number {
  if (!values || values.length === 0) return 48;
  u.ctx.save();
  u.ctx.font = FONT;
  const widest = Math.max(...values.map((v) => u.ctx.measureText(v).width));
  u.ctx.restore();
  return Math.ceil(widest) + 22;
}

function optionsFor(
  spec: TimeChartSpec,
  width: number,
  onHover: (index: number | null) => void,
): uPlot.Options {
  const axisStyle = {
    stroke: CHART_COLOR.axis,
    font: FONT,
    grid: { stroke: CHART_COLOR.grid, width: 1 },
    ticks: { stroke: CHART_COLOR.grid, width: 1 },
  };
  return {
    width,
    height: spec.height,
    legend: { show: false },
    cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 7 } },
    scales: {
      x: {
        time: true,
        range: (_u, min, max) => [
          spec.xMin !== undefined ? spec.xMin / 1000 : min,
          spec.xMax !== undefined ? spec.xMax / 1000 : max,
        ],
      },
      y: {
        range: (_u, min, max) => {
          let low = min;
          let high = max;
          if (spec.yInclude !== undefined) {
            low = Math.min(low, spec.yInclude);
            high = Math.max(high, spec.yInclude);
          }
          const pad = (high - low || Math.abs(high) || 1) * 0.08;
          return [spec.yInclude !== undefined && low === spec.yInclude ? low : low - pad, high + pad];
        },
      },
    },
    axes: [
      { ...axisStyle, size: 30, values: (_u, splits) => timeLabels(splits) },
      {
        ...axisStyle,
        values: (_u, splits) => splits.map((v) => spec.formatY(v)),
        size: (u, values) => axisSize(u, values),
      },
    ],
    series: [
      {},
      ...spec.lines.map((line) => ({
        label: line.label,
        stroke: line.color,
        width: line.width ?? 2,
        ...(line.dash ? { dash: line.dash } : {}),
        ...(line.fill ? { fill: line.fill } : {}),
        spanGaps: line.spanGaps ?? false,
        points: { show: line.points ?? false, size: 6, fill: line.color },
      })),
    ],
    hooks: {
      draw: [(u) => drawMarkers(u, spec)],
      setCursor: [(u) => onHover(u.cursor.idx ?? null)],
    },
  };
}

function UplotChart({ spec, onHover }: { spec: TimeChartSpec; onHover: (index: number | null) => void }) {
  const host = useRef<HTMLDivElement>(null);
  const hover = useRef(onHover);
  hover.current = onHover;

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const widthNow = () => Math.max(MIN_WIDTH, Math.floor(element.clientWidth));
    const data: uPlot.AlignedData = [spec.times.map((t) => t / 1000), ...spec.lines.map((l) => l.values)];
    const chart = new uPlot(
      optionsFor(spec, widthNow(), (i) => hover.current(i)),
      data,
      element,
    );
    let lastWidth = widthNow();
    const observer = new ResizeObserver(() => {
      const width = widthNow();
      if (width === lastWidth) return;
      lastWidth = width;
      chart.setSize({ width, height: spec.height });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [spec]);

  return <div ref={host} className="time-chart-canvas" />;
}

export default memo(UplotChart);
