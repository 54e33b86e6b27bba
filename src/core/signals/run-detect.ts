import { detectChanges } from "./detect-changes.js";
import type { ChangeDetection } from "./detect-changes.js";
import type { SeriesProblem } from "./parse-series.js";
import { parseSeries } from "./parse-series.js";

/**
 * What `parley detect FILE` prints, built without I/O so the CLI command only reads the file,
 * calls runDetect and prints JSON.stringify of the result.
 */

export type DetectOutput = {
  changePoints: { index: number; time: string | number | null }[];
  trends: { start: number; end: number; slopePerStep: number }[];
};

/** Thrown by runDetect when the input cannot be read; `problems` carry line numbers. */
export class SeriesParseError extends Error {
  readonly code = "series_invalid";
  constructor(readonly problems: SeriesProblem[]) {
    super(problems.map((problem) => `line ${problem.line}: ${problem.message}`).join("\n"));
    this.name = "SeriesParseError";
  }
}

/**
 * The detect command's output for a file's text: change points (index where the new segment
 * starts, with the input's timestamp for it) and trends (inclusive index range and slope per
 * step). Throws SeriesParseError listing every bad row.
 */
export function runDetect(text: string): DetectOutput {
  const parsed = parseSeries(text);
  if (!parsed.ok) throw new SeriesParseError(parsed.problems);
  const { values, times, rawTimes } = parsed.series;
  return detectOutput(detectChanges(values, times), rawTimes);
}

/** Shapes a detection into the CLI's exact JSON contract, echoing timestamps as given. */
export function detectOutput(
  detection: ChangeDetection,
  rawTimes: readonly (string | number | null)[],
): DetectOutput {
  return {
    changePoints: detection.changePoints.map((point) => ({
      index: point.index,
      time: rawTimes[point.index] ?? null,
    })),
    trends: detection.trends.map((trend) => ({
      start: trend.start,
      end: trend.end,
      slopePerStep: roundSignificant(trend.slopePerStep, 6),
    })),
  };
}

function roundSignificant(value: number, digits: number): number {
  return value === 0 || !Number.isFinite(value) ? 0 : Number(value.toPrecision(digits));
}
