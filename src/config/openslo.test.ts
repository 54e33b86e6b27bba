import { describe, expect, it } from "vitest";
import { DEFAULT_GATES } from "../core/readiness.js";
import type { WorkspaceState } from "./model.js";
import { budgetsToOpenSlo, durationDays, openSloToConfig } from "./openslo.js";
import { formatProblem, parseYamlStream } from "./yaml-source.js";

const slo = (spec: string, name = "api-availability") => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
  displayName: API availability
spec:
  service: checkout
${spec}`;

const ratioIndicator = (side: "good" | "bad") => `  indicator:
    metadata:
      name: api-${side}
    spec:
      ratioMetric:
        counter: true
        ${side}:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{code=~"5.."}[5m]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total[5m]))`;

function mapped(text: string, options: { system?: string } = {}) {
  return openSloToConfig(parseYamlStream("slo.yaml", text), options);
}

describe("OpenSLO import mapping", () => {
  it("maps a bad/total ratio SLO on a rolling window to an error-rate signal and an objective budget", () => {
    const out = mapped(
      slo(`${ratioIndicator("bad")}
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - targetPercent: 99.5
  alertPolicies: [{ kind: AlertPolicy }]`),
    );
    expect(out.problems).toEqual([]);
    const signal = out.config.systems![0]!.signals![0]!;
    expect(out.config.systems![0]!.key).toBe("checkout");
    expect(signal).toMatchObject({
      key: "api-bad",
      kind: "error_rate",
      aggregation: "ratio",
      direction: "higher_is_worse",
    });
    expect(signal.description).toContain("http_requests_total");
    expect(signal.budgets).toEqual([
      {
        key: "api-availability",
        name: "API availability",
        kind: "objective",
        period: { kind: "rolling", days: 28 },
        amount: null,
        target: 0.995,
        bucket: "hour",
        comparator: "at_most",
        threshold: 0.005,
      },
    ]);
    expect(out.notes.join("\n")).toMatch(/Occurrences is counted as hourly slices/);
    expect(out.notes.join("\n")).toMatch(/alertPolicies are ignored/);
  });

  it("maps a good/total Timeslices SLO on a calendar month with timeSliceTarget per day", () => {
    const out = mapped(
      slo(`${ratioIndicator("good")}
  timeWindow:
    - duration: 1M
      isRolling: false
      calendar: { startTime: "2026-01-01 00:00:00", timeZone: UTC }
  budgetingMethod: Timeslices
  objectives:
    - target: 0.95
      timeSliceTarget: 0.99
      timeSliceWindow: 1d`),
    );
    const budget = out.config.systems![0]!.signals![0]!.budgets![0]!;
    expect(budget).toMatchObject({
      period: { kind: "calendar_month" },
      target: 0.95,
      bucket: "day",
      comparator: "at_least",
      threshold: 0.99,
    });
    expect(out.config.systems![0]!.signals![0]).toMatchObject({
      kind: "quality",
      direction: "higher_is_better",
    });
  });

  it("maps threshold SLIs given by reference, one budget per objective, with --system", () => {
    const text = `apiVersion: openslo/v1
kind: SLI
metadata: { name: checkout-latency, displayName: Checkout latency p99 }
spec:
  thresholdMetric:
    metricSource: { type: Datadog, spec: { query: "p99:checkout.latency{*}" } }
---
${slo(
  `  indicatorRef: checkout-latency
  timeWindow: [{ duration: 1w, isRolling: true }]
  budgetingMethod: RatioTimeslices
  objectives:
    - { displayName: Fast, op: lt, value: 300, target: 0.9, timeSliceWindow: 5m }
    - { displayName: Not slow, op: lte, value: 1000, target: 0.99, timeSliceWindow: 1h }`,
  "latency",
)}`;
    const out = mapped(text, { system: "shop" });
    expect(out.problems).toEqual([]);
    expect(out.config.systems![0]!.key).toBe("shop");
    const signal = out.config.systems![0]!.signals![0]!;
    expect(signal).toMatchObject({ key: "checkout-latency", kind: "latency", aggregation: "mean" });
    expect(signal.budgets!.map((b) => [b.key, b.bucket, b.comparator, b.threshold, b.period])).toEqual([
      ["latency-fast", "hour", "at_most", 300, { kind: "rolling", days: 7 }],
      ["latency-not-slow", "hour", "at_most", 1000, { kind: "rolling", days: 7 }],
    ]);
    expect(out.notes.join("\n")).toMatch(/5m slices are counted as hours/);
    expect(out.notes.join("\n")).toMatch(/lt is treated as lte/);
  });

  it("reports what cannot map at its line and column", () => {
    const out = mapped(
      slo(`${ratioIndicator("bad")}
  timeWindow:
    - duration: 1w
      isRolling: false
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99`) +
        `
