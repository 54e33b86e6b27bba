import type { CommandContext } from "../commands/context.js";
import { createSignal } from "../commands/signals.js";
import type { Db } from "../store/database.js";
import type { DerivedSignal } from "./signal-catalog.js";

/** Signal ids of one system by key. */
export type SignalIds = Map<string, string>;

/** Existing signals of these systems whose keys start with `prefix`, by system. */
export async function signalIdsOf(
  db: Db,
  systemIds: string[],
  prefix: string,
): Promise<Map<string, SignalIds>> {
  const out = new Map<string, SignalIds>(systemIds.map((id) => [id, new Map()]));
  if (systemIds.length === 0) return out;
  const rows = await db
    .selectFrom("signals")
    .select(["id", "systemId", "key"])
    .where("systemId", "in", systemIds)
    .where("key", "like", `${prefix}%`)
    .execute();
  for (const r of rows) out.get(r.systemId)?.set(r.key, r.id);
  return out;
}

/**
 * Creates the derived signals a system does not have yet (audited like any new signal, as the
 * caller's doing) and adds them to `ids`. Two requests creating the same signal at once is fine:
 * the loser reads the winner's signal.
 */
export async function ensureSignals(
  ctx: CommandContext,
  systemId: string,
  wanted: Iterable<DerivedSignal>,
  ids: SignalIds,
): Promise<void> {
  for (const spec of wanted) {
    if (ids.has(spec.key)) continue;
    try {
      const created = await createSignal(ctx, systemId, spec);
      ids.set(spec.key, created.id);
    } catch (err) {
      // Lost a race: another request created it first (refused by the key check, or by the unique
      // index when both checked before either committed). Anything else is a real failure.
      const row = await ctx.database.db
        .selectFrom("signals")
        .select("id")
        .where("systemId", "=", systemId)
        .where("key", "=", spec.key)
        .executeTakeFirst();
      if (!row) throw err;
      ids.set(spec.key, row.id);
    }
  }
}
