import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RISK_POSTURES, type RiskClass, type RiskPosture } from "../../src/contract/enums.js";
import type { Risk } from "../../src/contract/risks.js";
import { listRisks, presentRisks, queryRisks, type RiskFilter } from "../../src/store/risks.js";
import { createWorld, DIALECTS, type TestWorld } from "./harness.js";

// GET /api/v1/risks filters, orders and pages in SQL. Every filter combination, paged, must give
// exactly what the register gave when it read every risk and filtered and sliced in memory.

const DAY_ONE = "2026-06-01";
const LATER_DAYS = ["2026-06-20", "2026-06-25"]; // 06-20 is a review-by date; by 06-25 two acceptances expired

/** The whole register presented in its order, then filtered in memory: the listing as it was. */
async function registerAsBefore(w: TestWorld, filter: RiskFilter, today: string): Promise<Risk[]> {
  if (filter.systemIds?.length === 0) return [];
  const rows = await w.database.db
    .selectFrom("risks")
    .selectAll()
    .orderBy("impact", "desc")
    .orderBy("likelihood", "desc")
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
  return (await presentRisks(w.database.db, rows, today)).filter(
    (r) =>
      (!filter.systemIds || filter.systemIds.includes(r.systemId)) &&
      (!filter.class || r.class === filter.class) &&
      (!filter.minImpact || r.impact >= filter.minImpact) &&
      (!filter.posture || r.posture === filter.posture) &&
      (filter.unguarded === undefined || (r.safeguards.length === 0) === filter.unguarded),
  );
}

/** Walks every page of `limit` (and one past the end) and checks each against the old slicing. */
async function expectPagesAsBefore(w: TestWorld, filter: RiskFilter, today: string, limit: number) {
  const all = await registerAsBefore(w, filter, today);
  for (let offset = 0; ; offset += limit) {
    const page = await listRisks(w.database.db, { ...filter, limit, offset }, today);
    const items = all.slice(offset, offset + limit);
    const next = offset + items.length;
    const expected = { items, total: all.length, limit, offset, nextOffset: next < all.length ? next : null };
    expect(JSON.stringify(page), JSON.stringify({ filter, today, limit, offset })).toBe(
      JSON.stringify(expected),
    );
    if (offset >= all.length) break;
  }
  return all.length;
}

