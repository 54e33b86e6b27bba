import type { Database } from "../store/database.js";
import { configVersion } from "./config-version.js";
import { loadPriceBook } from "./prices.js";
import type { PriceBook } from "./price-book.js";
import { loadRuleSet, type RuleSet } from "./rules.js";

/**
 * The OTLP receiver's mapping rules and price table, read at most once a second per database
 * instead of on every export. Changes made through this process (API or CLI) take effect at once;
 * changes made by another process within a second. New systems are found at once too: the receiver
 * reads afresh before refusing a service it cannot place.
 */
const TTL_MS = 1000;
const cached = new WeakMap<Database, { at: number; version: number; config: Promise<ReceiverConfig> }>();

export interface ReceiverConfig {
  rules: RuleSet;
  prices: PriceBook;
}

/** The cached configuration, or (with `fresh`, or when stale) a newly read one. */
export function receiverConfig(database: Database, fresh = false): Promise<ReceiverConfig> {
  const now = Date.now();
  const version = configVersion(database);
  const hit = cached.get(database);
  if (!fresh && hit && hit.version === version && now - hit.at < TTL_MS) return hit.config;
  const config = Promise.all([loadRuleSet(database.db, "otlp"), loadPriceBook(database.db)]).then(
    ([rules, prices]) => ({ rules, prices }),
  );
  config.catch(() => cached.delete(database));
  cached.set(database, { at: now, version, config });
  return config;
}
