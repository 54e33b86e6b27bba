import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { focusCsv, JUNE_CORRECTION, MAY_ROWS } from "../otel-app/focus-samples.js";
import { createConnectorWorld, type ConnectorWorld } from "../otel-app/world.js";
import { DIALECTS } from "./harness.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
type Json = any;

const MAY = (d: number) => Date.UTC(2026, 4, d);

describe.each(DIALECTS)("FOCUS billing import [%s]", (dialect) => {
  let w: ConnectorWorld;

  beforeAll(async () => {
    w = await createConnectorWorld(dialect);
    for (const [key, name] of [
      ["support-bot", "Support bot"],
      ["checkout", "Checkout assistant"],
      ["research", "Research agent"],
    ])
      expect((await w.engineer.post("/api/v1/systems", { key, name })).status).toBe(201);
  });
  afterAll(() => w.close());

  async function upload(
    csv: string | Buffer,
    query = "",
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Json }> {
    const res = await w.app.inject({
      method: "POST",
      url: `/api/v1/connectors/focus${query}`,
      headers: { authorization: `Bearer ${w.ingestToken}`, "content-type": "text/csv", ...headers },
      payload: csv,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  }

  async function daily(system: string, key: string): Promise<Array<{ t: number; v: number }>> {
    const signals = await w.engineer.get(`/api/v1/systems/${system}/signals`);
    const signal = signals.body.items.find((s: { key: string }) => s.key === key);
    if (!signal) return [];
    const res = await w.engineer.get(
      `/api/v1/signals/${signal.id}/series?from=2026-04-30T00:00:00Z&to=2026-06-02T00:00:00Z&resolution=raw`,
    );
    return res.body.points.map((p: { t: number; v: number }) => ({ t: p.t, v: Math.round(p.v * 1e6) / 1e6 }));
  }

  it("previews a file without storing anything and names what no rule maps", async () => {
    const res = await upload(focusCsv(MAY_ROWS), "?dryRun=true&fileName=may.csv");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      importId: null,
      dryRun: true,
      rows: 9,
      imported: 2,
      unmapped: 7,
      rejected: 0,
    });
    // Only the rows tagged parley-system=checkout map before any rule exists.
    expect(res.body.systems).toEqual([
      expect.objectContaining({
        systemKey: "checkout",
        currency: "USD",
        cost: 313,
        tokens: 1_000_000,
        days: 31,
      }),
    ]);
    expect(res.body.unmappedGroups[0]).toEqual({
      name: "Amazon EC2 / BoxUsage:m7i.large",
      rows: 1,
      cost: 40,
      currency: "USD",
    });
    expect((await w.engineer.get("/api/v1/systems/checkout/signals")).body.items).toEqual([]);
  });

  it("maps rows by tag and model rules and writes daily cost and token signals", async () => {
    expect(
      (
        await w.engineer.post("/api/v1/connectors/focus/rules", {
          field: "tag",
          key: "app",
          pattern: "support-bot",
          system: "support-bot",
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await w.engineer.post("/api/v1/connectors/focus/rules", {
          field: "model",
          pattern: "gpt-4.1*",
          system: "research",
        })
      ).status,
    ).toBe(201);
    const badRule = await w.engineer.post("/api/v1/connectors/focus/rules", {
      field: "tag",
      pattern: "x",
      system: "research",
    });
    expect(badRule.status).toBe(400);
    expect(badRule.body.error.code).toBe("rule_key_required");

    const res = await upload(focusCsv(MAY_ROWS), "?fileName=may.csv");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: false,
      rows: 9,
      imported: 8,
      duplicates: 0,
      unmapped: 1,
      rejected: 0,
    });
    expect(res.body.importId).toEqual(expect.any(String));
    expect(res.body.systems).toEqual([
      { systemKey: "checkout", currency: "USD", cost: 313, tokens: 1_000_000, days: 31 },
      { systemKey: "research", currency: "USD", cost: 8, tokens: 1_000_000, days: 1 },
      { systemKey: "support-bot", currency: "EUR", cost: 0.5, tokens: 3_000_000, days: 1 },
      { systemKey: "support-bot", currency: "USD", cost: 0.63, tokens: 3_400_000, days: 2 },
    ]);

    expect(await daily("support-bot", "billing.cost.usd")).toEqual([
      { t: MAY(1), v: 0.36 },
      { t: MAY(2), v: 0.27 },
    ]);
    expect(await daily("support-bot", "billing.cost.eur")).toEqual([{ t: MAY(2), v: 0.5 }]);
    expect(await daily("support-bot", "billing.input_tokens")).toEqual([
      { t: MAY(1), v: 1_200_000 },
      { t: MAY(2), v: 5_000_000 },
    ]);
    expect(await daily("support-bot", "billing.output_tokens")).toEqual([{ t: MAY(1), v: 200_000 }]);
    expect(await daily("research", "billing.output_tokens")).toEqual([{ t: MAY(1), v: 1_000_000 }]);
    const checkout = await daily("checkout", "billing.cost.usd");
    expect(checkout).toHaveLength(31);
    expect(checkout[0]).toEqual({ t: MAY(1), v: 13 });
    expect(checkout[30]).toEqual({ t: MAY(31), v: 10 });

    const signals = await w.engineer.get("/api/v1/systems/support-bot/signals");
    expect(signals.body.items.find((s: { key: string }) => s.key === "billing.cost.eur")).toMatchObject({
      kind: "cost",
      unit: "EUR",
      aggregation: "sum",
    });
    const unmapped = await w.engineer.get("/api/v1/connectors/focus/unmapped");
    expect(unmapped.body.items).toEqual([
      expect.objectContaining({ name: "Amazon EC2 / BoxUsage:m7i.large", count: 1 }),
    ]);
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await daily("checkout", "billing.cost.usd");
    const res = await upload(focusCsv(MAY_ROWS), "?fileName=may-again.csv");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ importId: null, imported: 0, duplicates: 8, unmapped: 1 });
    expect(await daily("checkout", "billing.cost.usd")).toEqual(before);
    expect(await daily("support-bot", "billing.cost.usd")).toEqual([
      { t: MAY(1), v: 0.36 },
      { t: MAY(2), v: 0.27 },
    ]);
    // Gzip and a byte-order mark, as some exporters write them, read the same.
    const gz = await upload(gzipSync(`\uFEFF${focusCsv(MAY_ROWS)}`), "", { "content-encoding": "gzip" });
    expect(gz.body).toMatchObject({ imported: 0, duplicates: 8 });
    // Bytes that are not gzip get FOCUS's own advice, not the OTLP receiver's.
    const broken = await upload(Buffer.from("not gzip at all"), "", { "content-encoding": "gzip" });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe("invalid_gzip");
    expect(broken.body.error.message).toMatch(/\.csv\.gz/);
  });

  it("lets correction rows adjust the day they correct, and keeps two identical rows as two charges", async () => {
    const res = await upload(focusCsv(JUNE_CORRECTION), "?fileName=june.csv");
    expect(res.body).toMatchObject({ imported: 1, corrections: 1 });
    expect(await daily("support-bot", "billing.cost.usd")).toEqual([
      { t: MAY(1), v: 0.31 },
      { t: MAY(2), v: 0.27 },
    ]);
    const twice = [JUNE_CORRECTION[0]!, JUNE_CORRECTION[0]!].map((r) => ({
      ...r,
      ChargeDescription: "duplicate refund",
    }));
    expect((await upload(focusCsv(twice))).body).toMatchObject({ imported: 2 });
    expect((await daily("support-bot", "billing.cost.usd"))[0]).toEqual({ t: MAY(1), v: 0.21 });
    expect((await upload(focusCsv(twice))).body).toMatchObject({ imported: 0, duplicates: 2 });
  });

  it("undoes an import: its charges leave and the days are recomputed", async () => {
    const imports = await w.engineer.get("/api/v1/connectors/focus/imports");
    expect(imports.body.items.map((i: { fileName: string }) => i.fileName)).toEqual([
      "upload.csv",
      "june.csv",
      "may.csv",
    ]);
    const may = imports.body.items[2];
    expect(may).toMatchObject({ rows: 9, imported: 8, undoneAt: null });
    const undo = await w.engineer.del(`/api/v1/connectors/focus/imports/${may.id}`);
    expect(undo.status).toBe(200);
    expect(undo.body.undoneAt).toEqual(expect.any(String));
    expect(await daily("checkout", "billing.cost.usd")).toEqual([]);
    // The corrections imported later stay.
    expect(await daily("support-bot", "billing.cost.usd")).toEqual([{ t: MAY(1), v: -0.15 }]);
    const hourly = await w.engineer.get(
      `/api/v1/signals/${(await w.engineer.get("/api/v1/systems/checkout/signals")).body.items[0].id}/series?from=2026-05-01T00:00:00Z&to=2026-06-01T00:00:00Z&resolution=day`,
    );
    expect(hourly.body.points).toEqual([]);
    expect((await w.engineer.del(`/api/v1/connectors/focus/imports/${may.id}`)).status).toBe(409);
    // Importing the file again restores it.
    expect((await upload(focusCsv(MAY_ROWS))).body).toMatchObject({ imported: 8 });
    expect((await daily("checkout", "billing.cost.usd"))[0]).toEqual({ t: MAY(1), v: 13 });
  });

  it("reports bad rows by line and refuses a file that is not FOCUS", async () => {
    const rows = [
      { ...MAY_ROWS[0]!, ChargePeriodStart: "yesterday" },
      { ...MAY_ROWS[0]!, BillingCurrency: "dollars" },
      { ...MAY_ROWS[0]!, BilledCost: "12,50", EffectiveCost: "" },
      { ...MAY_ROWS[0]!, BilledCost: "1e300" },
    ];
    const res = await upload(focusCsv(rows));
    expect(res.status).toBe(200);
    expect(res.body.rejected).toBe(4);
    expect(res.body.problems.map((p: { line: number }) => p.line)).toEqual([2, 3, 4, 5]);
    expect(res.body.problems[0].reason).toMatch(/ChargePeriodStart/);
    const notFocus = await upload("date,amount\n2026-05-01,3\n");
    expect(notFocus.status).toBe(400);
    expect(notFocus.body.error.code).toBe("focus_columns_missing");
    expect(notFocus.body.error.message).toMatch(/ChargePeriodStart/);
    const json = await w.app.inject({
      method: "POST",
      url: "/api/v1/connectors/focus",
      headers: { authorization: `Bearer ${w.ingestToken}`, "content-type": "application/json" },
      payload: "{}",
    });
    expect(json.statusCode).toBe(400);
    expect(JSON.parse(json.body).error.code).toBe("csv_body_required");
    const reader = await w.app.inject({
      method: "POST",
      url: "/api/v1/connectors/focus",
      headers: { authorization: `Bearer ${w.readToken}`, "content-type": "text/csv" },
      payload: focusCsv(MAY_ROWS),
    });
    expect(reader.statusCode).toBe(403);
  });

  it("spreads a charge over the UTC days of its period", async () => {
    const spanning = {
      ...MAY_ROWS[3]!,
      ChargePeriodStart: "2026-05-20T12:00:00Z",
      ChargePeriodEnd: "2026-05-22T00:00:00Z",
      BilledCost: "6",
      EffectiveCost: "6",
      SkuId: "spread",
    };
    expect((await upload(focusCsv([spanning]))).body).toMatchObject({ imported: 1 });
    const points = await daily("checkout", "billing.cost.usd");
    expect(points.find((p) => p.t === MAY(20))!.v).toBeCloseTo(10 + 2);
    expect(points.find((p) => p.t === MAY(21))!.v).toBeCloseTo(10 + 4);
  });
});