describe.each(DIALECTS)("[%s] risk register listing, paged in SQL", (dialect) => {
  let w: TestWorld;
  const ids: Record<string, string> = {};
  let alpha = "";
  let beta = "";

  beforeAll(async () => {
    w = await createWorld(dialect);
    const e = w.engineer;
    for (const key of ["alpha", "beta"]) {
      const res = await e.post("/api/v1/systems", { key, name: key, purpose: "p", expectedOutcome: "o" });
      expect(res.status).toBe(201);
      if (key === "alpha") alpha = res.body.id;
      else beta = res.body.id;
    }
    // [name, system, class, likelihood, impact]: ties on impact and likelihood fall back to age.
    const risks: Array<[string, string, RiskClass, number, number]> = [
      ["accepted", "alpha", "quality", 3, 5],
      ["expires", "alpha", "quality", 3, 5],
      ["mitigating", "alpha", "security", 2, 4],
      ["avoided", "beta", "quality", 4, 4],
      ["transferred", "beta", "cost_variability", 1, 3],
      ["deferred", "alpha", "quality", 5, 2],
      ["superseded", "beta", "security", 3, 5],
      ["closed-accepted", "alpha", "quality", 3, 5],
      ["closed", "beta", "security", 2, 1],
      ["undecided-a", "alpha", "quality", 3, 5],
      ["undecided-b", "alpha", "security", 3, 5],
      ["undecided-c", "beta", "quality", 1, 1],
      ["undecided-d", "beta", "scale", 4, 4],
      ["undecided-e", "alpha", "quality", 2, 3],
    ];
    for (const [title, system, cls, likelihood, impact] of risks) {
      const res = await e.post(`/api/v1/systems/${system}/risks`, { title, class: cls, likelihood, impact });
      expect(res.status).toBe(201);
      ids[title] = res.body.id;
    }
    const decide = async (title: string, outcome: string, reviewBy: string | null = null) =>
      expect(
        (
          await w.leader.post(`/api/v1/risks/${ids[title]}/decisions`, {
            outcome,
            rationale: `${outcome} for now`,
            reviewBy,
          })
        ).status,
      ).toBe(201);
    await decide("accepted", "accept", "2026-06-20");
    await decide("expires", "accept", "2026-06-05");
    await decide("mitigating", "mitigate");
    await decide("avoided", "avoid");
    await decide("transferred", "transfer");
    await decide("deferred", "defer", "2026-06-22");
    await decide("superseded", "accept", "2026-06-03");
    await decide("superseded", "mitigate");
    await decide("closed-accepted", "accept", "2026-06-30");
    for (const title of ["closed-accepted", "closed"])
      expect((await w.engineer.patch(`/api/v1/risks/${ids[title]}`, { closed: true })).status).toBe(200);
    const guard = async (system: string, name: string, titles: string[]) =>
      expect(
        (
          await e.post(`/api/v1/systems/${system}/safeguards`, {
            name,
            kind: "detect",
            riskIds: titles.map((t) => ids[t]),
          })
        ).status,
      ).toBe(201);
    await guard("alpha", "Eval suite", ["accepted", "mitigating", "undecided-a"]);
    await guard("alpha", "Spend alarm", ["mitigating", "deferred"]);
    await guard("beta", "Review queue", ["closed", "undecided-d"]);
  });
  afterAll(() => w.close());

  it("gives every filter combination, page by page, exactly as before", async () => {
    let seen = 0;
    for (const systemIds of [undefined, [alpha], [alpha, beta], []])
      for (const cls of [undefined, "quality", "security"] as const)
        for (const posture of [undefined, ...RISK_POSTURES])
          for (const minImpact of [undefined, 4])
            for (const unguarded of [undefined, true, false]) {
              const filter: RiskFilter = { systemIds, class: cls, posture, minImpact, unguarded };
              seen += await expectPagesAsBefore(w, filter, DAY_ONE, 3);
            }
    expect(seen).toBeGreaterThan(100); // the combinations found risks, not only empty pages
    // One whole page of the register as well.
    expect(await expectPagesAsBefore(w, {}, DAY_ONE, 50)).toBe(14);
  });

  it("filters by posture as of the day asked: review-by today still holds, the day after it expires", async () => {
    const counts: Record<string, Partial<Record<RiskPosture, number>>> = {};
    for (const today of LATER_DAYS)
      for (const posture of RISK_POSTURES) {
        for (const unguarded of [undefined, true, false])
          await expectPagesAsBefore(w, { posture, unguarded }, today, 2);
        (counts[today] ??= {})[posture] = (
          await listRisks(w.database.db, { posture, limit: 1, offset: 0 }, today)
        ).total;
      }
    expect(counts["2026-06-20"]).toMatchObject({ accepted: 1, expired: 1, deferred: 1, closed: 2 });
    expect(counts["2026-06-25"]).toMatchObject({ accepted: 0, expired: 3, deferred: 0, closed: 2 });
  });

  it("queryRisks (exports, briefs) selects the same risks in the same order", async () => {
    for (const systemIds of [undefined, [beta], []])
      for (const posture of [undefined, ...RISK_POSTURES])
        for (const unguarded of [undefined, true, false]) {
          const filter: RiskFilter = { systemIds, posture, unguarded };
          expect(JSON.stringify(await queryRisks(w.database.db, filter, DAY_ONE))).toBe(
            JSON.stringify(await registerAsBefore(w, filter, DAY_ONE)),
          );
        }
  });

  it("pages through GET /api/v1/risks across filters with total and nextOffset", async () => {
    const first = await w.leader.get(`/api/v1/risks?systemId=${alpha}&class=quality&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((r: Risk) => r.title)).toEqual(["accepted", "expires"]);
    expect(first.body).toMatchObject({ total: 6, limit: 2, offset: 0, nextOffset: 2 });
    const last = await w.leader.get(`/api/v1/risks?systemId=${alpha}&class=quality&limit=2&offset=4`);
    expect(last.body.items.map((r: Risk) => r.title)).toEqual(["undecided-e", "deferred"]);
    expect(last.body.nextOffset).toBeNull();
    const undecided = await w.leader.get(
      "/api/v1/risks?posture=undecided&unguarded=true&minImpact=4&limit=1",
    );
    expect(undecided.body.items.map((r: Risk) => r.title)).toEqual(["undecided-b"]);
    expect(undecided.body).toMatchObject({ total: 1, nextOffset: null });
    const beyond = await w.leader.get("/api/v1/risks?posture=closed&offset=10");
    expect(beyond.body).toMatchObject({ items: [], total: 2, offset: 10, nextOffset: null });
    const all = await w.leader.get("/api/v1/risks?limit=500");
    expect(all.body.items).toEqual(JSON.parse(JSON.stringify(await registerAsBefore(w, {}, DAY_ONE))));
  });
});
