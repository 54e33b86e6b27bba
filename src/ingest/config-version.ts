import type { Database } from "../store/database.js";

const versions = new WeakMap<Database, number>();

/** Counts changes to mapping rules and prices, so cached copies know when to reload. */
export function configVersion(database: Database): number {
  return versions.get(database) ?? 0;
}

/** Resolves to `work`'s result once it has committed, marking the connector configuration changed. */
export async function changesConfig<T>(database: Database, work: Promise<T>): Promise<T> {
  const result = await work;
  versions.set(database, configVersion(database) + 1);
  return result;
}
