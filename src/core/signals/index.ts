/**
 * Signals: the pure maths behind trust limits, risk budgets and quiet-failure detection. The
 * store, server and CLI import from here only.
 */
export * from "./types.js";
export * from "./rollup.js";
export * from "./quantile-sketch.js";
export * from "./window-aggregate.js";
export * from "./trust-limit.js";
export * from "./budget-period.js";
export * from "./burn-alerts.js";
export * from "./risk-budget.js";
export type { BudgetEvent } from "./budget-events.js";
export { detectChanges } from "./detect-changes.js";
export type { ChangeDetection, DetectedChangePoint, DetectedTrend, DetectOptions } from "./detect-changes.js";
export * from "./online-detector.js";
export * from "./findings.js";
export * from "./parse-series.js";
export * from "./run-detect.js";
export * from "./daily-window.js";
