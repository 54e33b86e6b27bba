import { GENESIS_HASH, verifyAuditChain, type AuditProblem } from "../core/audit.js";
import type { Database, Tx } from "./database.js";

/** What can be wrong with the stored history: a broken chain, or a chain that disagrees with its head. */
export interface AuditVerifyProblem {
  seq: number;
  problem: AuditProblem["problem"] | "head_mismatch";
  message: string;
}

export interface AuditVerification {
  /** How many entries were read and checked. */
  entries: number;
  /** The head the database records: the last entry's sequence number and hash. */
  head: { seq: number; hash: string };
  /** Empty when the history is intact. */
  problems: AuditVerifyProblem[];
}

export interface VerifyAuditOptions {
  /** Entries read per query; memory stays flat however long the history is. */
  pageSize?: number;
}

type StoredEntry = Parameters<typeof verifyAuditChain>[0][number];

/**
 * Reads the whole audit history in pages, inside one read-only snapshot, and checks that every
 * entry follows from the one before it and that the last one is the head the database recorded.
 * An edited, deleted, inserted or reordered entry, or a cut-off tail, shows up as a problem naming
 * the entry's sequence number.
 */
export async function verifyAudit(
  database: Database,
  options: VerifyAuditOptions = {},
): Promise<AuditVerification> {
  const pageSize = Math.max(2, options.pageSize ?? 1000);
  return database.db
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute(async (tx) => {
      const head = await tx
        .selectFrom("auditHead")
        .select(["seq", "hash"])
        .where("id", "=", 1)
        .executeTakeFirst();
      const problems: AuditVerifyProblem[] = [];
      let entries = 0;
      let last: StoredEntry | undefined;
      for (;;) {
        const page = await readPage(tx, last?.seq ?? null, pageSize);
        if (page.length === 0) break;
        // The core checks a chain from its start; prepending the previous page's last entry lets it
        // check the link across the page boundary. That entry's own findings were already reported.
        const carried = last;
        const found = verifyAuditChain(carried ? [carried, ...page] : page);
        problems.push(...found.filter((p) => p.seq !== carried?.seq));
        entries += page.length;
        last = page.at(-1);
      }
      const recorded = head ?? { seq: 0, hash: GENESIS_HASH };
      const tail = last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
      if (!head) {
        problems.push({
          seq: 0,
          problem: "head_mismatch",
          message: "The audit head row is missing, so a cut-off history cannot be detected.",
        });
      } else if (tail.seq !== recorded.seq || tail.hash !== recorded.hash) {
        problems.push({
          seq: tail.seq,
          problem: "head_mismatch",
          message:
            tail.seq < recorded.seq
              ? `The history ends at entry ${tail.seq} but the head says ${recorded.seq}: the latest entries were deleted.`
              : tail.seq > recorded.seq
                ? `The history goes on to entry ${tail.seq} but the head says ${recorded.seq}: entries were added outside Parley.`
                : `Entry ${tail.seq} is not the entry the head recorded.`,
        });
      }
      return { entries, head: recorded, problems };
    });
}

async function readPage(tx: Tx, afterSeq: number | null, limit: number): Promise<StoredEntry[]> {
  let q = tx.selectFrom("auditEvents").selectAll();
  if (afterSeq !== null) q = q.where("seq", ">", afterSeq);
  return q.orderBy("seq", "asc").limit(limit).execute();
}
