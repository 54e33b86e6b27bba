import { describe, expect, it } from "vitest";
import { auditHash, GENESIS_HASH, verifyAuditChain, type AuditFields } from "./audit.js";

function chain(n: number) {
  const entries: Array<AuditFields & { prevHash: string; hash: string }> = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e: AuditFields = {
      seq,
      at: `2026-01-0${seq}T00:00:00Z`,
      actorId: "p",
      systemId: "s",
      entity: "risk",
      entityId: `r${seq}`,
      action: "propose",
      summary: `entry ${seq}`,
      before: null,
      after: "{}",
    };
    const hash = auditHash(prev, e);
    entries.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return entries;
}

describe("verifyAuditChain", () => {
  it("accepts an untouched chain", () => {
    expect(verifyAuditChain(chain(5))).toEqual([]);
  });

  it("detects an edited entry", () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, summary: "rewritten" };
    expect(verifyAuditChain(entries).map((p) => [p.seq, p.problem])).toEqual([[3, "hash_mismatch"]]);
  });

  it("detects a deleted and a reordered entry", () => {
    const deleted = chain(5).filter((e) => e.seq !== 3);
    expect(verifyAuditChain(deleted).map((p) => p.problem)).toEqual(["gap", "broken_link"]);
    const entries = chain(4);
    const swapped = [entries[0]!, entries[2]!, entries[1]!, entries[3]!];
    expect(verifyAuditChain(swapped).length).toBeGreaterThan(0);
  });
});
