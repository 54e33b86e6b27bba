import type { SignalCreate } from "../contract/signals.js";

// Production data for the demo workspace: deterministic, so every install tells the same story.

const DAY = 86_400_000;

/** A small seeded generator (mulberry32): same seed, same demo. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoPoint {
  t: number;
  v: number;
  n?: number;
}

export interface DemoSignal {
  definition: SignalCreate;
  /** Daily points for `days` days ending yesterday, as of `now`. */
  points: (now: Date) => DemoPoint[];
}

export interface DemoLimit {
  signal: string;
  windowDays: number;
  aggregate: "mean" | "ratio" | "sum";
  comparator: "above" | "below";
  threshold: number;
  /** Text of the leadership answer this limit came from, to link it. */
  fromAnswer?: string;
}

export interface DemoBudget {
  signal: string;
  name: string;
  amount: number;
}

export interface DemoSignals {
  signals: DemoSignal[];
  limits: DemoLimit[];
  budgets: DemoBudget[];
  /** When the limits and budgets were set. */
  setDaysAgo: number;
  /** Points older than this were sent before the limits were set; the rest arrive today. */
  historyCutDaysAgo: number;
}

function daily(
  days: number,
  seed: number,
  value: (day: number, weekday: number, rnd: () => number) => DemoPoint | number,
) {
  return (now: Date): DemoPoint[] => {
    const rnd = seeded(seed);
    const today = Math.floor(now.getTime() / DAY) * DAY;
    return Array.from({ length: days }, (_, i) => {
      const t = today - (days - i) * DAY + 12 * 3_600_000;
      const out = value(i, new Date(t).getUTCDay(), rnd);
      return typeof out === "number" ? { t, v: Math.round(out * 1000) / 1000 } : { ...out, t };
    });
  };
}

const signal = (
  key: string,
  name: string,
  kind: SignalCreate["kind"],
  aggregation: SignalCreate["aggregation"],
  unit: string,
  direction: SignalCreate["direction"] = "higher_is_worse",
): SignalCreate => ({
  key,
  name,
  kind,
  unit,
  direction,
  aggregation,
  quantile: null,
  description: "",
});

export const SUPPORT_SIGNALS: DemoSignals = {
  // Just before the move to production 100 days ago, so its gate sees limits and fresh data.
  setDaysAgo: 100.02,
  historyCutDaysAgo: 100.05,
  signals: [
    {
      definition: signal("cost_usd", "Model spend", "cost", "sum", "USD"),
      // Flat at first, then creeping up about 0.6% a day as threads get longer.
      points: daily(180, 11, (day, weekday, rnd) => {
        const creep = day > 110 ? Math.pow(1.006, day - 110) : 1;
        return (150 + (weekday === 0 || weekday === 6 ? -40 : 0)) * creep * (0.92 + rnd() * 0.16);
      }),
    },
    {
      definition: signal("agent_edit_rate", "Agent edit rate", "manual_work", "ratio", ""),
      points: daily(180, 12, (day, weekday, rnd) => {
        const drafts = weekday === 0 || weekday === 6 ? 900 : 2400;
        const rate = 0.14 + (day > 120 ? (day - 120) * 0.0012 : 0) + (rnd() - 0.5) * 0.03;
        return { t: 0, v: Math.round(drafts * rate), n: drafts };
      }),
    },
    {
      definition: signal(
        "grounding_score",
        "Answer grounding score",
        "quality",
        "mean",
        "",
        "higher_is_better",
      ),
      // A quiet drop when the help centre was reorganised, 25 days ago.
      points: daily(180, 13, (day, _weekday, rnd) => (day < 155 ? 0.93 : 0.87) + (rnd() - 0.5) * 0.025),
    },
    {
      definition: signal(
        "tickets_drafted",
        "Tickets drafted",
        "adoption",
        "sum",
        "tickets",
        "higher_is_better",
      ),
      points: daily(
        180,
        14,
        (day, weekday, rnd) =>
          (weekday === 0 || weekday === 6 ? 900 : 2400) * (1 + day * 0.002) * (0.95 + rnd() * 0.1),
      ),
    },
  ],
  limits: [
    {
      signal: "agent_edit_rate",
      windowDays: 7,
      aggregate: "ratio",
      comparator: "above",
      threshold: 0.25,
      fromAnswer: "rewrite more than a quarter",
    },
    { signal: "grounding_score", windowDays: 7, aggregate: "mean", comparator: "below", threshold: 0.85 },
  ],
  budgets: [{ signal: "cost_usd", name: "Monthly model spend", amount: 5500 }],
};

export const INVOICE_SIGNALS: DemoSignals = {
  setDaysAgo: 48,
  historyCutDaysAgo: 49,
  signals: [
    {
      definition: signal("correction_rate", "Clerk correction rate", "manual_work", "ratio", ""),
      points: daily(60, 21, (_day, weekday, rnd) => {
        const invoices = weekday === 0 || weekday === 6 ? 4 : 28;
        return { t: 0, v: Math.round(invoices * (0.12 + (rnd() - 0.5) * 0.08)), n: invoices };
      }),
    },
    {
      definition: signal("cost_eur", "Extraction spend", "cost", "sum", "EUR"),
      points: daily(
        60,
        22,
        (_day, weekday, rnd) => (weekday === 0 || weekday === 6 ? 8 : 55) * (0.9 + rnd() * 0.2),
      ),
    },
  ],
  limits: [
    {
      signal: "correction_rate",
      windowDays: 14,
      aggregate: "ratio",
      comparator: "above",
      threshold: 0.1,
      fromAnswer: "up to 10% of invoices",
    },
  ],
  budgets: [{ signal: "cost_eur", name: "Monthly extraction spend", amount: 2000 }],
};
