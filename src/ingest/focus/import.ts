import { parse } from "csv-parse";
import type { FocusImportResult } from "../../contract/connectors.js";
import { afterIngest } from "../../commands/limits.js";
import { newId, type CommandContext } from "../../commands/context.js";
import { ParleyError, invalid } from "../../core/errors.js";
import { ProblemList } from "../../core/point-input.js";
import { inTransaction, type Tx } from "../../store/database.js";
import { dialectOf } from "../../store/dialect.js";
import { writePointsInTransaction, type PointRow } from "../../store/points.js";
import { ensureSignals, signalIdsOf, type SignalIds } from "../derived-signals.js";
import { loadRuleSet, resolveByRules, type RuleSet } from "../rules.js";
import { recordSightings } from "../sightings.js";
import { billingCostSignal, billingTokenSignal, type DerivedSignal } from "../signal-catalog.js";
import { storableNumber, storableText } from "../text.js";
import { fingerprintOf, readCharge, SYSTEM_TAGS, type FocusCharge, type FocusRow } from "./charge.js";

export const FOCUS_SOURCE = "focus";

export interface FocusImportOptions {
  fileName: string;
  dryRun: boolean;
  /** Rows per committed batch. */
  batchSize?: number;
  /** Called after each batch with the rows read so far. */
  onProgress?: (rows: number) => void;
}

interface Mapped {
  charge: FocusCharge;
  systemId: string;
}

/** The system a charge belongs to: a parley-system tag, else the first matching rule. */
export function focusResolver(set: RuleSet): (c: FocusCharge) => string | null {
  const tag = (c: FocusCharge, key: string): string | null => {
    if (c.tags[key] !== undefined) return c.tags[key]!;
    const lower = key.toLowerCase();
    const found = Object.keys(c.tags).find((k) => k.toLowerCase() === lower);
    return found ? c.tags[found]! : null;
  };
  return (c) => {
    for (const name of SYSTEM_TAGS) {
      const value = tag(c, name);
      if (value) {
        const id = resolveByRules({ ...set, rules: [] }, () => null, value.trim());
        if (id) return id;
      }
    }
    return resolveByRules(
      set,
      (field, key) => {
        if (field === "tag") return key ? tag(c, key) : null;
        if (field === "service") return c.serviceName;
        if (field === "sku") return [c.skuId, c.skuMeter];
        if (field === "model") return c.models;
        if (field === "account") return c.accounts;
        return null;
      },
      null,
    );
  };
}

/** Per system and currency: what the new rows of an import add up to. */
class Totals {
  readonly bySystem = new Map<
    string,
    { systemKey: string; currency: string; cost: number; tokens: number; days: Set<number> }
  >();
  readonly unmapped = new Map<string, { rows: number; cost: number; currency: string }>();

  add(systemKey: string, c: FocusCharge): void {
    const key = `${systemKey}\u0000${c.currency}`;
    let t = this.bySystem.get(key);
    if (!t)
      this.bySystem.set(key, (t = { systemKey, currency: c.currency, cost: 0, tokens: 0, days: new Set() }));
    t.cost += c.effectiveCost;
    t.tokens += c.tokens ?? 0;
    for (const d of c.days) t.days.add(d.day);
  }

  addUnmapped(c: FocusCharge): void {
    const name = `${c.serviceName || "(no ServiceName)"} / ${c.skuMeter || c.skuId || "(no SKU)"}`.slice(
      0,
      300,
    );
    const key = `${name}\u0000${c.currency}`;
    const u = this.unmapped.get(key) ?? { rows: 0, cost: 0, currency: c.currency };
    u.rows += 1;
    u.cost += c.effectiveCost;
    this.unmapped.set(key, u);
  }

  systems() {
    return [...this.bySystem.values()]
      .map((t) => ({
        systemKey: t.systemKey,
        currency: t.currency,
        cost: round(t.cost),
        tokens: t.tokens,
        days: t.days.size,
      }))
      .sort((a, b) =>
        a.systemKey < b.systemKey ? -1 : a.systemKey > b.systemKey ? 1 : a.currency < b.currency ? -1 : 1,
      );
  }

