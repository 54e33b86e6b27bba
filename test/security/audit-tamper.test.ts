import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditHash, type AuditFields } from "../../src/core/audit.js";
import { verifyAudit, type AuditVerifyProblem } from "../../src/store/audit-verify.js";
import type { Database } from "../../src/store/database.js";
import { createWorld, DIALECTS, type TestWorld } from "../integration/harness.js";
import { buildWorkspace } from "./support/workspace.js";

/** A stored entry as raw SQL returns it (the store's CamelCasePlugin renames the columns). */
type Row = AuditFields & { prevHash: string; hash: string };

// Raw SQL on purpose: a tamperer does not go through Parley's store.
async function row(database: Database, seq: number): Promise<Row> {
  const res = await sql<Row>`select * from audit_events where seq = ${seq}`.execute(database.db);
  const found = res.rows[0];
  if (!found) throw new Error(`no audit entry ${seq}`);
  return { ...found, seq: Number(found.seq) };
}

async function insertRow(database: Database, r: Row): Promise<void> {
  await sql`insert into audit_events (seq, at, actor_id, system_id, entity, entity_id, action, summary, before, after, prev_hash, hash)
    values (${r.seq}, ${r.at}, ${r.actorId}, ${r.systemId}, ${r.entity}, ${r.entityId}, ${r.action}, ${r.summary}, ${r.before}, ${r.after}, ${r.prevHash}, ${r.hash})`.execute(
    database.db,
  );
}

async function setSeq(database: Database, from: number, to: number): Promise<void> {
  await sql`update audit_events set seq = ${to} where seq = ${from}`.execute(database.db);
}

const brief = (problems: AuditVerifyProblem[]) => problems.map((p) => `${p.seq} ${p.problem}`);

describe.each(DIALECTS)("tamper-evident audit history [%s]", (dialect) => {
  let w: TestWorld;
  let last: number;

  /** Verifies with page sizes that do and do not split the chain, which must agree. */
  async function verified(): Promise<{ entries: number; problems: string[] }> {
    const whole = await verifyAudit(w.database);
    for (const pageSize of [2, 3, 7]) {
      const paged = await verifyAudit(w.database, { pageSize });
      expect(brief(paged.problems), `page size ${pageSize}`).toEqual(brief(whole.problems));
      expect(paged.entries).toBe(whole.entries);
    }
    return { entries: whole.entries, problems: brief(whole.problems) };
  }

  /** Applies a tamper, checks what verification reports, undoes it and checks the chain is clean. */
  async function tampered(
    tamper: () => Promise<void>,
    undo: () => Promise<void>,
  ): Promise<{ entries: number; problems: string[] }> {
    await tamper();
    try {
      return await verified();
    } finally {
      await undo();
      expect((await verified()).problems).toEqual([]);
    }
  }

  beforeAll(async () => {
    w = await createWorld(dialect);
    await buildWorkspace(w);
    const res = await sql<{ n: number }>`select max(seq) as n from audit_events`.execute(w.database.db);
    last = Number(res.rows[0]?.n);
  });
  afterAll(() => w?.close());

  it("verifies an untouched history as intact, entry by entry", async () => {
    expect(last).toBeGreaterThan(12);
    const result = await verifyAudit(w.database);
    expect(result.problems).toEqual([]);
    expect(result.entries).toBe(last);
    expect(result.head.seq).toBe(last);
    expect(result.head.hash).toBe((await row(w.database, last)).hash);
  });

  it("detects an edited summary at that entry", async () => {
    const original = await row(w.database, 5);
    const set = (summary: string) =>
      sql`update audit_events set summary = ${summary} where seq = 5`.execute(w.database.db).then(() => {});
    const result = await tampered(
      () => set("Nobody did anything"),
      () => set(original.summary),
    );
    expect(result.problems).toEqual(["5 hash_mismatch"]);
  });

  it("detects an edited `after` JSON at that entry", async () => {
    const original = await row(w.database, 3);
    expect(original.after).not.toBeNull();
    const forged = JSON.stringify({ ...JSON.parse(original.after!), stage: "production" });
    const set = (after: string | null) =>
      sql`update audit_events set after = ${after} where seq = 3`.execute(w.database.db).then(() => {});
    const result = await tampered(
      () => set(forged),
      () => set(original.after),
    );
    expect(result.problems).toEqual(["3 hash_mismatch"]);
  });

  it("detects a deleted entry in the middle at the entry after the gap", async () => {
    const original = await row(w.database, 7);
    const result = await tampered(
      () => sql`delete from audit_events where seq = 7`.execute(w.database.db).then(() => {}),
      () => insertRow(w.database, original),
    );
    expect(result.entries).toBe(last - 1);
    expect(result.problems).toEqual(["8 gap", "8 broken_link"]);
  });

  it("detects two entries whose sequence numbers were swapped, at both", async () => {
    const swap = async () => {
      await setSeq(w.database, 4, -1);
      await setSeq(w.database, 6, 4);
      await setSeq(w.database, -1, 6);
    };
    const result = await tampered(swap, swap);
    expect(result.problems).toEqual(expect.arrayContaining(["4 hash_mismatch", "6 hash_mismatch"]));
    expect(result.problems.every((p) => [4, 5, 6, 7].includes(Number(p.split(" ")[0])))).toBe(true);
  });

  it("detects an edit whose author also recomputed that entry's hash, at the next entry", async () => {
    const original = await row(w.database, 9);
    const summary = "Rewritten history";
    const hash = auditHash(original.prevHash, { ...original, summary });
    const set = (s: string, h: string) =>
      sql`update audit_events set summary = ${s}, hash = ${h} where seq = 9`
        .execute(w.database.db)
        .then(() => {});
    const result = await tampered(
      () => set(summary, hash),
      () => set(original.summary, original.hash),
    );
    expect(result.problems).toEqual(["10 broken_link"]);
  });

  it("detects the latest entries being cut off, against the recorded head", async () => {
    const original = await row(w.database, last);
    const result = await tampered(
      () => sql`delete from audit_events where seq = ${last}`.execute(w.database.db).then(() => {}),
      () => insertRow(w.database, original),
    );
    expect(result.problems).toEqual([`${last - 1} head_mismatch`]);
  });

  it("detects an entry appended outside Parley", async () => {
    const tail = await row(w.database, last);
    const forged: Row = { ...tail, seq: last + 1, prevHash: tail.hash, summary: "Forged" };
    forged.hash = auditHash(forged.prevHash, forged);
    const result = await tampered(
      () => insertRow(w.database, forged),
      () => sql`delete from audit_events where seq = ${last + 1}`.execute(w.database.db).then(() => {}),
    );
    expect(result.problems).toEqual([`${last + 1} head_mismatch`]);
  });

  it("keeps verifying clean as Parley goes on writing", async () => {
    const res = await w.engineer.post("/api/v1/systems", { key: "after-tamper", name: "After" });
    expect(res.status).toBe(201);
    const result = await verifyAudit(w.database, { pageSize: 4 });
    expect(result.problems).toEqual([]);
    expect(result.entries).toBe(last + 1);
  });
});
