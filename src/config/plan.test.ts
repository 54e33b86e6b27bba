import { describe, expect, it } from "vitest";
import { ConfigFile } from "../contract/config.js";
import { DEFAULT_GATES } from "../core/readiness.js";
import { assignKeys, derivedLimitKey, slugOf, type SystemState, type WorkspaceState } from "./model.js";
import { operationsInOrder, planConfig } from "./plan.js";

const system = (over: Partial<SystemState> = {}): SystemState => ({
  id: "sys-1",
  key: "support-bot",
  name: "Support bot",
  purpose: "Drafts replies",
  expectedOutcome: "",
  valueEstimate: null,
  targetDate: null,
  stage: "pilot",
  owners: { leadership: "lena@x.dev", engineering: null },
  models: [],
  dataSources: [],
  dependencies: [],
  usersReached: "internal",
  scaleNow: "",
  scalePlanned: "",
  signals: [
    {
      id: "sig-1",
      key: "cost_usd",
      name: "Spend",
      kind: "cost",
      unit: "USD",
      direction: "higher_is_worse",
      aggregation: "sum",
      quantile: null,
      description: "",
      limits: [
        {
          id: "lim-1",
          key: "daily",
          name: "Daily",
          windowDays: 1,
          aggregate: "sum",
          quantile: null,
          comparator: "above",
          threshold: 100,
          horizonDays: null,
        },
      ],
      budgets: [],
    },
  ],
  ...over,
});

const workspace = (over: Partial<WorkspaceState> = {}): WorkspaceState => ({
  people: [{ id: "p-1", email: "lena@x.dev", name: "Lena", side: "leadership" }],
  gates: DEFAULT_GATES,
  questions: [],
  systems: [system()],
  ...over,
});

const file = (data: unknown) => ConfigFile.parse(data);

