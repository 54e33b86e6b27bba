import { describe, expect, it } from "vitest";
import { costOf, PriceBook, type PriceEntry } from "./price-book.js";

const entry = (
  model: string,
  tokenType: PriceEntry["tokenType"],
  perMillion: number,
  extra: Partial<PriceEntry> = {},
): PriceEntry => ({
  provider: "*",
  model,
  tokenType,
  perMillion,
  currency: "USD",
  effectiveFrom: "2025-01-01",
  ...extra,
});
const t = (date: string) => Date.parse(`${date}T12:00:00Z`);

describe("PriceBook", () => {
  const book = new PriceBook([
    entry("gpt-4o*", "input", 2.5),
    entry("gpt-4o*", "output", 10),
    entry("gpt-4o-mini*", "input", 0.15),
    entry("gpt-4o-mini*", "output", 0.6),
    entry("gpt-4o-mini*", "input", 0.1, { effectiveFrom: "2026-03-01" }),
    entry("gpt-4o*", "input", 2, { provider: "azure.ai.openai" }),
  ]);

  it("prefers the most specific pattern, then the newest entry in effect on the day", () => {
    expect(book.pricesFor("openai", "gpt-4o-mini-2024-07-18", t("2026-01-10"))?.input?.perMillion).toBe(0.15);
    expect(book.pricesFor("openai", "gpt-4o-mini-2024-07-18", t("2026-03-01"))?.input?.perMillion).toBe(0.1);
    expect(book.pricesFor("openai", "gpt-4o-2024-08-06", t("2026-01-10"))?.output?.perMillion).toBe(10);
    expect(book.pricesFor("azure.ai.openai", "gpt-4o", t("2026-01-10"))?.input?.perMillion).toBe(2);
    expect(book.pricesFor(null, "gpt-4o", t("2026-01-10"))?.input?.perMillion).toBe(2.5);
  });

  it("knows no price before the first entry or for an unknown model", () => {
    expect(book.pricesFor("openai", "gpt-4o", t("2024-06-01"))).toBeNull();
    expect(book.pricesFor("openai", "llama-3-70b", t("2026-01-10"))).toBeNull();
  });
});

describe("costOf", () => {
  it("takes cache reads and writes out of the input tokens and prices them at their own rate", () => {
    const prices = {
      input: { perMillion: 3, currency: "USD" },
      output: { perMillion: 15, currency: "USD" },
      cached_input: { perMillion: 0.3, currency: "USD" },
      cache_write: { perMillion: 3.75, currency: "USD" },
    };
    const cost = costOf(prices, { input: 10_000, output: 500, cachedInput: 8_000, cacheWrite: 1_000 });
    expect(cost.USD).toBeCloseTo((1_000 * 3 + 8_000 * 0.3 + 1_000 * 3.75 + 500 * 15) / 1e6, 12);
  });

  it("falls back to the input price for cache tokens and keeps currencies apart", () => {
    const cost = costOf(
      { input: { perMillion: 1, currency: "EUR" }, output: { perMillion: 2, currency: "USD" } },
      { input: 1_000_000, output: 1_000_000, cachedInput: 400_000, cacheWrite: 0 },
    );
    expect(cost).toEqual({ EUR: 1, USD: 2 });
  });
});
