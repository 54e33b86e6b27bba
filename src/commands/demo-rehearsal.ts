import type { CapacityLimitCreate, PlannedScaleInput } from "../contract/rehearsal.js";
import { addDays, isoDate } from "../core/calendar.js";
import type { Database } from "../store/database.js";
import type { CommandContext } from "./context.js";
import { createCapacityLimit, runRehearsal, setPlannedScale } from "./rehearsal.js";

// The demo's scale rehearsals: two systems with a planned scale and the capacity limits their
// engineers know of. The support assistant's token-per-minute quota runs out before its planned
// three languages; the invoice extraction's clerks cannot check the merger's volume by hand.

const DAY = 86_400_000;

interface DemoRehearsal {
  system: string;
  engineer: string;
  plan: (today: string) => Partial<PlannedScaleInput> & Pick<PlannedScaleInput, "milestones">;
  limits: Array<Partial<CapacityLimitCreate> & Pick<CapacityLimitCreate, "name" | "kind" | "value">>;
}

const PLAN_DEFAULTS: PlannedScaleInput = {
  requestsPerDay: null,
  users: null,
  dataVolume: null,
  measuredOn: null,
  milestones: [],
  retryRate: 0,
  pricePer1kTokens: null,
  currency: null,
  roles: { requests: null, tokens: [], cost: null, manualWork: null, errorRate: null, latency: [] },
  rehearsalMaxAgeDays: 30,
};

const LIMIT_DEFAULTS = {
  unit: "",
  source: "",
  peakFactor: null,
  quantile: null,
  measure: null,
  window: null,
  currentUsage: null,
} as const;

export const DEMO_REHEARSALS: DemoRehearsal[] = [
  {
    system: "support-assistant",
    engineer: "priya@example.com",
    plan: (today) => ({
      requestsPerDay: 2700,
      users: 35,
      dataVolume: { value: 1800, unit: "help-centre articles" },
      measuredOn: addDays(today, -3),
      milestones: [
        { label: "German and French", multiple: 2, requestsPerDay: null, date: addDays(today, 123) },
        {
          label: "Three languages, all brands",
          multiple: 3.5,
          requestsPerDay: null,
          date: addDays(today, 306),
        },
      ],
      retryRate: 0.04,
      pricePer1kTokens: 0.0035,
      currency: "USD",
      roles: { ...PLAN_DEFAULTS.roles, requests: "tickets_drafted" },
    }),
    limits: [
      {
        name: "Azure OpenAI gpt-4o tokens per minute",
        kind: "tokens_per_minute",
        value: 300_000,
        unit: "tokens/min",
        source: "Azure OpenAI deployment quota (gpt-4o, West Europe), portal checked 2 weeks ago",
        peakFactor: 3,
      },
      {
        name: "Azure OpenAI gpt-4o requests per minute",
        kind: "requests_per_minute",
        value: 1800,
        unit: "requests/min",
        source: "Azure OpenAI deployment quota (6 requests/min per 1,000 tokens/min)",
        peakFactor: 3,
      },
      {
        name: "gpt-4o context window",
        kind: "context_window_tokens",
        value: 128_000,
        unit: "tokens",
        source: "OpenAI model card",
      },
      {
        name: "Reply latency budget",
        kind: "latency_budget_ms",
        value: 4000,
        unit: "ms",
        quantile: 0.95,
        source: "Agreed with the support leads: drafts must be ready before the agent opens the ticket",
      },
    ],
  },
  {
    system: "invoice-extraction",
    engineer: "tomas@example.com",
    plan: (today) => ({
      requestsPerDay: 20,
      measuredOn: addDays(today, -10),
      milestones: [
        { label: "After the merger", multiple: null, requestsPerDay: 133, date: addDays(today, 214) },
      ],
      currency: "EUR",
    }),
    limits: [
      {
        name: "Clerks checking extractions by hand",
        kind: "human_review_per_day",
        value: 12,
        unit: "invoices/day",
        source: "Accounts-payable lead: two clerks, about an hour a day each",
      },
    ],
  },
];

/** Plans, capacity limits and one saved rehearsal per demo system, as their engineers record them. */
export async function loadDemoRehearsals(
  database: Database,
  actorOf: (email: string) => CommandContext["actor"],
  now: Date,
): Promise<void> {
  const today = isoDate(now);
  for (const demo of DEMO_REHEARSALS) {
    const ctx = (daysAgo: number): CommandContext => ({
      database,
      actor: actorOf(demo.engineer),
      now: new Date(now.getTime() - daysAgo * DAY),
    });
    await setPlannedScale(ctx(3), demo.system, { ...PLAN_DEFAULTS, ...demo.plan(today) });
    // A minute apart, so they list in the order written here.
    for (const [i, limit] of demo.limits.entries())
      await createCapacityLimit(ctx(3 - i / 1440), demo.system, { ...LIMIT_DEFAULTS, ...limit });
    await runRehearsal(ctx(1 / 24), demo.system, {
      scale: null,
      costMultiplier: 1,
      pricePer1kTokens: null,
      retryRate: null,
      humanShare: null,
    });
  }
}
