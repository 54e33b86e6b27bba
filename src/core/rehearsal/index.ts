// The scale rehearsal: what breaks first as usage grows, projected from observed signals and the
// capacity limits engineering records. Pure functions; the store gathers the inputs.
export * from "./types.js";
export { rehearse, utilisationAt } from "./project.js";
export { breakMultiple, breakRange, MAX_MULTIPLE, DAYS_PER_MONTH } from "./limit-projection.js";
export { fitLoadExponent, quantile, ratioSamples, spreadOf, RATIO_WINDOW_DAYS } from "./ratios.js";
export { formatBreakRange, formatMultiple, LIMIT_KIND_WORDS, quarterOf } from "./sentences.js";
