import { createHash } from "node:crypto";

export interface AuditFields {
  seq: number;
  at: string;
  actorId: string | null;
  systemId: string | null;
  entity: string;
  entityId: string;
  action: string;
  summary: string;
  before: string | null;
  after: string | null;
}

export const GENESIS_HASH = "genesis";

/**
 * The hash that links an audit entry to the one before it. Any edit, deletion or reordering of an
 * earlier entry changes every hash after it, which `verifyAuditChain` detects.
 */
export function auditHash(prevHash: string, e: AuditFields): string {
  const canonical = JSON.stringify([
    prevHash,
    e.seq,
    e.at,
    e.actorId,
    e.systemId,
    e.entity,
    e.entityId,
    e.action,
    e.summary,
    e.before,
    e.after,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

export interface AuditProblem {
  seq: number;
  problem: "hash_mismatch" | "broken_link" | "gap";
  message: string;
}

/** Checks a whole chain in order; returns every entry that does not follow from the one before. */
export function verifyAuditChain(
  entries: ReadonlyArray<AuditFields & { prevHash: string; hash: string }>,
): AuditProblem[] {
  const problems: AuditProblem[] = [];
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  for (const e of entries) {
    if (e.seq !== prevSeq + 1) {
      problems.push({
        seq: e.seq,
        problem: "gap",
        message: `Entry ${e.seq} follows ${prevSeq}: entries are missing.`,
      });
    }
    if (e.prevHash !== prevHash) {
      problems.push({
        seq: e.seq,
        problem: "broken_link",
        message: `Entry ${e.seq} does not link to the entry before it.`,
      });
    }
    if (auditHash(e.prevHash, e) !== e.hash) {
      problems.push({
        seq: e.seq,
        problem: "hash_mismatch",
        message: `Entry ${e.seq} was changed after it was written.`,
      });
    }
    prevHash = e.hash;
    prevSeq = e.seq;
  }
  return problems;
}
