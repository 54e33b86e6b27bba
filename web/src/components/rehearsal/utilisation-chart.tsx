// Use of each capacity limit as load grows: one line per limit (with its range as a band), the 100%
// line, the planned milestones and a dot where each limit breaks. The SVG is decoration for sighted
// readers; the table next to it (and the sentences above) carry the same numbers in words.
import type { RehearsalResult } from "../../../../src/contract/rehearsal.js";

type Limit = RehearsalResult["limits"][number];

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { left: 48, right: 16, top: 12, bottom: 36 };
const Y_MAX = 1.5;
const COLORS = ["#1f3a8a", "#b42318", "#0b5e63", "#6b2f8f", "#8f4f00", "#1f7a44", "#374151", "#9d174d"];

export function colorOf(index: number): string {
  return COLORS[index % COLORS.length]!;
}

function at(limit: Limit, x: number, which: "low" | "central" | "high"): number | null {
  const u = limit.utilisationToday;
  if (!u) return null;
  return u[which] * Math.pow(x, limit.exponent[which]);
}

/** How far right the chart reaches: past the planned scale and the first break. */
export function chartReach(result: RehearsalResult): number {
  const marks = [result.scale?.multiple ?? 0, ...result.milestones.map((m) => m.multiple)];
  const first = result.firstBreak?.breakAt.high ?? 0;
  return Math.max(2, Math.min(50, Math.max(...marks, first) * 1.2));
}

export function UtilisationChart({ result }: { result: RehearsalResult }) {
  const reach = chartReach(result);
  const shown = result.limits.filter((l) => l.utilisationToday !== null);
  const sx = (x: number) => PAD.left + (x / reach) * (WIDTH - PAD.left - PAD.right);
  const sy = (u: number) => PAD.top + (1 - Math.min(u, Y_MAX) / Y_MAX) * (HEIGHT - PAD.top - PAD.bottom);
  const steps = 60;
  const xs = Array.from({ length: steps + 1 }, (_, i) => (reach * i) / steps);
  const path = (limit: Limit, which: "low" | "central" | "high") =>
    xs
      .map((x, i) => `${i === 0 ? "M" : "L"}${sx(x).toFixed(1)},${sy(at(limit, x, which) ?? 0).toFixed(1)}`)
      .join("");
  const band = (limit: Limit) => {
    const upper = xs.map((x) => `${sx(x).toFixed(1)},${sy(at(limit, x, "high") ?? 0).toFixed(1)}`);
    const lower = [...xs]
      .reverse()
      .map((x) => `${sx(x).toFixed(1)},${sy(at(limit, x, "low") ?? 0).toFixed(1)}`);
    return `M${upper.join("L")}L${lower.join("L")}Z`;
  };
  const ticks = [0, 0.5, 1, 1.5];
  const xTicks = niceTicks(reach);
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="rehearsal-chart"
      role="img"
      aria-hidden="true"
      focusable="false"
      width="100%"
    >
      {ticks.map((t) => (
        <g key={t}>
          <line
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={sy(t)}
            y2={sy(t)}
            stroke={t === 1 ? "#9f1c1c" : "#dde1e6"}
            strokeDasharray={t === 1 ? "6 4" : undefined}
          />
          <text x={PAD.left - 6} y={sy(t) + 4} fontSize="11" textAnchor="end" fill="#4a5361">
            {Math.round(t * 100)}%
          </text>
        </g>
      ))}
      {xTicks.map((t) => (
        <text key={t} x={sx(t)} y={HEIGHT - PAD.bottom + 16} fontSize="11" textAnchor="middle" fill="#4a5361">
          {t}x
        </text>
      ))}
      <text x={(WIDTH + PAD.left) / 2} y={HEIGHT - 4} fontSize="11" textAnchor="middle" fill="#4a5361">
        Load, as a multiple of today's volume
      </text>
      {result.milestones.map((m) => (
        <g key={`${m.date}-${m.multiple}`}>
          <line
            x1={sx(m.multiple)}
            x2={sx(m.multiple)}
            y1={PAD.top}
            y2={HEIGHT - PAD.bottom}
            stroke="#b3bbc6"
            strokeDasharray="2 3"
          />
          <text
            x={sx(m.multiple) + (sx(m.multiple) > WIDTH * 0.7 ? -3 : 3)}
            y={PAD.top + 10}
            fontSize="10"
            fill="#4a5361"
            textAnchor={sx(m.multiple) > WIDTH * 0.7 ? "end" : "start"}
          >
            {m.label || `${m.multiple}x`}
          </text>
        </g>
      ))}
      {result.scale && !result.milestones.some((m) => m.multiple === result.scale!.multiple) && (
        <line
          x1={sx(result.scale.multiple)}
          x2={sx(result.scale.multiple)}
          y1={PAD.top}
          y2={HEIGHT - PAD.bottom}
          stroke="#1a1f27"
          strokeDasharray="4 3"
        />
      )}
      {shown.map((limit) => {
        const color = colorOf(result.limits.indexOf(limit));
        return (
          <g key={`${limit.kind}-${limit.name}`}>
            <path d={band(limit)} fill={color} opacity="0.12" />
            <path d={path(limit, "central")} fill="none" stroke={color} strokeWidth="2" />
            {limit.breakAt && limit.breakAt.central <= reach && (
              <circle
                cx={sx(limit.breakAt.central)}
                cy={sy(1)}
                r="4.5"
                fill={color}
                stroke="#fff"
                strokeWidth="1.5"
              />
            )}
          </g>
        );
      })}
    </svg>
  );
}

function niceTicks(reach: number): number[] {
  const step = reach <= 3 ? 0.5 : reach <= 6 ? 1 : reach <= 15 ? 2 : reach <= 30 ? 5 : 10;
  const out: number[] = [];
  for (let t = 0; t <= reach + 1e-9; t += step) out.push(Math.round(t * 10) / 10);
  return out;
}
