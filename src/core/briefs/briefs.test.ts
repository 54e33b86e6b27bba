import { describe, expect, it } from "vitest";
import { fieldChanges, summarizeChanges, type ChangeEvent } from "./changes.js";
import { byExpectedCost, expectedCost } from "./expected-cost.js";
import { formatNumber, formatRange } from "./format.js";
import { systemOutlook } from "./outlook.js";

describe("expected cost", () => {
  it("is likelihood × cost of failure, in the risk's currency", () => {
    expect(
      expectedCost({ likelihood: 3, costOfFailure: { low: 1000, high: 10000, currency: "EUR" } }),
    ).toEqual({
      low: 350,
      high: 3500,
      currency: "EUR",
      probability: 0.35,
    });
    expect(expectedCost({ likelihood: 5, costOfFailure: null })).toBeNull();
  });

  it("ranks costed risks first, per currency, then the rest by likelihood × impact", () => {
    const risk = (title: string, likelihood: number, impact: number, high?: number, currency = "USD") => ({
      title,
      likelihood,
      impact,
      costOfFailure: high === undefined ? null : { low: 0, high, currency },
    });
    const ranked = byExpectedCost([
      risk("uncosted small", 1, 1),
      risk("uncosted big", 5, 5),
      risk("usd small", 2, 2, 1000),
      risk("usd big", 2, 2, 90000),
      risk("eur", 1, 1, 5, "EUR"),
    ]);
    expect(ranked.map((r) => r.title)).toEqual([
      "eur",
      "usd big",
      "usd small",
      "uncosted big",
      "uncosted small",
    ]);
  });
});

describe("outlook", () => {
  const base = {
    system: { stage: "pilot" as const, targetDate: "2026-12-31" },
    risks: [],
    targets: [],
    gaps: 0,
    next: "production" as const,
    today: "2026-11-28",
  };
  it("is off track on a breached limit, at risk on an expired acceptance, else on track", () => {
    expect(systemOutlook(base).outlook).toBe("on_track");
    expect(systemOutlook({ ...base, targets: [{ label: "the X limit", state: "breached" }] })).toEqual({
      outlook: "off_track",
      reasons: [{ text: "the X limit is breached", tone: "bad" }],
    });
    expect(
      systemOutlook({ ...base, risks: [{ posture: "expired", impact: 2, title: "r" }] }).reasons[0]?.text,
    ).toBe("1 risk acceptance expired");
    expect(systemOutlook({ ...base, gaps: 2 }).outlook).toBe("on_track"); // 33 days out
    expect(
      systemOutlook({ ...base, gaps: 2, system: { stage: "pilot", targetDate: "2026-12-20" } }).outlook,
    ).toBe("at_risk");
    expect(systemOutlook({ ...base, system: { stage: "pilot", targetDate: "2026-11-01" } }).outlook).toBe(
      "off_track",
    );
    expect(systemOutlook({ ...base, system: { stage: "retired", targetDate: null } }).outlook).toBe(
      "not_applicable",
    );
  });
});

describe("what changed", () => {
  const event = (over: Partial<ChangeEvent>): ChangeEvent => ({
    seq: 1,
    at: "2026-11-02T10:00:00.000Z",
    actor: "Priya",
    systemKey: "s",
    entity: "risk",
    entityId: "r1",
    action: "update",
    summary: "edited",
    before: null,
    after: null,
    ...over,
  });

  it("shows fields from the first before to the last after, without bookkeeping or ids", () => {
    expect(
      fieldChanges(
        { likelihood: 3, version: 1, updatedAt: "a", impactAreas: '["money"]', riskId: "x", reviewBy: null },
        {
          likelihood: 4,
          version: 3,
          updatedAt: "b",
          impactAreas: '["money","time"]',
          riskId: "y",
          reviewBy: "2027-01-01",
        },
      ),
    ).toEqual([
      { field: "likelihood", before: "3", after: "4" },
      { field: "impact areas", before: "money", after: "money, time" },
      { field: "review by", before: null, after: "2027-01-01" },
    ]);
  });

  it("collapses events per thing: added, changed, decided (per risk), removed", () => {
    const changes = summarizeChanges({
      scope: { kind: "workspace", system: null },
      since: "2026-11-01T00:00:00.000Z",
      sinceRound: null,
      until: "2026-11-28T00:00:00.000Z",
      truncated: false,
      names: new Map([["r1", "Refund mistakes"]]),
      events: [
        event({
          seq: 2,
          before: { title: "Refund mistakes", impact: 3 },
          after: { title: "Refund mistakes", impact: 4 },
        }),
        event({ seq: 3, at: "2026-11-03T00:00:00.000Z", before: { impact: 4 }, after: { impact: 5 } }),
        event({
          seq: 4,
          entity: "decision",
          entityId: "d1",
          action: "accept",
          after: { riskId: "r1", outcome: "accept" },
        }),
        event({
          seq: 5,
          entity: "ledger_entry",
          entityId: "l1",
          action: "create",
          after: { summary: "Held 3 drafts" },
        }),
        event({
          seq: 6,
          entity: "trust_limit",
          entityId: "t1",
          action: "archive",
          before: { name: "Edit rate" },
        }),
      ],
    });
    expect(changes.counts).toEqual({ events: 5, added: 1, changed: 1, decided: 1, removed: 1 });
    const risks = changes.groups.find((g) => g.group === "risks")!.changes;
    expect(risks.find((c) => c.kind === "changed")!.fields).toEqual([
      { field: "impact", before: "3", after: "5" },
    ]);
    expect(risks.find((c) => c.kind === "decided")!.name).toBe("Refund mistakes");
    expect(changes.groups.find((g) => g.group === "limits")!.changes[0]!.name).toBe("Edit rate");
    expect(changes.headline).toBe(
      "4 things changed since 1 Nov 2026, by 1 person: 1 added, 1 changed, 1 decided and 1 removed.",
    );
  });
});

describe("formatting", () => {
  it("writes numbers and ranges the same way everywhere", () => {
    expect(formatNumber(1204.4)).toBe("1,204");
    expect(formatNumber(0.87312)).toBe("0.873");
    expect(formatRange(2000, 9000, "USD")).toBe("2,000–9,000 USD");
    expect(formatRange(5, 5, "EUR")).toBe("5 EUR");
  });
});
