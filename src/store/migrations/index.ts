import type { Migration } from "kysely";
import * as core from "./0001-core.js";

/** Every migration, in order. Listed statically so the compiled server needs no folder scan. */
export const migrations: Record<string, Migration> = {
  "0001-core": core,
};
