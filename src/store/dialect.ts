import { PostgresAdapter, type Kysely } from "kysely";

export type DialectName = "sqlite" | "postgres";

/**
 * The one place that knows which database is underneath. Everything outside src/store/database.ts
 * and this file is dialect-agnostic; where SQL must differ, branch on this.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations and the seam see any schema
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}
