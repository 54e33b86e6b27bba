import { afterAll, describe, expect, it } from "vitest";
import { detectAll, type DetectionJob } from "./detect-all.js";
import { closeDetectionPool, detectFindings } from "./detection-pool.js";

const DAY = 86_400_000;

/** Deterministic series: some flat, some with a step, some with a ramp, a few gaps. */
function jobs(count: number): DetectionJob[] {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, (_, k) => {
    const n = 120 + (k % 5) * 40;
    const t = Array.from({ length: n }, (_, i) => Date.UTC(2026, 0, 1) + i * DAY);
    const v = t.map((_, i) => {
      const shape = k % 3 === 0 ? (i > n / 2 ? 4 : 0) : k % 3 === 1 ? Math.max(0, i - n / 2) * 0.08 : 0;
      return i % 37 === 5 ? Number.NaN : 100 + shape + rnd() * 2;
    });
    return { t, v };
  });
}

describe("detection pool", () => {
  afterAll(() => closeDetectionPool());

  it("gives the same findings on worker threads as inline, in order", async () => {
    const batch = jobs(40);
    const pooled = await detectFindings(batch);
    expect(pooled).toEqual(detectAll(batch));
    expect(pooled.filter((f) => f.length > 0).length).toBeGreaterThan(10);
  });

  it("runs a small batch inline and an empty one to nothing", async () => {
    const batch = jobs(3);
    expect(await detectFindings(batch)).toEqual(detectAll(batch));
    expect(await detectFindings([])).toEqual([]);
  });

  it("falls back to inline work when its workers stop mid-request", async () => {
    const batch = jobs(20);
    const running = detectFindings(batch);
    await closeDetectionPool();
    expect(await running).toEqual(detectAll(batch));
    // And starts new workers for the next batch.
    expect(await detectFindings(batch)).toEqual(detectAll(batch));
  });
});
