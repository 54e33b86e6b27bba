import type { ChangeDetection } from "./detect-changes.js";
import type { OnlineFinding } from "./online-detector.js";
import type { Direction } from "./types.js";
import { normalCdf } from "./robust-stats.js";

/**
 * Findings: detections turned into what both sides read and triage — what changed, since when, by
 * how much and how sure, e.g. "cost per request up 3% a week since 2 Oct".
 */

export type FindingKind = "level_shift" | "trend" | "variance_change";

export type Finding = {
  kind: FindingKind;
  sinceIndex: number;
  /** Epoch ms the change started, when known. */
  since: number | null;
  /** Level shift: jump. Trend: change per step. Variance change: new/old noise ratio. */
  change: number;
  /** Typical level before the change, in the signal's units. */
  baseline: number;
  /** Evidence as a z-score (variance: |log ratio| × 4, roughly comparable). */
  strength: number;
};

export type FindingDescription = {
  sentence: string;
  /** 0..1: how sure, from the strength of evidence (a heuristic, not a calibrated probability). */
  confidence: number;
  confidenceLabel: "low" | "medium" | "high";
  /** Relative change (0.03 = 3%; per week for trends), null when the baseline is about zero. */
  relativeChange: number | null;
  /** Whether the change is bad news given the signal's direction, null for noise changes. */
  worse: boolean | null;
};

export type SignalDescription = { name: string; unit?: string; direction?: Direction };
export type DescribeOptions = { stepMs?: number | null; timeZone?: string; now?: number };

const WEEK_MS = 7 * 86_400_000;

/** Findings from an offline detection (change points and trends). */
export function findingsFromDetection(detection: ChangeDetection): Finding[] {
  const findings: Finding[] = detection.changePoints.map((point) => ({
    kind: point.kind === "level" ? "level_shift" : "variance_change",
    sinceIndex: point.index,
    since: point.time,
    change: point.magnitude,
    baseline: point.before,
    strength: point.kind === "level" ? point.strength : point.strength * 4,
  }));
  for (const trend of detection.trends) {
    findings.push({
      kind: "trend",
      sinceIndex: trend.start,
      since: trend.startTime,
      change: trend.slopePerStep,
      baseline: trend.before,
      strength: trend.strength,
    });
  }
  return findings.sort((a, b) => a.sinceIndex - b.sinceIndex);
}

/** A finding from the online detector. */
export function findingFromOnline(online: OnlineFinding): Finding {
  return {
    kind: online.kind === "variance_increase" ? "variance_change" : online.kind,
    sinceIndex: online.sinceIndex,
    since: online.sinceTime,
    change: online.magnitude,
    baseline: online.baseline,
    strength:
      online.kind === "variance_increase" ? Math.log(Math.max(online.magnitude, 1)) * 4 : online.strength,
  };
}

/**
 * One human sentence for a finding, with how sure and whether it is bad news. Trends are stated
 * per week when the spacing of points is known (`stepMs`), else per point; relative when the
 * baseline is clearly away from zero, else in the signal's unit.
 */
export function describeFinding(
  finding: Finding,
  signal: SignalDescription,
  options: DescribeOptions = {},
): FindingDescription {
  const confidence = Math.min(Math.max(normalCdf(finding.strength - 3), 0), 1);
  const confidenceLabel = confidence >= 0.99 ? "high" : confidence >= 0.9 ? "medium" : "low";
  const since =
    finding.since === null
      ? `since point ${finding.sinceIndex + 1}`
      : `since ${formatDay(finding.since, options)}`;
  const unit = signal.unit ? ` ${signal.unit}` : "";
  const meaningfulBaseline = Math.abs(finding.baseline) > 1e-9;
  if (finding.kind === "variance_change") {
    const ratio = finding.change;
    const sentence =
      ratio >= 1
        ? `${signal.name} became ${formatNumber(ratio)}× as erratic ${since}`
        : `${signal.name} became ${formatNumber(1 / ratio)}× steadier ${since}`;
    return {
      sentence: `${sentence} (${confidenceLabel} confidence)`,
      confidence,
      confidenceLabel,
      relativeChange: null,
      worse: null,
    };
  }
  const rising = finding.change > 0;
  const worse = signal.direction === undefined ? null : rising === (signal.direction === "higher_is_worse");
  if (finding.kind === "trend") {
    const perWeek = options.stepMs ? finding.change * (WEEK_MS / options.stepMs) : null;
    const amount = perWeek ?? finding.change;
    const period = perWeek === null ? "a point" : "a week";
    const relativeChange = meaningfulBaseline ? amount / Math.abs(finding.baseline) : null;
    const size =
      relativeChange === null ? `${formatNumber(Math.abs(amount))}${unit}` : formatPercent(relativeChange);
    const sentence = `${signal.name} ${rising ? "up" : "down"} ${size} ${period} ${since}`;
    return {
      sentence: `${sentence} (${confidenceLabel} confidence)`,
      confidence,
      confidenceLabel,
      relativeChange,
      worse,
    };
  }
  const relativeChange = meaningfulBaseline ? finding.change / Math.abs(finding.baseline) : null;
  const size =
    relativeChange === null
      ? `${formatNumber(Math.abs(finding.change))}${unit}`
      : `${formatPercent(relativeChange)} (from ${formatNumber(finding.baseline)} to ${formatNumber(finding.baseline + finding.change)}${unit})`;
  const sentence = `${signal.name} ${rising ? "jumped" : "dropped"} ${size} ${since.replace("since", "on")}`;
  return {
    sentence: `${sentence} (${confidenceLabel} confidence)`,
    confidence,
    confidenceLabel,
    relativeChange,
    worse,
  };
}

function formatPercent(ratio: number): string {
  const percent = Math.abs(ratio) * 100;
  return `${percent >= 10 ? percent.toFixed(0) : percent >= 1 ? percent.toFixed(1).replace(/\.0$/, "") : percent.toPrecision(1)}%`;
}

function formatNumber(value: number): string {
  return Math.abs(value) >= 100
    ? Math.round(value).toLocaleString("en-GB")
    : Number(value.toPrecision(3)).toString();
}

/** "2 Oct", with the year when it is not the year of `now`. */
function formatDay(time: number, options: DescribeOptions): string {
  const timeZone = options.timeZone ?? "UTC";
  const sameYear =
    options.now === undefined ||
    new Intl.DateTimeFormat("en-GB", { year: "numeric", timeZone }).format(time) ===
      new Intl.DateTimeFormat("en-GB", { year: "numeric", timeZone }).format(options.now);
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    ...(sameYear ? {} : { year: "numeric" }),
    timeZone,
  }).format(time);
}
