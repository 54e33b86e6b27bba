import type { LedgerEntry, LedgerEntryCreate, LedgerEntryUpdate } from "../contract/ledger.js";
import { isoDate } from "../core/calendar.js";
import { conflict, invalid } from "../core/errors.js";
import { ledgerEditPermission, ledgerEntryProblem } from "../core/ledger.js";
import { appendAudit } from "../store/audit.js";
import { inTransaction, type Database, type Db, type Tx } from "../store/database.js";
import { findLedgerRow, presentLedgerEntries } from "../store/ledger.js";
import { actorOf } from "../store/people.js";
import type { LedgerEntriesTable } from "../store/schema.js";
import { findSystemRow } from "../store/systems.js";
import { enforce, newId, type CommandContext } from "./context.js";

async function assertSafeguardOnSystem(tx: Tx, safeguardId: string | null, systemId: string): Promise<void> {
  if (!safeguardId) return;
  const found = await tx
    .selectFrom("safeguards")
    .select("id")
    .where("id", "=", safeguardId)
    .where("systemId", "=", systemId)
    .executeTakeFirst();
  if (!found) {
    throw invalid("unknown_safeguard", "safeguardId names no safeguard of this system.", {
      field: "safeguardId",
    });
  }
}

function valueColumns(value: LedgerEntryCreate["value"]) {
  return {
    valueLow: value?.low ?? null,
    valueHigh: value?.high ?? null,
    valueCurrency: value?.currency ?? null,
  };
}

const valueOf = (row: LedgerEntriesTable) =>
  row.valueLow !== null && row.valueHigh !== null && row.valueCurrency
    ? { low: Number(row.valueLow), high: Number(row.valueHigh), currency: row.valueCurrency }
    : null;

async function present(db: Db, row: LedgerEntriesTable): Promise<LedgerEntry> {
  const [entry] = await presentLedgerEntries(db, [row]);
  return entry!;
}

/**
 * Records what a safeguard caught or prevented. A safeguard that pushes its own reports sets
 * externalId; sending the same id again replaces that entry instead of adding a duplicate.
 */
export async function recordLedgerEntry(
  ctx: CommandContext,
  systemRef: string,
  input: LedgerEntryCreate,
): Promise<{ entry: LedgerEntry; created: boolean }> {
  const today = isoDate(ctx.now);
  const occurredOn = input.occurredOn ?? today;
  enforce(ledgerEntryProblem({ ...input, occurredOn }, today));
  const result = await inTransaction(ctx.database.db, async (tx) => {
    const system = await findSystemRow(tx, systemRef);
    await assertSafeguardOnSystem(tx, input.safeguardId, system.id);
    const at = ctx.now.toISOString();
    const previous = input.externalId
      ? await tx
          .selectFrom("ledgerEntries")
          .selectAll()
          .where("systemId", "=", system.id)
          .where("externalId", "=", input.externalId)
          .executeTakeFirst()
      : undefined;
    if (previous) enforce(ledgerEditPermission(ctx.actor, previous.enteredBy));
    const row: LedgerEntriesTable = {
      id: previous?.id ?? newId(),
      systemId: system.id,
      safeguardId: input.safeguardId,
      occurredOn,
      kind: input.kind,
      summary: input.summary,
      ...valueColumns(input.value),
      estimateBasis: input.estimateBasis,
      evidenceUrl: input.evidenceUrl,
      externalId: input.externalId,
      enteredBy: previous?.enteredBy ?? ctx.actor.id,
      createdAt: previous?.createdAt ?? at,
      updatedAt: at,
      version: previous ? Number(previous.version) + 1 : 1,
    };
    if (previous) await tx.updateTable("ledgerEntries").set(row).where("id", "=", row.id).execute();
    else await tx.insertInto("ledgerEntries").values(row).execute();
    await appendAudit(tx, {
      at,
      actorId: ctx.actor.id,
      systemId: system.id,
      entity: "ledger_entry",
      entityId: row.id,
      action: previous ? "update" : "create",
      summary: `${ctx.actor.name} ${previous ? "updated" : "recorded"} in the ledger for ${system.name}: "${row.summary}"`,
      ...(previous && { before: previous }),
      after: row,
    });
    return { row, created: !previous };
  });
  return { entry: await present(ctx.database.db, result.row), created: result.created };
}