  unmappedGroups() {
    return [...this.unmapped]
      .map(([key, u]) => ({
        name: key.split("\u0000")[0]!,
        rows: u.rows,
        cost: round(u.cost),
        currency: u.currency,
      }))
      .sort((a, b) => b.cost - a.cost)
      .slice(0, 20);
  }
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

async function* records(
  source: AsyncIterable<Buffer | string>,
): AsyncGenerator<{ row: FocusRow; line: number }> {
  const parser = parse({
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  });
  const feed = (async () => {
    try {
      for await (const chunk of source)
        if (!parser.write(chunk)) await new Promise((r) => parser.once("drain", r));
      parser.end();
    } catch (err) {
      parser.destroy(err as Error);
    }
  })();
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>)
    yield { row: new Map(Object.entries(record)), line: info.lines };
  await feed;
}

const REQUIRED = ["chargeperiodstart", "chargeperiodend", "billingcurrency", "billedcost"];

/**
 * Imports a FOCUS CSV export: each row becomes a charge per UTC day it covers, kept by the row's
 * fingerprint so that importing the same file again changes nothing, and correction rows simply add
 * their (often negative) amounts to the days they correct. Daily cost and token points are
 * rewritten from all stored charges of the days a batch touched, in the same transaction.
 */
export async function importFocus(
  ctx: CommandContext,
  source: AsyncIterable<Buffer | string>,
  options: FocusImportOptions,
): Promise<FocusImportResult> {
  const db = ctx.database.db;
  const set = await loadRuleSet(db, "focus");
  const resolve = focusResolver(set);
  const problems = new ProblemList();
  const totals = new Totals();
  const seen = new Map<string, number>();
  const ids = new Map<string, SignalIds>();
  const touched = new Map<string, number>();
  const importId = newId();
  let importRow = false;
  let rows = 0;
  let imported = 0;
  let duplicates = 0;
  let corrections = 0;
  let unmapped = 0;
  let checkedHeader = false;
  let batch: Mapped[] = [];
  const batchSize = options.batchSize ?? 5000;

  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    const result = options.dryRun ? await countNew(ctx, current) : await storeBatch(current);
    for (const { charge, systemId } of current) {
      if (!result.has(charge.fingerprint)) {
        duplicates += 1;
        continue;
      }
      imported += 1;
      if (charge.correction) corrections += 1;
      totals.add(set.systemKeyById.get(systemId) ?? systemId, charge);
    }
    options.onProgress?.(rows);
  };

  const storeBatch = async (mapped: Mapped[]): Promise<Set<string>> => {
    await ensureBillingSignals(ctx, mapped, ids);
    return inTransaction(db, async (tx) => {
      if (!importRow) {
        await tx
          .insertInto("focusImports")
          .values({
            id: importId,
            fileName: storableText(options.fileName.slice(0, 200)),
            rows: 0,
            imported: 0,
            duplicates: 0,
            unmapped: 0,
            rejected: 0,
            summary: "[]",
            createdBy: ctx.actor.id,
            createdAt: ctx.now.toISOString(),
            undoneAt: null,
          })
          .execute();
      }
      // Two imports touching the same system's days must not each recompute a day without the
      // other's charges: on PostgreSQL they queue on the systems' rows (SQLite has one writer).
      if (dialectOf(tx) === "postgres") {
        const systemIds = [...new Set(mapped.map((m) => m.systemId))].sort();
        await tx
          .selectFrom("systems")
          .select("id")
          .where("id", "in", systemIds)
          .orderBy("id")
          .forUpdate()
          .execute();
      }
      const fresh = await insertCharges(tx, importId, mapped);
      const days = new Map<string, Set<number>>();
      for (const { charge, systemId } of mapped) {
        if (!fresh.has(charge.fingerprint)) continue;
        let set = days.get(systemId);
        if (!set) days.set(systemId, (set = new Set()));
        for (const d of charge.days) set.add(d.day);
      }
      const points = await dailyPoints(tx, days, ids);
      await writePointsInTransaction(tx, points, ctx.now.toISOString());
      for (const p of points) touched.set(p.signalId, Math.min(touched.get(p.signalId) ?? Infinity, p.t));
      return fresh;
    }).then((fresh) => {
      importRow = true;
      return fresh;
    });
  };

  try {
    for await (const { row, line } of records(source)) {
      if (!checkedHeader) {
        const missing = REQUIRED.filter((c) => !row.has(c));
        if (missing.length > 0)
          throw invalid(
            "focus_columns_missing",
            `This is not a FOCUS export: the header lacks ${missing.map((m) => REQUIRED_NAMES[m]).join(", ")}.`,
            { missing: missing.map((m) => REQUIRED_NAMES[m]) },
          );
        checkedHeader = true;
      }
      rows += 1;
      const base = fingerprintOf(row, 0);
      const occurrence = seen.get(base) ?? 0;
      seen.set(base, occurrence + 1);
      const check = readCharge(row, line, occurrence === 0 ? base : fingerprintOf(row, occurrence));
      if (!check.ok) {
        problems.add(line, check.reason);
        continue;
      }
      const systemId = resolve(check.charge);
      if (!systemId) {
        unmapped += 1;
        totals.addUnmapped(check.charge);
        continue;
      }
      batch.push({ charge: check.charge, systemId });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } catch (err) {
    if (err instanceof ParleyError) throw err;
    throw invalid(
      "unreadable_file",
      `The CSV could not be read: ${err instanceof Error ? err.message : String(err)}`,
    );
  } finally {
    if (importRow) await finishImportRow();
  }

  async function finishImportRow(): Promise<void> {
    if (imported === 0) {
      await db.deleteFrom("focusImports").where("id", "=", importId).execute();
      importRow = false;
      return;
    }
    await db
      .updateTable("focusImports")
      .set({
        rows,
        imported,
        duplicates,
        unmapped,
        rejected: problems.count,
        summary: JSON.stringify(totals.systems()),
      })
      .where("id", "=", importId)
      .execute();
  }

  if (!options.dryRun) {
    await afterIngest(
      ctx.database,
      [...touched].map(([signalId, earliest]) => ({ signalId, earliest })),
      ctx.now,
    ).catch((err: unknown) =>
      process.stderr.write(`parley: charges were stored, but updating limits failed: ${String(err)}\n`),
    );
    const groups = totals.unmappedGroups();
    if (groups.length > 0)
      await recordSightings(
        db,
        "focus",
        "unmapped_charge",
        new Map(groups.map((g) => [g.name, g.rows])),
        (name) =>
          `Rows for "${name}" map to no system: tag them parley-system=<system key>, or add a rule with POST /api/v1/connectors/focus/rules, then import the file again.`,
        ctx.now,
      );
  }
  return {
    importId: importRow ? importId : null,
    dryRun: options.dryRun,
    rows,
    imported,
    duplicates,
    corrections,
    unmapped,
    rejected: problems.count,
    problems: [...problems.items].sort((a, b) => a.line - b.line),
    systems: totals.systems(),
    unmappedGroups: totals.unmappedGroups(),
  };
}

