import type { IngestResult, Signal, SignalCreate } from "../contract/signals.js";
import { conflict, invalid } from "../core/errors.js";
import { checkPointRow, ProblemList } from "../core/point-input.js";
import { appendAudit } from "../store/audit.js";
import { inTransaction } from "../store/database.js";
import { writePoints, type PointRow } from "../store/points.js";
import { presentSignal, resolveSignalRefs } from "../store/signals.js";
import { findSystemRow } from "../store/systems.js";
import type { SignalsTable } from "../store/schema.js";
import { newId, type CommandContext } from "./context.js";
import { afterIngest } from "./limits.js";

/** Defines a production signal for a system: what it measures and how its points combine. */
export async function createSignal(
  ctx: CommandContext,
  systemRef: string,
  input: SignalCreate,
): Promise<Signal> {
  if (input.aggregation === "quantile" && input.quantile === null) {
    throw invalid("quantile_required", "A quantile signal needs quantile, e.g. 0.95 for p95.", {
      field: "quantile",
    });
  }
  return inTransaction(ctx.database.db, async (tx) => {
    const system = await findSystemRow(tx, systemRef);
    const taken = await tx
      .selectFrom("signals")
      .select("id")
      .where("systemId", "=", system.id)
      .where("key", "=", input.key)
      .executeTakeFirst();
    if (taken)
      throw conflict(
        "signal_key_taken",
        `${system.key} already has a signal "${input.key}". Choose another key.`,
        { field: "key" },
      );
    const row: SignalsTable = {
      id: newId(),
      systemId: system.id,
      key: input.key,
      name: input.name,
      kind: input.kind,
      unit: input.unit,
      direction: input.direction,
      aggregation: input.aggregation,
      quantile: input.aggregation === "quantile" ? input.quantile : null,
      description: input.description,
      createdAt: ctx.now.toISOString(),
      lastPointT: null,
      lastReceivedAt: null,
    };
    await tx.insertInto("signals").values(row).execute();
    await appendAudit(tx, {
      at: row.createdAt,
      actorId: ctx.actor.id,
      systemId: system.id,
      entity: "signal",
      entityId: row.id,
      action: "create",
      summary: `${ctx.actor.name} added the ${row.kind} signal "${row.name}" to ${system.name}`,
      after: row,
    });
    return presentSignal(row, system.key);
  });
}

export interface NumberedRow {
  line: number;
  row: unknown;
}

/**
 * Stores the good points of a batch and reports the bad ones by line. With `signalId`, every row
 * belongs to that signal; otherwise each row names its signal. Returns once the points are committed.
 */
export async function ingestPoints(
  ctx: CommandContext,
  rows: Iterable<NumberedRow>,
  signalId: string | null,
  problems: ProblemList = new ProblemList(),
): Promise<IngestResult> {
  // One pass, one object per good point: this loop runs for every point ingested.
  let good: PointRow[] = [];
  const pendingRefs: Array<{ line: number; ref: string; index: number }> = [];
  for (const { line, row } of rows) {
    const check = checkPointRow(row);
    if (!check.ok) {
      problems.add(line, check.reason);
      continue;
    }
    const { signalRef, t, value, denominator, source } = check.point;
    if (signalId) {
      good.push({ signalId, t, value, denominator, source });
    } else if (!signalRef) {
      problems.add(line, 'name the signal: "signal": "system-key/signal-key"');
    } else {
      pendingRefs.push({ line, ref: signalRef, index: good.length });
      good.push({ signalId: signalRef, t, value, denominator, source });
    }
  }
  if (pendingRefs.length > 0) {
    const refs = await resolveSignalRefs(ctx.database.db, new Set(pendingRefs.map((p) => p.ref)));
    const unknown = new Set<number>();
    for (const p of pendingRefs) {
      const id = refs.get(p.ref);
      if (id) good[p.index]!.signalId = id;
      else {
        unknown.add(p.index);
        problems.add(
          p.line,
          `unknown signal "${p.ref}"; create it first with POST /api/v1/systems/{system}/signals`,
        );
      }
    }
    if (unknown.size > 0) good = good.filter((_, i) => !unknown.has(i));
  }
  await writePoints(ctx.database, good, ctx.now.toISOString());
  // The points are committed and will be acknowledged; the follow-up work must not undo that.
  const earliest = new Map<string, number>();
  for (const g of good) earliest.set(g.signalId, Math.min(earliest.get(g.signalId) ?? Infinity, g.t));
  await afterIngest(
    ctx.database,
    [...earliest].map(([signalId, t]) => ({ signalId, earliest: t })),
    ctx.now,
  ).catch((err: unknown) => {
    process.stderr.write(
      `parley: points were stored, but updating detectors and limits failed: ${err instanceof Error ? err.message : String(err)}\n`,
    );
  });
  return {
    accepted: good.length,
    rejected: problems.count,
    problems: [...problems.items].sort((a, b) => a.line - b.line),
    signals: new Set(good.map((g) => g.signalId)).size,
  };
}
