import type { CurrencyTotal, LedgerKind, LedgerTotals, ValueRange } from "../contract/ledger.js";
import { LEDGER_KINDS } from "../contract/ledger.js";
import { addDays } from "./calendar.js";
import { forbidden, invalid, type ParleyError } from "./errors.js";
import type { Actor } from "./people.js";

/** The parts of an entry the ledger's rules look at. */
export interface LedgerFacts {
  occurredOn: string;
  kind: LedgerKind;
  value: ValueRange | null;
  estimateBasis: string;
}

/**
 * A value without the reasoning behind it is a number nobody can defend in front of finance, so an
 * estimate must say how it was made. Entries cannot be dated in the future: the ledger records
 * what already did not happen (one day of slack, for senders east of UTC).
 */
export function ledgerEntryProblem(entry: LedgerFacts, today: string): ParleyError | null {
  if (entry.value && entry.estimateBasis.trim() === "") {
    return invalid(
      "estimate_basis_required",
      'Say how the value was estimated, e.g. "1,204 records × 4 USD average breach cost per record".',
      { field: "estimateBasis" },
    );
  }
  if (entry.occurredOn > addDays(today, 1)) {
    return invalid(
      "ledger_date_in_future",
      "occurredOn is in the future. Record what has already happened.",
      {
        field: "occurredOn",
      },
    );
  }
  return null;
}

/**
 * Anyone may add to the ledger; an entry is changed or removed only by whoever entered it (or the
 * safeguard pushing with their token) or by an admin, so nobody quietly rewrites another's claim.
 */
export function ledgerEditPermission(actor: Actor, enteredBy: string): ParleyError | null {
  if (actor.isAdmin || actor.id === enteredBy) return null;
  return forbidden(
    "ledger_entry_not_yours",
    "Only the person who entered this ledger entry, or an admin, can change or remove it. Add a new entry or ask them.",
    { rule: "ledger_entries_edited_by_their_author" },
  );
}

/** The period a ledger read covers: `to` defaults to today and `from` to 90 days before it. */
export function ledgerPeriod(
  query: { from?: string | undefined; to?: string | undefined },
  today: string,
): { from: string; to: string } {
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -89);
  if (from > to)
    throw invalid("invalid_period", `from (${from}) is after to (${to}). Swap them.`, { field: "from" });
  return { from, to };
}

/** Adds value ranges per currency, never across currencies; currencies sorted by code. */
export function totalsByCurrency(values: ReadonlyArray<ValueRange | null>): CurrencyTotal[] {
  const totals = new Map<string, CurrencyTotal>();
  for (const v of values) {
    if (!v) continue;
    const t = totals.get(v.currency) ?? { currency: v.currency, low: 0, high: 0, entries: 0 };
    t.low += v.low;
    t.high += v.high;
    t.entries += 1;
    totals.set(v.currency, t);
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** Counts, kinds and per-currency value of a set of entries. */
export function ledgerTotals(entries: ReadonlyArray<Pick<LedgerFacts, "kind" | "value">>): LedgerTotals {
  const byKind = Object.fromEntries(LEDGER_KINDS.map((k) => [k, 0])) as Record<string, number>;
  for (const e of entries) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
  return {
    entries: entries.length,
    byKind,
    value: totalsByCurrency(entries.map((e) => e.value)),
    unvalued: entries.filter((e) => !e.value).length,
  };
}

export interface RollupEntry extends Pick<LedgerFacts, "kind" | "value" | "occurredOn"> {
  systemKey: string;
  systemName: string;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-11" → "Nov 2026". */
export function monthLabel(month: string): string {
  const [year, m] = month.split("-");
  return `${MONTHS[Number(m) - 1] ?? m} ${year}`;
}

/**
 * Groups entries per system (largest entry count first, then by key) or per month (oldest first),
 * each group with its own per-currency totals.
 */
export function rollupLedger(entries: readonly RollupEntry[], by: "system" | "month") {
  const groups = new Map<string, { label: string; entries: RollupEntry[] }>();
  for (const e of entries) {
    const key = by === "system" ? e.systemKey : e.occurredOn.slice(0, 7);
    const label = by === "system" ? e.systemName : monthLabel(key);
    const group = groups.get(key) ?? { label, entries: [] };
    group.entries.push(e);
    groups.set(key, group);
  }
  const rows = [...groups.entries()].map(([key, g]) => ({ key, label: g.label, ...ledgerTotals(g.entries) }));
  rows.sort((a, b) =>
    by === "month" ? a.key.localeCompare(b.key) : b.entries - a.entries || a.key.localeCompare(b.key),
  );
  return { groups: rows, totals: ledgerTotals(entries) };
}
