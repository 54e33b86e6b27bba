/**
 * Penalised segmentation of a series into straight-line pieces (with jumps allowed between them),
 * found by binary segmentation and then polished: each boundary is moved to its best place between
 * its neighbours, and boundaries that do not pay for their penalty are removed. Lines rather than
 * flat levels let one model describe both level shifts (a jump) and slow creep (a slope), so a
 * ramp does not turn into a staircase of false change points. Every segment cost is O(1) from
 * prefix sums, so the whole search is O(n log n).
 */

export type PrefixSums = {
  count: Float64Array;
  index: Float64Array;
  indexSquared: Float64Array;
  value: Float64Array;
  valueSquared: Float64Array;
  indexValue: Float64Array;
};

export type LineFit = {
  n: number;
  /** Slope per step. */
  slope: number;
  /** Fitted value at the mean index of the segment. */
  centreValue: number;
  meanIndex: number;
  /** Spread of the indices: Σ(i − mean)². */
  indexSpread: number;
  mean: number;
  residualLine: number;
  residualFlat: number;
};

/** Cumulative sums that give any segment's least-squares line in O(1). */
export function prefixSums(values: ArrayLike<number>): PrefixSums {
  const n = values.length;
  const sums: PrefixSums = {
    count: new Float64Array(n + 1),
    index: new Float64Array(n + 1),
    indexSquared: new Float64Array(n + 1),
    value: new Float64Array(n + 1),
    valueSquared: new Float64Array(n + 1),
    indexValue: new Float64Array(n + 1),
  };
  for (let i = 0; i < n; i++) {
    const x = values[i] ?? 0;
    sums.count[i + 1] = i + 1;
    sums.index[i + 1] = (sums.index[i] ?? 0) + i;
    sums.indexSquared[i + 1] = (sums.indexSquared[i] ?? 0) + i * i;
    sums.value[i + 1] = (sums.value[i] ?? 0) + x;
    sums.valueSquared[i + 1] = (sums.valueSquared[i] ?? 0) + x * x;
    sums.indexValue[i + 1] = (sums.indexValue[i] ?? 0) + i * x;
  }
  return sums;
}

const between = (array: Float64Array, a: number, b: number): number => (array[b] ?? 0) - (array[a] ?? 0);

/** Least-squares line over [a, b) with its residual sums of squares (line and flat). */
export function lineFit(sums: PrefixSums, a: number, b: number): LineFit {
  const n = b - a;
  const si = between(sums.index, a, b);
  const sx = between(sums.value, a, b);
  const meanIndex = si / n;
  const mean = sx / n;
  const indexSpread = between(sums.indexSquared, a, b) - si * meanIndex;
  const valueSpread = Math.max(between(sums.valueSquared, a, b) - sx * mean, 0);
  const covariance = between(sums.indexValue, a, b) - si * mean;
  const slope = indexSpread > 0 ? covariance / indexSpread : 0;
  const residualLine = Math.max(valueSpread - slope * covariance, 0);
  return {
    n,
    slope,
    centreValue: mean,
    meanIndex,
    indexSpread,
    mean,
    residualLine,
    residualFlat: valueSpread,
  };
}

function cost(sums: PrefixSums, a: number, b: number): number {
  return b - a < 3 ? 0 : lineFit(sums, a, b).residualLine;
}

function bestSplit(sums: PrefixSums, a: number, b: number, minSize: number): { at: number; gain: number } {
  const whole = cost(sums, a, b);
  let best = { at: -1, gain: Number.NEGATIVE_INFINITY };
  for (let at = a + minSize; at <= b - minSize; at++) {
    const gain = whole - cost(sums, a, at) - cost(sums, at, b);
    if (gain > best.gain) best = { at, gain };
  }
  return best;
}

/**
 * Boundaries (start indices of new segments) of a penalised piecewise-linear fit. `penalty` is the
 * drop in squared error a boundary must buy, in the units of the values squared.
 */
export function segmentLinear(values: ArrayLike<number>, penalty: number, minSize: number): number[] {
  const n = values.length;
  if (n < 2 * minSize) return [];
  const sums = prefixSums(values);
  const boundaries: number[] = [];
  const pending = [{ a: 0, b: n, ...bestSplit(sums, 0, n, minSize) }];
  while (pending.length > 0) {
    pending.sort((x, y) => y.gain - x.gain);
    const top = pending.shift();
    if (!top || top.at < 0 || top.gain < penalty) break;
    boundaries.push(top.at);
    pending.push({ a: top.a, b: top.at, ...bestSplit(sums, top.a, top.at, minSize) });
    pending.push({ a: top.at, b: top.b, ...bestSplit(sums, top.at, top.b, minSize) });
  }
  boundaries.sort((x, y) => x - y);
  refineBoundaries(sums, boundaries, n, minSize);
  pruneBoundaries(sums, boundaries, n, penalty);
  refineBoundaries(sums, boundaries, n, minSize);
  return boundaries;
}

/** Moves each boundary to its best place between its neighbours (two sweeps). */
function refineBoundaries(sums: PrefixSums, boundaries: number[], n: number, minSize: number): void {
  for (let sweep = 0; sweep < 2; sweep++) {
    for (let k = 0; k < boundaries.length; k++) {
      const a = boundaries[k - 1] ?? 0;
      const b = boundaries[k + 1] ?? n;
      const best = bestSplit(sums, a, b, minSize);
      if (best.at >= 0) boundaries[k] = best.at;
    }
  }
}

/** Removes, cheapest first, every boundary whose removal costs less than the penalty. */
function pruneBoundaries(sums: PrefixSums, boundaries: number[], n: number, penalty: number): void {
  while (boundaries.length > 0) {
    let cheapest = -1;
    let cheapestCost = Number.POSITIVE_INFINITY;
    for (let k = 0; k < boundaries.length; k++) {
      const a = boundaries[k - 1] ?? 0;
      const at = boundaries[k] ?? 0;
      const b = boundaries[k + 1] ?? n;
      const increase = cost(sums, a, b) - cost(sums, a, at) - cost(sums, at, b);
      if (increase < cheapestCost) {
        cheapestCost = increase;
        cheapest = k;
      }
    }
    if (cheapestCost >= penalty) return;
    boundaries.splice(cheapest, 1);
  }
}