/** Corrects an entry: its value, date, kind, evidence or wording. */
export async function updateLedgerEntry(
  ctx: CommandContext,
  id: string,
  input: LedgerEntryUpdate,
): Promise<LedgerEntry> {
  const row = await inTransaction(ctx.database.db, async (tx) => {
    const before = await findLedgerRow(tx, id);
    enforce(ledgerEditPermission(ctx.actor, before.enteredBy));
    if (input.version !== undefined && input.version !== Number(before.version)) {
      throw conflict(
        "stale_version",
        `This ledger entry was changed by someone else (now version ${before.version}). Reload and apply your edit again.`,
        { currentVersion: Number(before.version) },
      );
    }
    const after: LedgerEntriesTable = {
      ...before,
      ...(input.occurredOn !== undefined && { occurredOn: input.occurredOn }),
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.summary !== undefined && { summary: input.summary }),
      ...(input.safeguardId !== undefined && { safeguardId: input.safeguardId }),
      ...(input.value !== undefined && valueColumns(input.value)),
      ...(input.estimateBasis !== undefined && { estimateBasis: input.estimateBasis }),
      ...(input.evidenceUrl !== undefined && { evidenceUrl: input.evidenceUrl }),
      updatedAt: ctx.now.toISOString(),
      version: Number(before.version) + 1,
    };
    enforce(
      ledgerEntryProblem(
        {
          occurredOn: after.occurredOn,
          kind: after.kind as LedgerEntry["kind"],
          value: valueOf(after),
          estimateBasis: after.estimateBasis,
        },
        isoDate(ctx.now),
      ),
    );
    await assertSafeguardOnSystem(tx, after.safeguardId, after.systemId);
    await tx.updateTable("ledgerEntries").set(after).where("id", "=", id).execute();
    await appendAudit(tx, {
      at: after.updatedAt,
      actorId: ctx.actor.id,
      systemId: after.systemId,
      entity: "ledger_entry",
      entityId: id,
      action: "update",
      summary: `${ctx.actor.name} corrected the ledger entry "${after.summary}"`,
      before,
      after,
    });
    return after;
  });
  return present(ctx.database.db, row);
}

/** Removes an entry; the audit trail keeps what it said. */
export async function deleteLedgerEntry(ctx: CommandContext, id: string): Promise<void> {
  await inTransaction(ctx.database.db, async (tx) => {
    const before = await findLedgerRow(tx, id);
    enforce(ledgerEditPermission(ctx.actor, before.enteredBy));
    await tx.deleteFrom("ledgerEntries").where("id", "=", id).execute();
    await appendAudit(tx, {
      at: ctx.now.toISOString(),
      actorId: ctx.actor.id,
      systemId: before.systemId,
      entity: "ledger_entry",
      entityId: id,
      action: "delete",
      summary: `${ctx.actor.name} removed the ledger entry "${before.summary}"`,
      before,
    });
  });
}

interface DemoLedgerEntry {
  system: string;
  by: string;
  daysAgo: number;
  safeguard: string | null;
  fields: Omit<LedgerEntryCreate, "occurredOn" | "safeguardId" | "externalId" | "evidenceUrl"> & {
    evidenceUrl?: string;
    externalId?: string;
  };
}

const DAY_MS = 86_400_000;
const usd = (low: number, high: number) => ({ low, high, currency: "USD" });
const eur = (low: number, high: number) => ({ low, high, currency: "EUR" });

