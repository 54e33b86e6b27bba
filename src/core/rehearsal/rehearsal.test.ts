import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DAY_MS } from "../signals/types.js";
import { DEFAULT_GATES, readinessGaps, type GateRule } from "../readiness.js";
import { fitLoadExponent, quantile, ratioSamples } from "./ratios.js";
import { breakMultiple, MAX_MULTIPLE } from "./limit-projection.js";
import { rehearse, utilisationAt } from "./project.js";
import { NO_WHAT_IF, type DailyValue, type LimitFacts, type RehearsalInput } from "./types.js";

const NOW = Date.parse("2026-11-28T09:00:00Z");
const TODAY = Math.floor(NOW / DAY_MS) * DAY_MS;

/** `days` daily values ending yesterday. */
function series(days: number, value: (i: number) => number): DailyValue[] {
  return Array.from({ length: days }, (_, i) => ({ t: TODAY - (days - i) * DAY_MS, v: value(i) }));
}

function limit(over: Partial<LimitFacts> & Pick<LimitFacts, "kind" | "value">): LimitFacts {
  return {
    id: null,
    name: over.kind,
    unit: "",
    source: "test",
    peakFactor: null,
    quantile: null,
    measure: null,
    window: null,
    windowDays: null,
    currentUsage: null,
    ...over,
  };
}

/** 2,000 requests a day, 20,000 tokens and 0.07 USD a request, 10% sent to a person. */
function input(over: Partial<RehearsalInput> = {}, noise = 0.05): RehearsalInput {
  const wiggle = (i: number) => 1 + noise * Math.sin(i * 1.7);
  const requests = series(60, (i) => 2000 * wiggle(i));
  return {
    now: NOW,
    plan: {
      requestsPerDay: 2000,
      users: null,
      dataVolume: null,
      measuredOn: "2026-11-20",
      milestones: [
        { label: "Q1", multiple: 2, requestsPerDay: null, date: "2027-03-31" },
        { label: "Q3", multiple: 10, requestsPerDay: null, date: "2027-09-30" },
      ],
      retryRate: 0,
      pricePer1kTokens: null,
      currency: "USD",
    },
    limits: [
      limit({ kind: "tokens_per_minute", value: 100_000, unit: "tokens/min", peakFactor: 2 }),
      limit({ kind: "human_review_per_day", value: 800, unit: "cases/day" }),
      limit({ kind: "contract_cap_spend_per_month", value: 30_000, unit: "USD" }),
    ],
    signals: {
      requests: { name: "Requests", unit: "requests", values: requests },
      tokens: {
        name: "Tokens",
        unit: "tokens",
        values: requests.map((p, i) => ({ t: p.t, v: p.v * 20_000 * wiggle(i + 3) })),
      },
      cost: { name: "Spend", unit: "USD", values: requests.map((p) => ({ t: p.t, v: p.v * 0.07 })) },
      manualWork: { name: "Manual", unit: "", values: series(60, () => 0.1) },
      errorRate: null,
      latency: [],
    },
    whatIf: NO_WHAT_IF,
    ...over,
  };
}

describe("ratios and fits", () => {
  it("interpolates quantiles", () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2], 0.5)).toBe(1.5);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });

  it("takes one ratio per day from trailing 7-day totals", () => {
    const num = series(40, (i) => (i % 7 < 5 ? 200 : 50));
    const den = series(40, (i) => (i % 7 < 5 ? 2000 : 500));
    const samples = ratioSamples(num, den, NOW, 30);
    expect(samples).toHaveLength(30);
    for (const s of samples) expect(s).toBeCloseTo(0.1, 10);
  });

  it("finds how latency grows with load, and says flat without evidence", () => {
    const load = series(90, (i) => 1000 * (1 + (i % 7) * 0.4));
    const latency = load.map((p, i) => ({
      t: p.t,
      v: 800 * Math.pow(p.v / 1000, 0.3) * (1 + 0.01 * Math.sin(i)),
    }));
    const fit = fitLoadExponent(load, latency, NOW);
    expect(fit.evidence).toBe(true);
    expect(fit.exponent.central).toBeCloseTo(0.3, 1);
    expect(fit.exponent.low).toBeLessThanOrEqual(fit.exponent.central);

    const flat = fitLoadExponent(
      load,
      series(90, (i) => 800 + 40 * Math.sin(i * 2.3)),
      NOW,
    );
    expect(flat.evidence).toBe(false);
    expect(flat.exponent.central).toBe(0);
    expect(flat.note).toMatch(/assumed flat/);

    const few = fitLoadExponent(
      series(5, () => 1),
      series(5, () => 1),
      NOW,
    );
    expect(few.note).toMatch(/only 5 days/);
  });
});

