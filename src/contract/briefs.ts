import { z } from "zod";
import { Id, IsoDate, IsoDateTime } from "./common.js";
import { Stage } from "./enums.js";
import { CurrencyTotal } from "./ledger.js";
import { StateCounts } from "./portfolio.js";
import { PersonRef } from "./systems.js";

// Briefs, "what changed since", and the board view. A brief is plain data (sections with a
// headline and items); the server and CLI render the same structure to Markdown and PDF.

export const VOICES = ["leadership", "engineering"] as const;
export const Voice = z.enum(VOICES);
export type Voice = z.infer<typeof Voice>;

export const Tone = z.enum(["good", "warn", "bad", "neutral"]).describe("How the item reads at a glance");
export type Tone = z.infer<typeof Tone>;

export const Quote = z.object({
  text: z.string().describe("The answer, word for word"),
  by: z.string(),
  on: IsoDate,
  question: z.string(),
  readBack: z
    .object({ restatement: z.string(), verdict: z.string(), by: z.string(), note: z.string() })
    .nullable()
    .describe("How the other side read the answer back"),
});
export type Quote = z.infer<typeof Quote>;

export const BriefItem = z.object({
  text: z.string(),
  tone: Tone,
  system: z.string().nullable().describe("The system's key, in a portfolio brief"),
  details: z.array(z.string()),
  quote: Quote.nullable(),
});
export type BriefItem = z.infer<typeof BriefItem>;

const Bar = z.object({
  label: z.string(),
  tone: Tone,
});

/** Spend so far against the budget, with where the period is heading. */
export const BudgetChart = z.object({
  kind: z.literal("budget"),
  title: z.string(),
  bars: z.array(
    Bar.extend({
      unit: z.string(),
      spent: z.number(),
      budget: z.number(),
      projected: z.number().nullable().describe("At the current rate, by the end of the period"),
    }),
  ),
});

/** Each limit's current value against its threshold. */
export const LimitChart = z.object({
  kind: z.literal("limits"),
  title: z.string(),
  bars: z.array(
    Bar.extend({
      value: z.number().nullable(),
      threshold: z.number(),
      comparator: z.enum(["above", "below"]),
      unit: z.string(),
    }),
  ),
});

/** Value ranges side by side, all in one currency. */
export const RangeChart = z.object({
  kind: z.literal("ranges"),
  title: z.string(),
  currency: z.string(),
  bars: z.array(Bar.extend({ low: z.number(), high: z.number() })),
});

/** Small daily line charts of signals, with the limit's threshold where there is one. */
export const SparklineChart = z.object({
  kind: z.literal("sparklines"),
  title: z.string(),
  lines: z.array(
    Bar.extend({
      unit: z.string(),
      from: IsoDate,
      to: IsoDate,
      values: z.array(z.number().nullable()).describe("One value per day, oldest first"),
      threshold: z.number().nullable(),
    }),
  ),
});

export const BriefChart = z.discriminatedUnion("kind", [BudgetChart, LimitChart, RangeChart, SparklineChart]);
export type BriefChart = z.infer<typeof BriefChart>;

export const BriefSection = z.object({
  id: z.string().describe('Stable id, e.g. "outcome" or "failure_modes"'),
  title: z.string(),
  headline: z.string().describe("One sentence a reader can stop at"),
  tone: Tone,
  items: z.array(BriefItem),
  charts: z.array(BriefChart),
});
export type BriefSection = z.infer<typeof BriefSection>;

export const Brief = z.object({
  voice: Voice,
  title: z.string(),
  scope: z.object({
    kind: z.enum(["system", "portfolio"]),
    system: z.object({ id: Id, key: z.string(), name: z.string(), stage: Stage }).nullable(),
    systems: z.number().int().describe("Systems covered"),
  }),
  period: z.object({ from: IsoDate, to: IsoDate }),
  asOf: IsoDateTime.describe("Standing facts (limits, postures) are evaluated at this moment"),
  generatedAt: IsoDateTime,
  sections: z.array(BriefSection),
});
export type Brief = z.infer<typeof Brief>;

export const BriefQuery = z.object({
  voice: Voice.describe("Who the brief is written for"),
  system: z.string().min(1).max(100).optional().describe("A system key or id; omit for the portfolio"),
  from: IsoDate.optional().describe("First day of the period (default: 29 days before `to`)"),
  to: IsoDate.optional().describe("Last day of the period (default: today)"),
  format: z.enum(["json", "md", "pdf"]).default("json"),
});
export type BriefQuery = z.infer<typeof BriefQuery>;

// What changed since a date or a round.

