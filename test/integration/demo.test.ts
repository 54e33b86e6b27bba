import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoWorkspace } from "../../src/commands/demo.js";
import { seedQuestionBank } from "../../src/commands/conversations.js";
import { buildPortfolio } from "../../src/store/portfolio.js";
import { allAuditInOrder } from "../../src/store/audit.js";
import { verifyAuditChain } from "../../src/core/audit.js";
import { isoDate } from "../../src/core/calendar.js";
import type { Database } from "../../src/store/database.js";
import { DIALECTS, freshDatabase } from "./harness.js";

describe.each(DIALECTS)("the demo workspace [%s]", (dialect) => {
  let database: Database;
  let drop: () => Promise<void>;
  const now = new Date("2026-11-28T09:00:00Z");

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase(dialect));
    await seedQuestionBank(database, now);
    const result = await loadDemoWorkspace(database, now);
    expect(result.loaded).toBe(true);
  });
  afterAll(() => drop());

  it("tells a realistic story across at least five systems at different stages", async () => {
    const map = await buildPortfolio(database.db, now, isoDate(now));
    expect(map.systems.length).toBeGreaterThanOrEqual(5);
    expect(new Set(map.systems.map((s) => s.stage)).size).toBeGreaterThanOrEqual(4);
    const support = map.systems.find((s) => s.key === "support-assistant")!;
    expect(support.stage).toBe("production");
    expect(support.risks.expired).toBe(1);
    expect(support.risks.expiringSoon).toBe(1);
    expect(support.alignment?.disagreements).toBe(1);
    expect(map.totals.undecidedHighImpact).toBeGreaterThanOrEqual(1);
  });

  it("refuses to load twice and keeps a verifiable audit trail", async () => {
    const again = await loadDemoWorkspace(database, now);
    expect(again.loaded).toBe(false);
    const entries = await allAuditInOrder(database.db);
    expect(entries.length).toBeGreaterThan(50);
    expect(verifyAuditChain(entries)).toEqual([]);
  });
});