const REQUIRED_NAMES: Record<string, string> = {
  chargeperiodstart: "ChargePeriodStart",
  chargeperiodend: "ChargePeriodEnd",
  billingcurrency: "BillingCurrency",
  billedcost: "BilledCost",
};

async function ensureBillingSignals(
  ctx: CommandContext,
  mapped: Mapped[],
  ids: Map<string, SignalIds>,
): Promise<void> {
  const wanted = new Map<string, Map<string, DerivedSignal>>();
  for (const { charge, systemId } of mapped) {
    let specs = wanted.get(systemId);
    if (!specs) wanted.set(systemId, (specs = new Map()));
    const cost = billingCostSignal(charge.currency);
    specs.set(cost.key, cost);
    if (charge.tokenType) {
      const tokens = billingTokenSignal(charge.tokenType);
      specs.set(tokens.key, tokens);
    }
  }
  const missing = [...wanted.keys()].filter((id) => !ids.has(id));
  for (const [id, known] of await signalIdsOf(ctx.database.db, missing, "billing.")) ids.set(id, known);
  for (const [systemId, specs] of wanted)
    await ensureSignals(ctx, systemId, specs.values(), ids.get(systemId)!);
}

/** Stores the charges' daily shares; returns the fingerprints that were new. */
async function insertCharges(tx: Tx, importId: string, mapped: Mapped[]): Promise<Set<string>> {
  const values = mapped.flatMap(({ charge, systemId }) =>
    charge.days.map(({ day, share }) => ({
      fingerprint: charge.fingerprint,
      day,
      importId,
      systemId,
      currency: charge.currency,
      effectiveCost: charge.effectiveCost * share,
      billedCost: charge.billedCost * share,
      listCost: charge.listCost === null ? null : charge.listCost * share,
      tokenType: charge.tokenType,
      tokens: charge.tokens === null ? null : charge.tokens * share,
    })),
  );
  const fresh = new Set<string>();
  for (let i = 0; i < values.length; i += 500) {
    const inserted = await tx
      .insertInto("focusCharges")
      .values(values.slice(i, i + 500))
      .onConflict((oc) => oc.columns(["fingerprint", "day"]).doNothing())
      .returning("fingerprint")
      .execute();
    for (const r of inserted) fresh.add(r.fingerprint);
  }
  return fresh;
}

