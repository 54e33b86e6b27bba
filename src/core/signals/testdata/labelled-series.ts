import type { SeededRandom } from "./seeded-random.js";
import { seededRandom } from "./seeded-random.js";

/**
 * A seeded, labelled set of daily series for validating the quiet-failure detector honestly:
 * steps, ramps, variance changes, weekly seasonality, outliers, autocorrelated and heavy-tailed
 * noise, long no-change series and combinations. Sizes are in units of the noise level, so the
 * set covers changes from barely visible to obvious.
 */

export type Scenario = "no_change" | "step" | "ramp" | "variance" | "step_and_ramp" | "step_and_variance";

export type LabelledSeries = {
  name: string;
  scenario: Scenario;
  values: number[];
  /** Epoch ms of each value (daily, from 2023-01-02). */
  times: number[];
  /** 0-based indices where a new level or noise regime starts. */
  changePoints: number[];
  /** Ramps, inclusive index ranges; an ongoing ramp ends at the last index. */
  trends: { start: number; end: number }[];
  /** Of each step or variance change, its size in noise units (for breakdowns). */
  sizes: number[];
  seasonal: boolean;
  outliers: boolean;
};

export type LabelledSetOptions = { seed?: number; perScenario?: number };

const DAY_MS = 86_400_000;
const START = Date.UTC(2023, 0, 2);
const SCENARIOS: readonly Scenario[] = [
  "no_change",
  "step",
  "ramp",
  "variance",
  "step_and_ramp",
  "step_and_variance",
];

/** The labelled set: `perScenario` series of each scenario, deterministic for a given seed. */
export function generateLabelledSet(options: LabelledSetOptions = {}): LabelledSeries[] {
  const random = seededRandom(options.seed ?? 20_241_002);
  const perScenario = options.perScenario ?? 50;
  const set: LabelledSeries[] = [];
  for (const scenario of SCENARIOS) {
    for (let i = 0; i < perScenario; i++) set.push(generateSeries(random, scenario, `${scenario}-${i}`));
  }
  return set;
}

/** Pure-noise series (with seasonality and outliers in most) for false-alarm measurement. */
export function generateNoChangeSet(seed: number, count: number, length: number): LabelledSeries[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) =>
    generateSeries(random, "no_change", `long-no-change-${i}`, length),
  );
}

function generateSeries(
  random: SeededRandom,
  scenario: Scenario,
  name: string,
  fixedLength?: number,
): LabelledSeries {
  const n = fixedLength ?? random.integer(60, 730);
  const level = Math.exp(random.between(Math.log(5), Math.log(5000)));
  const sigma = level * random.between(0.02, 0.15);
  const mean = new Array<number>(n).fill(level);
  const scale = new Array<number>(n).fill(1);
  const changePoints: number[] = [];
  const trends: { start: number; end: number }[] = [];
  const sizes: number[] = [];
  const wantsStep = scenario === "step" || scenario === "step_and_ramp" || scenario === "step_and_variance";
  const steps = wantsStep
    ? random.integer(1, scenario === "step" ? Math.min(3, Math.floor(n / 60)) || 1 : 1)
    : 0;
  for (const at of spacedPositions(random, n, steps)) {
    const size = random.between(1, 5) * (random.chance(0.5) ? 1 : -1);
    for (let t = at; t < n; t++) mean[t] = (mean[t] ?? 0) + size * sigma;
    changePoints.push(at);
    sizes.push(Math.abs(size));
  }
  if (scenario === "variance" || scenario === "step_and_variance") {
    const [at = Math.floor(n / 2)] = spacedPositions(random, n, 1, changePoints);
    const factor = random.chance(0.7) ? random.between(2, 4) : 1 / random.between(2, 4);
    for (let t = at; t < n; t++) scale[t] = factor;
    changePoints.push(at);
    sizes.push(factor);
  }
  if (scenario === "ramp" || scenario === "step_and_ramp") {
    const length = random.integer(30, Math.max(31, Math.min(200, Math.floor(n / 2))));
    const ongoing = random.chance(0.4);
    const free = changePoints.length > 0 ? changePoints : [-100];
    let start = random.integer(15, Math.max(16, n - length - (ongoing ? 0 : 15)));
    if (ongoing) start = n - length;
    if (free.some((at) => Math.abs(at - start) < 20 || Math.abs(at - (start + length)) < 20)) {
      start = Math.min(n - length, Math.max(15, (free[0] ?? 0) + 25));
    }
    const end = Math.min(n - 1, start + length - 1);
    const rise = random.between(2, 8) * sigma * (random.chance(0.5) ? 1 : -1);
    for (let t = start; t < n; t++)
      mean[t] = (mean[t] ?? 0) + (rise * Math.min(t - start + 1, end - start + 1)) / (end - start + 1);
    trends.push({ start, end });
  }
  const seasonal = random.chance(0.6);
  const weekly = seasonal
    ? weeklyPattern(random, random.between(0.5, 3) * sigma)
    : new Array<number>(7).fill(0);
  const outliers = random.chance(0.5);
  const outlierRate = outliers ? random.between(0.005, 0.03) : 0;
  const phi = random.chance(0.5) ? random.between(0, 0.3) : 0;
  const heavyTails = random.chance(0.3);
  const values: number[] = [];
  let previous = 0;
  for (let t = 0; t < n; t++) {
    const shock = heavyTails ? studentT(random, 5) * Math.sqrt(3 / 5) : random.gaussian();
    previous = phi * previous + Math.sqrt(1 - phi * phi) * shock;
    let value = (mean[t] ?? 0) + (weekly[t % 7] ?? 0) + previous * sigma * (scale[t] ?? 1);
    if (random.chance(outlierRate)) value += random.between(4, 10) * sigma * (random.chance(0.7) ? 1 : -1);
    values.push(value);
  }
  const order = changePoints.map((at, i) => ({ at, size: sizes[i] ?? 0 })).sort((a, b) => a.at - b.at);
  return {
    name,
    scenario,
    values,
    times: values.map((_, t) => START + t * DAY_MS),
    changePoints: order.map((entry) => entry.at),
    trends,
    sizes: order.map((entry) => entry.size),
    seasonal,
    outliers,
  };
}

/** `count` change positions at least 30 apart, at least 20 from either end, away from `taken`. */
function spacedPositions(
  random: SeededRandom,
  n: number,
  count: number,
  taken: readonly number[] = [],
): number[] {
  const chosen: number[] = [];
  for (let attempt = 0; chosen.length < count && attempt < 200; attempt++) {
    const at = random.integer(20, n - 20);
    if ([...taken, ...chosen].every((other) => Math.abs(other - at) >= 30)) chosen.push(at);
  }
  return chosen.sort((a, b) => a - b);
}

function weeklyPattern(random: SeededRandom, amplitude: number): number[] {
  const weekendDip = random.chance(0.5);
  const raw = Array.from({ length: 7 }, (_, day) => (weekendDip ? (day >= 5 ? -1 : 0.4) : random.gaussian()));
  const centre = raw.reduce((sum, x) => sum + x, 0) / 7;
  return raw.map((x) => (x - centre) * amplitude);
}

function studentT(random: SeededRandom, degrees: number): number {
  let chiSquare = 0;
  for (let i = 0; i < degrees; i++) chiSquare += random.gaussian() ** 2;
  return random.gaussian() / Math.sqrt(chiSquare / degrees);
}
