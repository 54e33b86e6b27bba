// Likelihood × impact as a real table: each cell says its count in text, and a screen reader hears
// both axes. Cells are buttons that filter the register below.
import type { Risk } from "../../../../src/contract/index.js";
import { SCORE_LABEL, SCORES } from "../../lib/labels.js";

export interface Cell {
  likelihood: number;
  impact: number;
}

function band(likelihood: number, impact: number): "high" | "medium" | "low" {
  const score = likelihood * impact;
  return score >= 15 ? "high" : score >= 8 ? "medium" : "low";
}

const BAND_LABEL = { high: "high exposure", medium: "medium exposure", low: "low exposure" };

export function HeatMap({
  risks,
  selected,
  onSelect,
}: {
  risks: Risk[];
  selected: Cell | null;
  onSelect: (cell: Cell | null) => void;
}) {
  const counts = new Map<string, number>();
  for (const r of risks)
    counts.set(`${r.likelihood}:${r.impact}`, (counts.get(`${r.likelihood}:${r.impact}`) ?? 0) + 1);
  const likelihoods = [...SCORES].reverse();
  return (
    <div className="heatmap-wrap">
      <table className="heatmap">
        <caption>
          Risks by likelihood and impact
          <span className="heatmap-caption-hint"> — choose a cell to list its risks</span>
        </caption>
        <thead>
          <tr>
            <td className="heatmap-corner">
              <span className="small muted">Likelihood ↓ · Impact →</span>
            </td>
            {SCORES.map((i) => (
              <th key={i} scope="col">
                <span className="heatmap-axis">{SCORE_LABEL[i]}</span>
                <span className="visually-hidden"> impact</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {likelihoods.map((l) => (
            <tr key={l}>
              <th scope="row">
                <span className="heatmap-axis">{SCORE_LABEL[l]}</span>
                <span className="visually-hidden"> likelihood</span>
              </th>
              {SCORES.map((i) => {
                const count = counts.get(`${l}:${i}`) ?? 0;
                const isSelected = selected?.likelihood === l && selected.impact === i;
                const b = band(l, i);
                return (
                  <td key={i} className={`heatmap-cell heat-${b}${count === 0 ? " heat-empty" : ""}`}>
                    <button
                      type="button"
                      aria-pressed={isSelected}
                      disabled={count === 0 && !isSelected}
                      aria-label={`Likelihood ${SCORE_LABEL[l].toLowerCase()}, impact ${SCORE_LABEL[i].toLowerCase()}, ${BAND_LABEL[b]}: ${count} ${count === 1 ? "risk" : "risks"}`}
                      onClick={() => onSelect(isSelected ? null : { likelihood: l, impact: i })}
                    >
                      {count}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="heatmap-legend" aria-label="Legend">
        <li>
          <span className="heat-swatch heat-high" aria-hidden="true" /> High exposure (likelihood × impact ≥
          15)
        </li>
        <li>
          <span className="heat-swatch heat-medium" aria-hidden="true" /> Medium (8–14)
        </li>
        <li>
          <span className="heat-swatch heat-low" aria-hidden="true" /> Low (under 8)
        </li>
      </ul>
    </div>
  );
}