/** For a dry run: which of these charges are not stored yet. */
async function countNew(ctx: CommandContext, mapped: Mapped[]): Promise<Set<string>> {
  const prints = [...new Set(mapped.map((m) => m.charge.fingerprint))];
  const stored = new Set<string>();
  for (let i = 0; i < prints.length; i += 500) {
    const rows = await ctx.database.db
      .selectFrom("focusCharges")
      .select("fingerprint")
      .where("fingerprint", "in", prints.slice(i, i + 500))
      .execute();
    for (const r of rows) stored.add(r.fingerprint);
  }
  return new Set(prints.filter((p) => !stored.has(p)));
}

/**
 * The daily points of these (system, day) pairs, recomputed from every stored charge: cost per
 * currency and tokens per token type. Days left without charges are returned in `removed`.
 */
export async function dailyPoints(
  tx: Tx,
  days: Map<string, Set<number>>,
  ids: Map<string, SignalIds>,
  removed?: Array<Pick<PointRow, "signalId" | "t" | "source">>,
): Promise<PointRow[]> {
  const points: PointRow[] = [];
  for (const [systemId, daySet] of days) {
    const list = [...daySet];
    if (list.length === 0) continue;
    const sums = await tx
      .selectFrom("focusCharges")
      .select((eb) => [
        "day",
        "currency",
        "tokenType",
        eb.fn.sum<number>("effectiveCost").as("cost"),
        eb.fn.sum<number>("tokens").as("tokens"),
      ])
      .where("systemId", "=", systemId)
      .where("day", "in", list)
      .groupBy(["day", "currency", "tokenType"])
      .execute();
    const known = ids.get(systemId) ?? new Map<string, string>();
    const values = new Map<string, number>();
    for (const s of sums) {
      const day = Number(s.day);
      const costKey = `${billingCostSignal(s.currency).key}\u0000${day}`;
      values.set(costKey, (values.get(costKey) ?? 0) + Number(s.cost ?? 0));
      if (s.tokenType && s.tokens !== null) {
        const tokenKey = `${billingTokenSignal(s.tokenType).key}\u0000${day}`;
        values.set(tokenKey, (values.get(tokenKey) ?? 0) + Number(s.tokens));
      }
    }
    for (const [key, value] of values) {
      const [signalKey, day] = key.split("\u0000") as [string, string];
      const signalId = known.get(signalKey);
      if (signalId && storableNumber(value))
        points.push({
          signalId,
          t: Number(day),
          source: FOCUS_SOURCE,
          value: round(value),
          denominator: null,
        });
    }
    if (removed) {
      for (const [signalKey, signalId] of known)
        for (const day of list)
          if (!values.has(`${signalKey}\u0000${day}`))
            removed.push({ signalId, t: day, source: FOCUS_SOURCE });
    }
  }
  return points;
}
