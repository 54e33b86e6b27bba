import type { Migration } from "kysely";
import * as core from "./0001-core.js";
import * as signals from "./0002-signals.js";
import * as limits from "./0003-limits.js";
import * as ledger from "./0004-ledger.js";
import * as connectors from "./0005-connectors.js";
import * as accounts from "./0006-accounts.js";
import * as settings from "./0007-settings.js";
import * as rehearsal from "./0008-rehearsal.js";
import * as notifications from "./0009-notifications.js";

/** Every migration, in order. Listed statically so the compiled server needs no folder scan. */
export const migrations: Record<string, Migration> = {
  "0001-core": core,
  "0002-signals": signals,
  "0003-limits": limits,
  "0004-ledger": ledger,
  "0005-connectors": connectors,
  "0006-accounts": accounts,
  "0007-settings": settings,
  "0008-rehearsal": rehearsal,
  "0009-notifications": notifications,
};