describe("planConfig", () => {
  it("leaves out fields a file does not mention and counts what is unchanged", () => {
    const { plan } = planConfig(file({ systems: [{ key: "support-bot" }] }), workspace(), { prune: false });
    expect(plan.counts).toEqual({ create: 0, change: 0, unchanged: 1, prune: 0, absent: 0 });
  });

  it("reports field-level before → after, and a forward stage move as gated", () => {
    const { plan, items } = planConfig(
      file({ systems: [{ key: "support-bot", name: "Support assistant", stage: "production" }] }),
      workspace(),
      { prune: false },
    );
    const item = plan.items[0]!;
    expect(item.action).toBe("change");
    expect(item.changes).toEqual([
      { field: "name", before: "Support bot", after: "Support assistant" },
      { field: "stage", before: "pilot", after: "production" },
    ]);
    expect(item.note).toMatch(/readiness gate/);
    // The stage move runs after everything else, so limits created by the same file count.
    expect(operationsInOrder(items).map((o) => o.op)).toEqual(["update_system", "change_stage"]);
  });

  it("replaces a limit whose rule changed, keeping its key, and lists signals it does not mention as absent", () => {
    const wanted = file({
      systems: [
        {
          key: "support-bot",
          signals: [
            {
              key: "cost_usd",
              limits: [
                {
                  key: "daily",
                  name: "Daily",
                  windowDays: 1,
                  aggregate: "sum",
                  comparator: "above",
                  threshold: 120,
                },
              ],
            },
          ],
        },
      ],
    });
    const { plan, items } = planConfig(wanted, workspace(), { prune: false });
    const limit = plan.items.find((i) => i.entity === "trust_limit")!;
    expect(limit).toMatchObject({
      action: "change",
      replace: true,
      address: "limit support-bot/cost_usd/daily",
    });
    expect(limit.changes).toEqual([{ field: "threshold", before: 100, after: 120 }]);
    const ops = operationsInOrder(items).map((o) => o.op);
    expect(ops.indexOf("archive_limit")).toBeLessThan(ops.indexOf("create_limit"));
  });

  it("diffs limits and budgets field by field in the same order, and replaces rather than edits either", () => {
    const budget = {
      id: "bud-1",
      key: "monthly",
      name: "Monthly",
      kind: "spend" as const,
      period: { kind: "calendar_month" as const },
      amount: 3000,
      target: null,
      bucket: "day" as const,
      comparator: "at_least" as const,
      threshold: null,
    };
    const [signal] = system().signals;
    const current = workspace({ systems: [system({ signals: [{ ...signal!, budgets: [budget] }] })] });
    const wanted = file({
      systems: [
        {
          key: "support-bot",
          signals: [
            {
              key: "cost_usd",
              limits: [
                {
                  key: "daily",
                  name: "Per day",
                  windowDays: 2,
                  aggregate: "max",
                  comparator: "below",
                  threshold: 100,
                },
              ],
              budgets: [
                {
                  key: "monthly",
                  name: "Monthly",
                  period: { kind: "rolling", days: 30 },
                  kind: "spend",
                  amount: 3500,
                },
                { name: "Spend cap", period: { kind: "calendar_month" }, kind: "spend", amount: 10 },
              ],
            },
          ],
        },
      ],
    });
    const { plan, items } = planConfig(wanted, current, { prune: false });
    const at = (address: string) => plan.items.find((i) => i.address === address)!;
    expect(at("limit support-bot/cost_usd/daily")).toMatchObject({ action: "change", replace: true });
    expect(at("limit support-bot/cost_usd/daily").changes).toEqual([
      { field: "name", before: "Daily", after: "Per day" },
      { field: "windowDays", before: 1, after: 2 },
      { field: "aggregate", before: "sum", after: "max" },
      { field: "comparator", before: "above", after: "below" },
    ]);
    expect(at("budget support-bot/cost_usd/monthly")).toMatchObject({ action: "change", replace: true });
    expect(at("budget support-bot/cost_usd/monthly").changes).toEqual([
      { field: "period", before: { kind: "calendar_month" }, after: { kind: "rolling", days: 30 } },
      { field: "amount", before: 3000, after: 3500 },
    ]);
    expect(at("budget support-bot/cost_usd/spend-cap").action).toBe("create");
    const ops = items.flatMap((i) => i.operations).filter((o) => o.op.endsWith("_budget"));
    expect(ops).toEqual([
      { op: "archive_budget", id: "bud-1" },
      {
        op: "create_budget",
        systemKey: "support-bot",
        signalKey: "cost_usd",
        budget: { ...wanted.systems![0]!.signals![0]!.budgets![0]!, key: "monthly" },
        replaces: "bud-1",
      },
      {
        op: "create_budget",
        systemKey: "support-bot",
        signalKey: "cost_usd",
        budget: { ...wanted.systems![0]!.signals![0]!.budgets![1]!, key: "spend-cap" },
      },
    ]);
    // The same file against the workspace it describes changes nothing.
    const same = planConfig(
      file({
        systems: [
          {
            key: "support-bot",
            signals: [
              {
                key: "cost_usd",
                budgets: [
                  {
                    key: "monthly",
                    name: "Monthly",
                    period: { kind: "calendar_month" },
                    kind: "spend",
                    amount: 3000,
                  },
                ],
              },
            ],
          },
        ],
      }),
      current,
      { prune: false },
    );
    expect(same.plan.items.find((i) => i.entity === "risk_budget")!.action).toBe("unchanged");
  });

  it("archives limits missing from the file only with prune, and never systems", () => {
    const wanted = file({ systems: [{ key: "support-bot", signals: [{ key: "cost_usd", limits: [] }] }] });
    const kept = planConfig(
      wanted,
      workspace({ systems: [system(), system({ id: "s2", key: "other", signals: [] })] }),
      {
        prune: false,
      },
    );
    expect(kept.plan.items.filter((i) => i.action === "absent").map((i) => i.address)).toEqual([
      "limit support-bot/cost_usd/daily",
      "system other",
    ]);
    const pruned = planConfig(wanted, workspace(), { prune: true });
    expect(pruned.plan.counts.prune).toBe(1);
    expect(pruned.items.find((i) => i.action === "prune")!.operations).toEqual([
      { op: "archive_limit", id: "lim-1" },
    ]);
    const withSystems = planConfig(
      file({ systems: [{ key: "support-bot" }] }),
      workspace({ systems: [system(), system({ id: "s2", key: "other", signals: [] })] }),
      { prune: true },
    );
    expect(withSystems.plan.items.find((i) => i.address === "system other")!.action).toBe("absent");
  });

  it("merges gates stage by stage and accepts rule parameters", () => {
    const wanted = file({
      readiness: { gates: { production: ["purpose_stated", { rule: "signals_flowing", hours: 24 }] } },
    });
    const { plan, items } = planConfig(wanted, workspace(), { prune: false });
    expect(plan.items[0]!.changes.map((c) => c.field)).toEqual(["production"]);
    const op = items[0]!.operations[0]!;
    expect(op).toMatchObject({ op: "set_gates" });
    if (op.op === "set_gates") {
      expect(op.gates.pilot).toEqual(DEFAULT_GATES.pilot);
      expect(op.gates.production).toEqual(["purpose_stated", { rule: "signals_flowing", hours: 24 }]);
    }
    const again = planConfig(wanted, workspace({ gates: op.op === "set_gates" ? op.gates : {} }), {
      prune: false,
    });
    expect(again.plan.counts).toMatchObject({ change: 0, unchanged: 1 });
  });

  it("creates questions by set and text, restores archived ones, and prunes only set questions", () => {
    const current = workspace({
      questions: [
        {
          id: "q1",
          set: "launch",
          text: "Who is paged?",
          askedBy: "leadership",
          topic: "safeguards",
          archived: true,
        },
        {
          id: "q2",
          set: "launch",
          text: "Old question",
          askedBy: "engineering",
          topic: "other",
          archived: false,
        },
      ],
    });
    const wanted = file({
      questionSets: [
        {
          name: "launch",
          questions: [
            { text: "Who is paged?", askedBy: "leadership", topic: "safeguards" },
            { text: "New one?", askedBy: "engineering" },
          ],
        },
      ],
    });
    const { plan } = planConfig(wanted, current, { prune: true });
    expect(plan.items.map((i) => [i.action, i.address])).toEqual([
      ["change", 'question launch: "Who is paged?"'],
      ["create", 'question launch: "New one?"'],
      ["prune", 'question launch: "Old question"'],
    ]);
  });
});

describe("keys", () => {
  it("derives stable keys from names or rules and keeps them unique per signal", () => {
    expect(slugOf("Monthly model spend (EUR)", "x")).toBe("monthly-model-spend-eur");
    expect(derivedLimitKey({ name: "", aggregate: "ratio", windowDays: 7, comparator: "above" })).toBe(
      "ratio-7d-above",
    );
    expect(
      assignKeys([
        { stored: null, derived: "a" },
        { stored: "a", derived: "z" },
        { stored: null, derived: "a" },
      ]),
    ).toEqual(["a-2", "a", "a-3"]);
  });
});
