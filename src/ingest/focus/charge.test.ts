import { describe, expect, it } from "vitest";
import { daysOf, fingerprintOf, readCharge, tokensPerUnit, tokenTypeOf } from "./charge.js";

const DAY = 86_400_000;

describe("FOCUS rows", () => {
  it("reads token units", () => {
    expect(tokensPerUnit("Tokens")).toBe(1);
    expect(tokensPerUnit("1K Tokens")).toBe(1000);
    expect(tokensPerUnit("1000 tokens")).toBe(1000);
    expect(tokensPerUnit("1M Tokens")).toBe(1_000_000);
    expect(tokensPerUnit("Tokens (Million)")).toBe(1_000_000);
    expect(tokensPerUnit("GPT-4 Tokens")).toBe(1);
    expect(tokensPerUnit("Hours")).toBeNull();
  });

  it("tells token types from meters", () => {
    expect(tokenTypeOf("gpt-4o-mini-0718 Inp glbl Tokens")).toBe("input");
    expect(tokenTypeOf("gpt-4o-mini-0718 Outp glbl Tokens")).toBe("output");
    expect(tokenTypeOf("USE1-Claude-Sonnet-input-tokens")).toBe("input");
    expect(tokenTypeOf("cached input tokens")).toBe("cached_input");
    expect(tokenTypeOf("cache write tokens")).toBe("cache_write");
    expect(tokenTypeOf("Embeddings")).toBe("tokens");
  });

  it("spreads a period over UTC days by overlap", () => {
    const start = Date.UTC(2026, 4, 20, 12);
    expect(daysOf(start, Date.UTC(2026, 4, 22))).toEqual([
      { day: Date.UTC(2026, 4, 20), share: 1 / 3 },
      { day: Date.UTC(2026, 4, 21), share: 2 / 3 },
    ]);
    expect(daysOf(start, start)).toEqual([{ day: Date.UTC(2026, 4, 20), share: 1 }]);
    expect(daysOf(Date.UTC(2026, 4, 1), Date.UTC(2026, 5, 1))).toHaveLength(31);
    expect(daysOf(Date.UTC(2026, 4, 1), Date.UTC(2026, 4, 1) + DAY)).toHaveLength(1);
  });

  it("reads a row, and fingerprints it the same way whatever the column order", () => {
    const row = new Map([
      ["chargeperiodstart", "2026-05-01T00:00:00Z"],
      ["chargeperiodend", "2026-05-02"],
      ["billingcurrency", "usd"],
      ["billedcost", "1.5"],
      ["effectivecost", ""],
      ["consumedquantity", "2"],
      ["consumedunit", "1K Tokens"],
      ["skumeter", "model output tokens"],
      ["skupricedetails", '{"ModelName":"m-1"}'],
      ["tags", '{"team":"x","n":1}'],
    ]);
    const check = readCharge(row, 2, "fp");
    expect(check.ok && check.charge).toMatchObject({
      currency: "USD",
      effectiveCost: 1.5,
      billedCost: 1.5,
      tokens: 2000,
      tokenType: "output",
      models: ["m-1"],
      tags: { team: "x", n: "1" },
      correction: false,
    });
    const reversed = new Map([...row].reverse());
    expect(fingerprintOf(reversed, 0)).toBe(fingerprintOf(row, 0));
    expect(fingerprintOf(row, 1)).not.toBe(fingerprintOf(row, 0));
    expect(readCharge(new Map([...row, ["billingcurrency", ""]]), 3, "fp")).toMatchObject({ ok: false });
  });
});
