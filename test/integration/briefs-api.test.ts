import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedQuestionBank } from "../../src/commands/conversations.js";
import { DEMO_PASSWORD, loadDemoWorkspace } from "../../src/commands/demo.js";
import { loadDemoLedger } from "../../src/commands/ledger.js";
import { buildApp } from "../../src/server/app.js";
import type { App } from "../../src/server/deps.js";
import type { Database } from "../../src/store/database.js";
import { DIALECTS, freshDatabase } from "./harness.js";

// The HTTP surface of briefs, the ledger, "what changed" and the board, on the demo workspace,
// with the routes registered on an app built by buildApp before it is ready.

const NOW = new Date("2026-11-28T09:00:00Z");

interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  body: any;
  text: string;
  headers: Record<string, unknown>;
  raw: Buffer;
}

describe.each(DIALECTS)("briefs, ledger, changes and board over HTTP [%s]", (dialect) => {
  let database: Database;
  let drop: () => Promise<void>;
  let app: App;
  const cookies = new Map<string, string>();

  async function call(
    who: string | { token: string } | null,
    method: "GET" | "POST" | "PATCH" | "DELETE",
    url: string,
    body?: unknown,
  ): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (typeof who === "string") headers.cookie = `parley_session=${cookies.get(who)}`;
    else if (who) headers.authorization = `Bearer ${who.token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await app.inject({
      method,
      url,
      headers,
      ...(body !== undefined && { payload: JSON.stringify(body) }),
    });
    let parsed: unknown = null;
    try {
      parsed = res.body ? JSON.parse(res.body) : null;
    } catch {
      /* Markdown or PDF */
    }
    return {
      status: res.statusCode,
      body: parsed,
      text: res.body,
      headers: res.headers,
      raw: res.rawPayload,
    };
  }

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase(dialect));
    await seedQuestionBank(database, NOW);
    await loadDemoWorkspace(database, NOW);
    await loadDemoLedger(database, NOW);
    const clock = () => NOW;
    app = await buildApp({ database, clock });
    for (const name of ["maya", "daniel", "priya", "tomas"]) {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in",
        payload: { email: `${name}@example.com`, password: DEMO_PASSWORD },
      });
      cookies.set(name, res.cookies.find((c) => c.name === "parley_session")!.value);
    }
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it("serves a brief as JSON, Markdown and PDF", async () => {
    const json = await call("maya", "GET", "/api/v1/briefs?voice=leadership&system=support-assistant");
    expect(json.status).toBe(200);
    expect(json.body.sections.map((s: { id: string }) => s.id)).toEqual([
      "outcome",
      "cost",
      "trust_limits",
      "what_breaks_first",
      "decisions",
      "accepted_risks",
      "value",
      "disagreements",
    ]);
    expect(json.body.period).toEqual({ from: "2026-10-30", to: "2026-11-28" });

    const md = await call(
      "priya",
      "GET",
      "/api/v1/briefs?voice=engineering&format=md&from=2026-11-01&to=2026-11-28",
    );
    expect(md.status).toBe(200);
    expect(md.headers["content-type"]).toBe("text/markdown; charset=utf-8");
    expect(md.headers["content-disposition"]).toBe(
      'attachment; filename="parley-engineering-brief-portfolio-2026-11-28.md"',
    );
    expect(md.text).toMatch(/^# Engineering brief: all AI systems/);
    expect(md.text).toContain("## What would lose leadership's trust");
    const systemMd = await call(
      "maya",
      "GET",
      "/api/v1/briefs?voice=leadership&system=support-assistant&format=md",
    );
    expect(systemMd.headers["content-disposition"]).toBe(
      'attachment; filename="parley-leadership-brief-support-assistant-2026-11-28.md"',
    );

    const pdf = await call("maya", "GET", "/api/v1/briefs?voice=leadership&format=pdf");
    expect(pdf.status).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["content-disposition"]).toBe(
      'attachment; filename="parley-leadership-brief-portfolio-2026-11-28.pdf"',
    );
    expect(pdf.raw.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("refuses a bad brief request with a clear error", async () => {
    expect((await call(null, "GET", "/api/v1/briefs?voice=leadership")).status).toBe(401);
    const noVoice = await call("maya", "GET", "/api/v1/briefs");
    expect(noVoice.status).toBe(400);
    expect(noVoice.body.error.message).toMatch(/voice/);
    const unknown = await call("maya", "GET", "/api/v1/briefs?voice=leadership&system=nope");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("system_not_found");
    const backwards = await call(
      "maya",
      "GET",
      "/api/v1/briefs?voice=leadership&from=2026-11-20&to=2026-11-01",
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.code).toBe("invalid_period");
    const format = await call("maya", "GET", "/api/v1/briefs?voice=leadership&format=docx");
    expect(format.status).toBe(400);
  });

  it("records ledger entries from people and from a safeguard's ingest token, idempotently", async () => {
    const system = await call("priya", "GET", "/api/v1/systems/support-assistant/ledger?limit=2");
    expect(system.body.total).toBe(5);
    expect(system.body.items).toHaveLength(2);
    expect(system.body.nextOffset).toBe(2);

    const token = await call("priya", "POST", "/api/v1/tokens", { name: "pii-filter", scopes: ["ingest"] });
    expect(token.status).toBe(201);
    const push = {
      kind: "prevented",
      summary: "Blocked 1,204 prompts carrying personal data this week",
      value: { low: 1204, high: 12040, currency: "USD" },
      estimateBasis: "1–10 USD per record of breach handling, from the privacy team's cost sheet",
      evidenceUrl: "https://grafana.example.com/d/pii",
      externalId: "pii-2026-w48",
    };
    const first = await call(
      { token: token.body.token },
      "POST",
      "/api/v1/systems/support-assistant/ledger",
      push,
    );
    expect(first.status).toBe(201);
    expect(first.body.enteredBy.name).toBe("Priya Raman");
    expect(first.body.occurredOn).toBe("2026-11-28");
    const again = await call({ token: token.body.token }, "POST", "/api/v1/ledger", {
      ...push,
      system: "support-assistant",
      summary: "Blocked 1,310 prompts carrying personal data this week",
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.version).toBe(2);
    expect((await call("priya", "GET", "/api/v1/systems/support-assistant/ledger")).body.total).toBe(6);

    const read = await call("priya", "POST", "/api/v1/tokens", { name: "reader", scopes: ["read"] });
    const refused = await call(
      { token: read.body.token },
      "POST",
      "/api/v1/systems/support-assistant/ledger",
      push,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("token_scope_missing");

    const timeline = await call("maya", "GET", "/api/v1/systems/support-assistant/timeline?limit=3");
    expect(timeline.body.items[0].entity).toBe("ledger_entry");
  });

  it("keeps the ledger's rules", async () => {
    const base = { kind: "caught", summary: "Caught a bad batch" };
    const noBasis = await call("priya", "POST", "/api/v1/systems/support-assistant/ledger", {
      ...base,
      value: { low: 1, high: 2, currency: "USD" },
    });
    expect(noBasis.status).toBe(400);
    expect(noBasis.body.error.code).toBe("estimate_basis_required");
    expect(noBasis.body.error.message).toMatch(/^Say how the value was estimated, e\.g\. /);
    expect(noBasis.body.error.details).toEqual({ field: "estimateBasis" });
    const backwards = await call("priya", "POST", "/api/v1/systems/support-assistant/ledger", {
      ...base,
      value: { low: 5, high: 2, currency: "USD" },
      estimateBasis: "x",
    });
    expect(backwards.status).toBe(400);
    const future = await call("priya", "POST", "/api/v1/systems/support-assistant/ledger", {
      ...base,
      occurredOn: "2027-01-01",
    });
    expect(future.body.error.code).toBe("ledger_date_in_future");
    const guards = await call("tomas", "GET", "/api/v1/systems/code-review-helper/ledger");
    const foreign = await call("priya", "POST", "/api/v1/systems/support-assistant/ledger", {
      ...base,
      safeguardId: guards.body.items[0].safeguard.id,
    });
    expect(foreign.body.error.code).toBe("unknown_safeguard");

    const created = await call("priya", "POST", "/api/v1/systems/support-assistant/ledger", base);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const notYours = await call("daniel", "PATCH", `/api/v1/ledger/${id}`, { summary: "Mine now" });
    expect(notYours.status).toBe(403);
    expect(notYours.body.error.code).toBe("ledger_entry_not_yours");
    const stale = await call("priya", "PATCH", `/api/v1/ledger/${id}`, { summary: "Edited", version: 7 });
    expect(stale.status).toBe(409);
    const edited = await call("priya", "PATCH", `/api/v1/ledger/${id}`, {
      value: { low: 100, high: 300, currency: "EUR" },
      estimateBasis: "Two hours of a clerk's time",
      version: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.value).toEqual({ low: 100, high: 300, currency: "EUR" });
    const byAdmin = await call("maya", "DELETE", `/api/v1/ledger/${id}`);
    expect(byAdmin.status).toBe(204);
    expect((await call("maya", "GET", `/api/v1/ledger/${id}`)).status).toBe(404);
  });

  it("rolls the ledger up per system and per month without mixing currencies", async () => {
    const bySystem = await call(
      "maya",
      "GET",
      "/api/v1/ledger/rollup?from=2026-09-01&to=2026-11-28&by=system",
    );
    expect(bySystem.status).toBe(200);
    const currencies = bySystem.body.totals.value.map((v: { currency: string }) => v.currency);
    expect(currencies).toEqual(["EUR", "USD"]);
    const invoice = bySystem.body.groups.find((g: { key: string }) => g.key === "invoice-extraction");
    expect(invoice.value).toEqual([{ currency: "EUR", low: 1500, high: 21000, entries: 1 }]);
    expect(invoice.unvalued).toBe(1);
    const byMonth = await call("maya", "GET", "/api/v1/ledger/rollup?from=2026-09-01&to=2026-11-28&by=month");
    expect(byMonth.body.groups.map((g: { key: string }) => g.key)).toEqual(["2026-09", "2026-10", "2026-11"]);
    expect(byMonth.body.groups[2].label).toBe("Nov 2026");
    const bad = await call("maya", "GET", "/api/v1/ledger/rollup?by=week");
    expect(bad.status).toBe(400);
  });

  it("rolls up only the kind asked for, agreeing with the ledger list's kind filter", async () => {
    const period = "from=2026-09-01&to=2026-11-28";
    const all = await call("maya", "GET", `/api/v1/ledger/rollup?${period}`);
    const kinds = Object.keys(all.body.totals.byKind).filter((k) => all.body.totals.byKind[k] > 0);
    expect(kinds.length).toBeGreaterThan(1);
    let sum = 0;
    for (const kind of kinds) {
      const rollup = await call("maya", "GET", `/api/v1/ledger/rollup?${period}&kind=${kind}`);
      const list = await call("maya", "GET", `/api/v1/ledger?${period}&kind=${kind}&limit=500`);
      expect(rollup.status).toBe(200);
      expect(rollup.body.totals.entries).toBe(list.body.total);
      expect(rollup.body.totals.entries).toBe(all.body.totals.byKind[kind]);
      expect(Object.entries(rollup.body.totals.byKind).filter(([k, n]) => k !== kind && n !== 0)).toEqual([]);
      const valued = list.body.items.filter((e: { value: unknown }) => e.value !== null).length;
      expect(rollup.body.totals.entries - rollup.body.totals.unvalued).toBe(valued);
      sum += rollup.body.totals.entries;
    }
    expect(sum).toBe(all.body.totals.entries);
    const oneSystem = await call(
      "maya",
      "GET",
      `/api/v1/ledger/rollup?${period}&systemId=invoice-extraction&kind=${kinds[0]}&by=month`,
    );
    expect(oneSystem.status).toBe(200);
    const bad = await call("maya", "GET", "/api/v1/ledger/rollup?kind=lucky");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBeTruthy();
  });

  it("says what changed since a date or a round, as JSON and Markdown", async () => {
    const risks = await call("priya", "GET", "/api/v1/risks?limit=50");
    const refunds = risks.body.items.find((r: { title: string }) => r.title.startsWith("Confidently wrong"));
    const patched = await call("priya", "PATCH", `/api/v1/risks/${refunds.id}`, { likelihood: 4 });
    expect(patched.status).toBe(200);

    const since = await call("maya", "GET", "/api/v1/systems/support-assistant/changes?since=2026-11-01");
    expect(since.status).toBe(200);
    const riskGroup = since.body.groups.find((g: { group: string }) => g.group === "risks");
    const change = riskGroup.changes.find((c: { name: string }) => c.name === refunds.title);
    expect(change.kind).toBe("changed");
    expect(change.fields).toContainEqual({ field: "likelihood", before: "3", after: "4" });
    expect(change.by).toEqual(["Priya Raman"]);

    const rounds = await call("maya", "GET", "/api/v1/systems/support-assistant/rounds");
    const q3 = rounds.body.items.find((r: { title: string }) => r.title === "Q3 review");
    const md = await call(
      "maya",
      "GET",
      `/api/v1/systems/support-assistant/changes?round=${q3.id}&format=md`,
    );
    expect(md.headers["content-type"]).toBe("text/markdown; charset=utf-8");
    expect(md.text).toContain("# What changed in Support reply assistant since the round “Q3 review”");
    expect(md.text).toContain("likelihood: 3 → 4");

    const workspace = await call("maya", "GET", "/api/v1/changes?since=2026-11-20T00:00:00Z");
    expect(workspace.body.scope.kind).toBe("workspace");
    expect(workspace.body.counts.decided).toBe(1);

    const missing = await call("maya", "GET", "/api/v1/changes");
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("since_required");
    const other = await call("maya", "GET", `/api/v1/systems/invoice-extraction/changes?round=${q3.id}`);
    expect(other.body.error.code).toBe("round_not_in_system");
  });

  it("gives the board its totals", async () => {
    const board = await call("daniel", "GET", "/api/v1/board");
    expect(board.status).toBe(200);
    expect(board.body.systems).toMatchObject({ total: 6, active: 5, byStage: { production: 1, retired: 1 } });
    expect(board.body.spend.map((s: { unit: string }) => s.unit)).toEqual(["EUR", "USD"]);
    expect(board.body.spend[1]).toMatchObject({ budget: 5500, atRisk: 1 });
    expect(board.body.risks).toMatchObject({ accepted: 1, expired: 1, expiringSoon: 1 });
    expect(board.body.risks.expiring[0].days).toBe(-10);
    expect(board.body.valueProtected.value.map((v: { currency: string }) => v.currency)).toEqual([
      "EUR",
      "USD",
    ]);
    expect(board.body.alignment.disagreements).toBe(1);
    // Trust limits and risk budgets are counted apart, and agree with the map's health per system.
    const total = (s: Record<string, number>) => Object.values(s).reduce((a, b) => a + b, 0);
    expect(total(board.body.limits)).toBe(3);
    expect(total(board.body.budgets)).toBe(2);
    const portfolio = await call("daniel", "GET", "/api/v1/portfolio");
    const active = portfolio.body.systems.filter((s: { stage: string }) => s.stage !== "retired");
    for (const [part, field] of [
      ["limits", "limits"],
      ["budgets", "budgets"],
    ] as const)
      for (const state of ["ok", "atRisk", "breached", "noData"])
        expect(board.body[part][state], `${part}.${state}`).toBe(
          active.reduce(
            (n: number, s: { health: Record<string, Record<string, number>> }) =>
              n + s.health[field]![state]!,
            0,
          ),
        );
    expect(board.body.budgets.atRisk).toBe(1);
    const invoice = board.body.rows.find((r: { key: string }) => r.key === "invoice-extraction");
    expect(invoice.outlook).toBe("off_track");
  });
});