describe("rehearse", () => {
  it("names the first limit to break, with a range, a date and both voices", () => {
    const r = rehearse(input());
    // 2,000 × 20,000 × 2 / 1,440 ≈ 55,556 tokens a minute at peak against 100,000 → 1.8x.
    const tpm = r.limits.find((l) => l.kind === "tokens_per_minute")!;
    expect(tpm.breakAt!.central).toBeCloseTo(1.8, 1);
    expect(tpm.outcome).toBe("breaks_before_plan");
    expect(r.firstBreak?.kind).toBe("tokens_per_minute");
    expect(r.firstBreak?.beforeScale).toBe(true);
    expect(r.firstBreak?.expectedOn).toMatch(/^2027-0[1-3]-/);
    // 2,000 × 10% = 200 cases a day against 800 → 4x.
    expect(r.limits.find((l) => l.kind === "human_review_per_day")!.breakAt!.central).toBeCloseTo(4, 1);
    // 2,000 × 0.07 × 30.44 ≈ 4,261 USD a month against 30,000 → about 7x.
    expect(r.limits.find((l) => l.kind === "contract_cap_spend_per_month")!.breakAt!.central).toBeCloseTo(
      7.04,
      1,
    );
    expect(r.leadership[0]).toMatch(
      /^At about 1\.8x .* token-per-minute quota runs out — before the 10x planned for Q3 2027/,
    );
    expect(r.engineering[0]).toMatch(/First limit to break/);
    expect(r.engineering.join("\n")).toMatch(/trailing 7-day totals/);
    expect(r.confidence).toBe("high"); // 30 days with little spread
  });

  it("says what to record instead of inventing numbers", () => {
    const r = rehearse(
      input({
        limits: [limit({ kind: "latency_budget_ms", value: 4000, quantile: 0.95 })],
        signals: { requests: null, tokens: null, cost: null, manualWork: null, errorRate: null, latency: [] },
        plan: { ...input().plan, requestsPerDay: null, milestones: [] },
      }),
    );
    expect(r.firstBreak).toBeNull();
    expect(r.limits[0]!.outcome).toBe("no_data");
    expect(r.missing.join(" ")).toMatch(/latency signal/);
    expect(r.missing.join(" ")).toMatch(/requests per day/);
    expect(r.leadership[0]).toMatch(/cannot yet say/);
  });

  it("derives tokens from spend at the recorded price when no token signal exists", () => {
    const base = input();
    const r = rehearse({
      ...base,
      plan: { ...base.plan, pricePer1kTokens: 0.0035 },
      signals: { ...base.signals, tokens: null },
    });
    const tokens = r.ratios.find((x) => x.measure === "tokens_per_request")!;
    expect(tokens.value.central).toBeCloseTo(20_000, -2);
    expect(tokens.method).toMatch(/derived from cost per request/);
  });

  it("what-if: a cheaper model moves the spend cap out; retries bring the token quota in", () => {
    const base = rehearse(input());
    const cheaper = rehearse(input({ whatIf: { ...NO_WHAT_IF, costMultiplier: 0.5 } }));
    const cap = (r: typeof base) =>
      r.limits.find((l) => l.kind === "contract_cap_spend_per_month")!.breakAt!.central;
    expect(cap(cheaper)).toBeCloseTo(cap(base) * 2, 5);
    const retries = rehearse(input({ whatIf: { ...NO_WHAT_IF, retryRate: 0.25 } }));
    const tpm = (r: typeof base) => r.limits.find((l) => l.kind === "tokens_per_minute")!.breakAt!.central;
    expect(tpm(retries)).toBeCloseTo(tpm(base) / 1.25, 5);
    const scaled = rehearse(input({ whatIf: { ...NO_WHAT_IF, scale: 1.5 } }));
    expect(scaled.firstBreak?.beforeScale).toBe(false);
    expect(scaled.leadership[0]).toMatch(/after the 1\.5x, so the plan fits/);
  });

  it("treats a limit already exceeded as broken today", () => {
    const r = rehearse(input({ limits: [limit({ kind: "human_review_per_day", value: 100 })] }));
    expect(r.limits[0]!.outcome).toBe("already_broken");
    expect(r.leadership[0]).toMatch(/^Already at today's volume/);
  });
});

describe("projection properties", () => {
  const positive = fc.double({ min: 1e-3, max: 1e3, noNaN: true });

  it("break multiple solves utilisation = 100% and is monotone in the limit's value", () => {
    fc.assert(
      fc.property(positive, positive, fc.double({ min: 0.1, max: 3, noNaN: true }), (demand, value, e) => {
        const u = demand / value;
        const x = breakMultiple(u, e);
        if (x < MAX_MULTIPLE && x > 0) expect(u * Math.pow(x, e)).toBeCloseTo(1, 6);
        expect(breakMultiple(demand / (value * 1.5), e)).toBeGreaterThanOrEqual(x);
      }),
    );
  });

  it("low ≤ central ≤ high for every limit, whatever the data", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        (noise, days, value) => {
          const base = input({}, noise);
          const cut = (s: DailyValue[]) => s.slice(-days);
          const r = rehearse({
            ...base,
            limits: base.limits.map((l) => ({ ...l, value })),
            signals: {
              ...base.signals,
              requests: { ...base.signals.requests!, values: cut([...base.signals.requests!.values]) },
              tokens: { ...base.signals.tokens!, values: cut([...base.signals.tokens!.values]) },
            },
          });
          for (const l of r.limits) {
            if (!l.breakAt) continue;
            expect(l.breakAt.low).toBeLessThanOrEqual(l.breakAt.central + 1e-9);
            expect(l.breakAt.central).toBeLessThanOrEqual(l.breakAt.high + 1e-9);
            const u = utilisationAt(l, 2)!;
            expect(u.low).toBeLessThanOrEqual(u.high + 1e-9);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("sending more cases to people never delays the human-review break", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.9, noNaN: true }),
        fc.double({ min: 0.01, max: 0.9, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const at = (share: number) =>
            rehearse(input({ whatIf: { ...NO_WHAT_IF, humanShare: share } })).limits.find(
              (l) => l.kind === "human_review_per_day",
            )!.breakAt?.central ?? MAX_MULTIPLE;
          expect(at(hi)).toBeLessThanOrEqual(at(lo) + 1e-9);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("more retries never delay a provider quota break", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (retry) => {
        const at = (rate: number) =>
          rehearse(input({ whatIf: { ...NO_WHAT_IF, retryRate: rate } })).limits.find(
            (l) => l.kind === "tokens_per_minute",
          )!.breakAt!.central;
        expect(at(retry)).toBeLessThanOrEqual(at(0) + 1e-9);
      }),
      { numRuns: 40 },
    );
  });
});

describe("the readiness rule rehearsal_recent", () => {
  const snapshot = {
    purpose: "p",
    expectedOutcome: "o",
    hasLeadershipOwner: true,
    hasEngineeringOwner: true,
    latestRound: null,
    risks: [],
    signals: [],
    now: NOW,
  };
  const gate = (rule: GateRule) => ({ production: [rule] });

  it("asks for a saved rehearsal, then for a newer one than the gate, the plan or 30 days allow", () => {
    const gaps = (
      rehearsal: { latestAt: number | null; maxAgeDays: number } | null,
      rule: GateRule = "rehearsal_recent",
    ) => readinessGaps({ ...snapshot, rehearsal }, "pilot", "production", gate(rule)).map((g) => g.message);
    expect(gaps(null)[0]).toMatch(/Run a scale rehearsal/);
    expect(gaps({ latestAt: NOW - 10 * DAY_MS, maxAgeDays: 30 })).toEqual([]);
    expect(gaps({ latestAt: NOW - 31 * DAY_MS, maxAgeDays: 30 })[0]).toMatch(/31 days old/);
    expect(gaps({ latestAt: NOW - 31 * DAY_MS, maxAgeDays: 45 })).toEqual([]);
    expect(
      gaps({ latestAt: NOW - 20 * DAY_MS, maxAgeDays: 45 }, { rule: "rehearsal_recent", days: 14 })[0],
    ).toMatch(/at most 14 days old/);
    // Not in the default production gate: demos and pilots move on without it.
    expect(DEFAULT_GATES.production).not.toContain("rehearsal_recent");
  });
});

describe("extreme inputs", () => {
  it("still give finite numbers everywhere (what JSON and the contract can carry)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-320, max: 1e15, noNaN: true }),
        fc.double({ min: 1e-320, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (value, cost, retry) => {
          const base = input();
          const r = rehearse({
            ...base,
            plan: { ...base.plan, pricePer1kTokens: cost },
            limits: base.limits.map((l) => ({ ...l, value })),
            whatIf: { ...NO_WHAT_IF, costMultiplier: cost, pricePer1kTokens: cost, retryRate: retry },
          });
          const numbers: number[] = [];
          JSON.stringify(r, (_k, v: unknown) => (typeof v === "number" && numbers.push(v), v));
          for (const n of numbers) expect(Number.isFinite(n)).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });
});