---
${slo(
  `  indicatorRef: nowhere
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Timeslices
  objectives: [{ target: 1.5 }]`,
  "second",
)}
---
apiVersion: openslo/v1
kind: Service
metadata: { name: checkout }
spec: {}
`,
    );
    expect(out.problems.map(formatProblem)).toEqual([
      "slo.yaml:25:17: spec.timeWindow[0].duration: a calendar window of 1w has no Parley equivalent. Fix: Parley's calendar budgets run per month: use duration: 1M, or a rolling window (isRolling: true).",
      'slo.yaml:38:17: spec.indicatorRef: no SLI named "nowhere" in the files given. Fix: add the SLI document, or inline it under spec.indicator.',
    ]);
    expect(out.notes).toContain("A Service document was skipped: Parley reads SLO and SLI documents.");
  });

  it("reads OpenSLO durations", () => {
    expect(durationDays("28d")).toEqual({ days: 28, approximate: false });
    expect(durationDays("12h").days).toBeCloseTo(0.5);
    expect(durationDays("1M")).toEqual({ days: 30, approximate: true });
  });
});

describe("OpenSLO export", () => {
  const state: WorkspaceState = {
    people: [],
    gates: DEFAULT_GATES,
    questions: [],
    systems: [
      {
        id: "s",
        key: "support-bot",
        name: "Support bot",
        purpose: "",
        expectedOutcome: "",
        valueEstimate: null,
        targetDate: null,
        stage: "pilot",
        owners: { leadership: null, engineering: null },
        models: [],
        dataSources: [],
        dependencies: [],
        usersReached: "internal",
        scaleNow: "",
        scalePlanned: "",
        signals: [
          {
            id: "g",
            key: "grounding_score",
            name: "Grounding",
            kind: "quality",
            unit: "",
            direction: "higher_is_better",
            aggregation: "mean",
            quantile: null,
            description: "",
            limits: [],
            budgets: [
              {
                id: "b1",
                key: "good-days",
                name: "Well-grounded days",
                kind: "objective",
                period: { kind: "rolling", days: 28 },
                amount: null,
                target: 0.95,
                bucket: "day",
                comparator: "at_least",
                threshold: 0.9,
              },
              {
                id: "b2",
                key: "spend",
                name: "Spend",
                kind: "spend",
                period: { kind: "calendar_month" },
                amount: 10,
                target: null,
                bucket: "day",
                comparator: "at_least",
                threshold: null,
              },
            ],
          },
        ],
      },
    ],
  };

  it("writes objective budgets as SLOs with inline SLIs that import back to the same budget", () => {
    const out = budgetsToOpenSlo(state);
    expect(out.count).toBe(1);
    expect(out.skipped).toEqual(["support-bot/grounding_score/spend: a spend budget is not an SLO"]);
    expect(out.text).toContain("budgetingMethod: Timeslices");
    const back = openSloToConfig(parseYamlStream("x.yaml", out.text));
    expect(back.problems).toEqual([]);
    expect(back.notes).toEqual([]);
    const signal = back.config.systems![0]!.signals![0]!;
    expect(back.config.systems![0]!.key).toBe("support-bot");
    expect(signal.key).toBe("grounding_score");
    const { id: _id, ...budget } = state.systems[0]!.signals[0]!.budgets[0]!;
    expect(signal.budgets).toEqual([budget]);
  });
});
