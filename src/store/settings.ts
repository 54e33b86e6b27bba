import { DEFAULT_GATES, READINESS_RULES, type GatePolicy } from "../core/readiness.js";
import type { Db } from "./database.js";

/** Setting keys. Values are JSON text; an absent row means "the built-in default". */
export const SETTING_KEYS = { gates: "readiness.gates" } as const;

/** One workspace setting, parsed, or null when it was never set. */
export async function readSetting<T>(db: Db, key: string): Promise<T | null> {
  const row = await db
    .selectFrom("workspaceSettings")
    .select("value")
    .where("key", "=", key)
    .executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : null;
}

/** Inserts or replaces one setting (inside the caller's transaction). */
export async function writeSetting(
  db: Db,
  key: string,
  value: unknown,
  by: { actorId: string | null; at: string },
): Promise<void> {
  const text = JSON.stringify(value);
  const existing = await db
    .selectFrom("workspaceSettings")
    .select("key")
    .where("key", "=", key)
    .executeTakeFirst();
  if (existing) {
    await db
      .updateTable("workspaceSettings")
      .set({ value: text, updatedBy: by.actorId, updatedAt: by.at })
      .where("key", "=", key)
      .execute();
  } else {
    await db
      .insertInto("workspaceSettings")
      .values({ key, value: text, updatedBy: by.actorId, updatedAt: by.at })
      .execute();
  }
}

/**
 * The readiness gate policy in force: the one stored by config as code, or the built-in default.
 * Stored policies name every gated stage, so a stage missing from one has no gate.
 */
export async function loadGatePolicy(db: Db): Promise<GatePolicy> {
  const stored = await readSetting<GatePolicy>(db, SETTING_KEYS.gates);
  if (!stored) return DEFAULT_GATES;
  // A rule this version does not know (stored by a newer one, or since retired) is skipped, not fatal.
  const known = new Set<string>(READINESS_RULES);
  return Object.fromEntries(
    Object.entries(stored).map(([stage, rules]) => [
      stage,
      (rules ?? []).filter((r) => known.has(typeof r === "string" ? r : r.rule)),
    ]),
  ) as GatePolicy;
}
