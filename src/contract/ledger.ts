import { z } from "zod";
import { Id, IsoDate, IsoDateTime, patchOf, RequiredText, Text } from "./common.js";
import { SafeguardKind } from "./enums.js";
import { PersonRef } from "./systems.js";

/** What kind of invisible work an entry records. */
export const LEDGER_KINDS = [
  "caught",
  "prevented",
  "cost_stabilised",
  "data_cleaned",
  "incident_avoided",
  "other",
] as const;
export const LedgerKind = z.enum(LEDGER_KINDS);
export type LedgerKind = z.infer<typeof LedgerKind>;

const Currency = z.string().regex(/^[A-Z]{3}$/, "use a 3-letter ISO currency code such as USD");

export const ValueRange = z
  .object({
    low: z.number().finite().min(0),
    high: z.number().finite().min(0),
    currency: Currency,
  })
  .refine((r) => r.high >= r.low, { message: "high must be at least low", path: ["high"] })
  .describe("Estimated value avoided, as a range in one currency");
export type ValueRange = z.infer<typeof ValueRange>;

const EvidenceUrl = z
  .url({ protocol: /^https?$/, error: "use an http(s) link, e.g. https://grafana.example.com/d/abc" })
  .max(2000);

export const LedgerFields = z.object({
  occurredOn: IsoDate.optional().describe("The day it happened; defaults to today"),
  kind: LedgerKind,
  summary: RequiredText(2000).describe('What happened, e.g. "Blocked 1,204 prompts carrying personal data"'),
  safeguardId: Id.nullable().default(null).describe("The safeguard that did the work, if any"),
  value: ValueRange.nullable().default(null),
  estimateBasis: Text(2000)
    .default("")
    .describe("How the value was estimated; required when a value is given"),
  evidenceUrl: EvidenceUrl.nullable().default(null).describe("A dashboard, ticket or log that shows it"),
  externalId: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .nullable()
    .default(null)
    .describe("Set by a safeguard that pushes entries: sending the same id again updates that entry"),
});

/** POST /api/v1/systems/:ref/ledger */
export const LedgerEntryCreate = LedgerFields;
export type LedgerEntryCreate = z.infer<typeof LedgerEntryCreate>;

/** POST /api/v1/ledger names the system in the body. */
export const LedgerEntryCreateForSystem = LedgerFields.extend({
  system: z.string().min(1).max(100).describe("System id or key"),
});
export type LedgerEntryCreateForSystem = z.infer<typeof LedgerEntryCreateForSystem>;

export const LedgerEntryUpdate = patchOf(LedgerFields.omit({ externalId: true })).extend({
  version: z.number().int().optional().describe("Send the version you read to avoid overwriting"),
});
export type LedgerEntryUpdate = z.infer<typeof LedgerEntryUpdate>;

export const LedgerEntry = z.object({
  id: Id,
  system: z.object({ id: Id, key: z.string(), name: z.string() }),
  safeguard: z.object({ id: Id, name: z.string(), kind: SafeguardKind }).nullable(),
  occurredOn: IsoDate,
  kind: LedgerKind,
  summary: z.string(),
  value: ValueRange.nullable(),
  estimateBasis: z.string(),
  evidenceUrl: z.string().nullable(),
  externalId: z.string().nullable(),
  enteredBy: PersonRef,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const LedgerQuery = z.object({
  systemId: Id.optional().describe("System id or key"),
  kind: LedgerKind.optional(),
  from: IsoDate.optional().describe("First day included"),
  to: IsoDate.optional().describe("Last day included"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;

export const LedgerRollupQuery = z.object({
  from: IsoDate.optional().describe("First day included (default: 90 days before `to`)"),
  to: IsoDate.optional().describe("Last day included (default: today)"),
  by: z.enum(["system", "month"]).default("system"),
  systemId: Id.optional().describe("Only this system (id or key)"),
  kind: LedgerKind.optional().describe("Only entries of this kind (the same filter as the ledger list)"),
});
export type LedgerRollupQuery = z.infer<typeof LedgerRollupQuery>;

export const CurrencyTotal = z.object({
  currency: z.string(),
  low: z.number(),
  high: z.number(),
  entries: z.number().int().describe("Entries valued in this currency"),
});
export type CurrencyTotal = z.infer<typeof CurrencyTotal>;

export const LedgerTotals = z.object({
  entries: z.number().int(),
  byKind: z.record(z.string(), z.number().int()).describe("Entries per kind"),
  value: z.array(CurrencyTotal).describe("One total per currency; currencies are never added together"),
  unvalued: z.number().int().describe("Entries without an estimated value"),
});
export type LedgerTotals = z.infer<typeof LedgerTotals>;

export const LedgerRollup = z.object({
  from: IsoDate,
  to: IsoDate,
  by: z.enum(["system", "month"]),
  groups: z.array(
    LedgerTotals.extend({
      key: z.string().describe("The system key, or the month as YYYY-MM"),
      label: z.string(),
    }),
  ),
  totals: LedgerTotals,
});
export type LedgerRollup = z.infer<typeof LedgerRollup>;