export const FieldChange = z.object({
  field: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type FieldChange = z.infer<typeof FieldChange>;

export const CHANGE_KINDS = ["added", "changed", "decided", "removed"] as const;
export const ChangeKind = z.enum(CHANGE_KINDS);
export type ChangeKind = z.infer<typeof ChangeKind>;

export const EntityChange = z.object({
  entity: z.string().describe("e.g. risk, decision, trust_limit, ledger_entry"),
  entityId: Id,
  name: z.string().describe("What the entity is called: a risk's title, a limit's name, a question"),
  system: z.string().nullable().describe("System key"),
  kind: ChangeKind,
  at: IsoDateTime.describe("The latest change"),
  by: z.array(z.string()).describe("Who changed it (names); empty for changes Parley made itself"),
  fields: z.array(FieldChange).describe("field: before → after, first value in the window to the last"),
  events: z.array(z.object({ at: IsoDateTime, summary: z.string() })).describe("Oldest first"),
});
export type EntityChange = z.infer<typeof EntityChange>;

export const Changes = z.object({
  scope: z.object({
    kind: z.enum(["system", "workspace"]),
    system: z.object({ id: Id, key: z.string(), name: z.string() }).nullable(),
  }),
  since: IsoDateTime,
  sinceRound: z.object({ id: Id, title: z.string(), heldOn: IsoDate }).nullable(),
  until: IsoDateTime,
  headline: z.string(),
  counts: z.object({
    events: z.number().int(),
    added: z.number().int(),
    changed: z.number().int(),
    decided: z.number().int(),
    removed: z.number().int(),
  }),
  truncated: z.boolean().describe("True when the window held more events than one answer reads"),
  groups: z.array(z.object({ group: z.string(), title: z.string(), changes: z.array(EntityChange) })),
});
export type Changes = z.infer<typeof Changes>;

export const ChangesQuery = z.object({
  since: z
    .union([IsoDate, z.iso.datetime({ offset: true })])
    .optional()
    .describe("A date (from its start, UTC) or an instant"),
  round: Id.optional().describe("Changes since this round was held"),
  format: z.enum(["json", "md"]).default("json"),
});
export type ChangesQuery = z.infer<typeof ChangesQuery>;

// The board view.

export const Outlook = z.enum(["on_track", "at_risk", "off_track", "not_applicable"]);
export type Outlook = z.infer<typeof Outlook>;

export const SpendTotal = z.object({
  unit: z.string().describe("Usually a currency code; budgets are never added across units"),
  spent: z.number(),
  budget: z.number(),
  projected: z.number().nullable(),
  budgets: z.number().int(),
  atRisk: z.number().int(),
  breached: z.number().int(),
});
export type SpendTotal = z.infer<typeof SpendTotal>;

export const Board = z.object({
  generatedAt: IsoDateTime,
  period: z.object({ from: IsoDate, to: IsoDate }).describe("The window for value protected"),
  systems: z.object({
    total: z.number().int(),
    active: z.number().int().describe("Not retired"),
    byStage: z.record(z.string(), z.number().int()),
    byOutlook: z.record(z.string(), z.number().int()),
  }),
  spend: z.array(SpendTotal).describe("Current budget period, one row per currency"),
  limits: StateCounts.describe(
    "Trust limits of the active systems by their state right now (budgets not included)",
  ),
  budgets: StateCounts.describe("Risk budgets of the active systems by their state right now"),
  risks: z.object({
    accepted: z.number().int(),
    expiringSoon: z.number().int(),
    expired: z.number().int(),
    undecidedHighImpact: z.number().int(),
    expiring: z
      .array(
        z.object({
          system: z.string(),
          risk: z.string(),
          reviewBy: IsoDate,
          days: z.number().int().describe("Negative when already expired"),
          conditions: z.string(),
        }),
      )
      .describe("Acceptances expired or due for review within 30 days, soonest first"),
  }),
  valueProtected: z.object({ entries: z.number().int(), value: z.array(CurrencyTotal) }),
  alignment: z.object({
    asked: z.number().int(),
    readBack: z.number().int(),
    disagreements: z.number().int(),
    systemsWithoutRound: z.number().int(),
  }),
  openFindings: z.number().int(),
  rows: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      stage: Stage,
      outlook: Outlook,
      reason: z.string().describe("Why the outlook is what it is, in one line"),
      leadershipOwner: PersonRef.nullable(),
      alignment: z.object({ asked: z.number().int(), readBack: z.number().int() }).nullable(),
      accepted: z.number().int(),
      expiring: z.number().int(),
      valueProtected: z.array(CurrencyTotal),
    }),
  ),
});
export type Board = z.infer<typeof Board>;

export const BoardQuery = z.object({
  from: IsoDate.optional().describe("Start of the value-protected window (default: 89 days before `to`)"),
  to: IsoDate.optional().describe("End of the window (default: today)"),
});