// What the demo's safeguards caught, told the way engineers would write it up.
const DEMO_LEDGER: DemoLedgerEntry[] = [
  {
    system: "support-assistant",
    by: "priya@example.com",
    daysAgo: 75,
    safeguard: null,
    fields: {
      kind: "data_cleaned",
      summary:
        "Removed 312 retired help-centre articles from the search index after the spring product change.",
      value: null,
      estimateBasis: "",
    },
  },
  {
    system: "support-assistant",
    by: "priya@example.com",
    daysAgo: 45,
    safeguard: "Human approval for refund replies",
    fields: {
      kind: "caught",
      summary: "Held 52 drafts that promised refunds outside policy; agents corrected them before sending.",
      value: usd(2800, 12500),
      estimateBasis: "52 replies × 55–240 USD average refund or chargeback, from last quarter's refund data.",
      externalId: "refund-hold-2026-10",
    },
  },
  {
    system: "support-assistant",
    by: "tomas@example.com",
    daysAgo: 24,
    safeguard: "Provider spend cap",
    fields: {
      kind: "incident_avoided",
      summary:
        "A retry loop in the Zendesk webhook handler resent 40,000 requests overnight; the provider cap stopped it at 300 USD.",
      value: usd(3500, 6000),
      estimateBasis:
        "The loop's request rate at list price until on-call would have noticed it, 9 to 15 hours.",
      evidenceUrl: "https://status.example.com/incidents/2026-11-04-webhook-retries",
    },
  },
  {
    system: "support-assistant",
    by: "priya@example.com",
    daysAgo: 10,
    safeguard: "Cost-per-ticket monitor",
    fields: {
      kind: "cost_stabilised",
      summary:
        "Cost per ticket rose 22% over its 30-day baseline; truncating threads over 12 messages brought it back within two days.",
      value: usd(400, 1100),
      estimateBasis: "The extra 18–50 USD a day for the 22 days left in the month.",
    },
  },
  {
    system: "support-assistant",
    by: "priya@example.com",
    daysAgo: 3,
    safeguard: "Human approval for refund replies",
    fields: {
      kind: "caught",
      summary: "Held 37 drafts that promised refunds outside policy; agents corrected them before sending.",
      value: usd(2000, 9000),
      estimateBasis: "37 replies × 55–240 USD average refund or chargeback, from last quarter's refund data.",
      externalId: "refund-hold-2026-11",
    },
  },
  {
    system: "code-review-helper",
    by: "tomas@example.com",
    daysAgo: 21,
    safeguard: "Secret scanner before every prompt",
    fields: {
      kind: "prevented",
      summary:
        "Blocked 14 prompts carrying real credentials in two weeks (9 cloud keys, 5 database passwords).",
      value: usd(14000, 140000),
      estimateBasis:
        "1,000 USD to rotate each key and review access logs; up to 10,000 USD each if one had been used.",
    },
  },
  {
    system: "code-review-helper",
    by: "tomas@example.com",
    daysAgo: 7,
    safeguard: "Secret scanner before every prompt",
    fields: {
      kind: "prevented",
      summary: "Blocked 6 prompts carrying live credentials (2 cloud keys, 4 database passwords).",
      value: usd(6000, 60000),
      estimateBasis:
        "1,000 USD to rotate each key and review access logs; up to 10,000 USD each if one had been used.",
      evidenceUrl: "https://security.example.com/scanner/blocked?range=7d",
    },
  },
  {
    system: "invoice-extraction",
    by: "tomas@example.com",
    daysAgo: 33,
    safeguard: null,
    fields: {
      kind: "data_cleaned",
      summary: "Merged 41 duplicate suppliers in the master data so invoices match the right supplier.",
      value: null,
      estimateBasis: "",
    },
  },
  {
    system: "invoice-extraction",
    by: "tomas@example.com",
    daysAgo: 5,
    safeguard: "Totals cross-check",
    fields: {
      kind: "caught",
      summary:
        "Running in shadow mode, flagged 3 invoices with misread totals (one off by 18,400 EUR) before the payment run.",
      value: eur(1500, 21000),
      estimateBasis: "The amounts that would have been overpaid, and a clerk's day to recover a smaller one.",
    },
  },
];

/**
 * Adds the demo's ledger entries to a loaded demo workspace. Does nothing when the demo is not
 * loaded or the ledger already has entries, so calling it twice is harmless.
 */
export async function loadDemoLedger(database: Database, now: Date = new Date()): Promise<number> {
  const db = database.db;
  if (await db.selectFrom("ledgerEntries").select("id").limit(1).executeTakeFirst()) return 0;
  const people = await db.selectFrom("people").selectAll().execute();
  const systems = await db.selectFrom("systems").select(["id", "key"]).execute();
  const safeguards = await db.selectFrom("safeguards").select(["id", "systemId", "name"]).execute();
  let added = 0;
  for (const e of DEMO_LEDGER) {
    const person = people.find((p) => p.email === e.by);
    const system = systems.find((s) => s.key === e.system);
    if (!person || !system) continue;
    const safeguard = safeguards.find((g) => g.systemId === system.id && g.name === e.safeguard);
    const at = new Date(now.getTime() - e.daysAgo * DAY_MS);
    await recordLedgerEntry({ database, actor: actorOf(person), now: at }, system.id, {
      ...e.fields,
      occurredOn: isoDate(at),
      safeguardId: safeguard?.id ?? null,
      evidenceUrl: e.fields.evidenceUrl ?? null,
      externalId: e.fields.externalId ?? null,
    });
    added += 1;
  }
  return added;
}
