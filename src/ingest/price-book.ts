import type { TokenType } from "../contract/connectors.js";
import { globMatches, globSpecificity } from "./glob.js";

export interface PriceEntry {
  provider: string;
  model: string;
  tokenType: TokenType;
  perMillion: number;
  currency: string;
  /** YYYY-MM-DD */
  effectiveFrom: string;
}

export interface TokenUsage {
  /** All input tokens, cached ones included (as gen_ai.usage.input_tokens counts them). */
  input: number;
  output: number;
  cachedInput: number;
  cacheWrite: number;
}

export type ModelPrices = Partial<Record<TokenType, { perMillion: number; currency: string }>>;

const DAY_MS = 86_400_000;

/**
 * Picks prices per provider, model, token type and day. The most specific pattern wins (an exact
 * provider over "*", then the longest literal model pattern), and among equally specific entries
 * the newest one in effect on the day. Lookups are memoised per (provider, model, day), so pricing
 * a batch of spans costs one map lookup each.
 */
export class PriceBook {
  private readonly memo = new Map<string, ModelPrices | null>();

  constructor(private readonly entries: readonly PriceEntry[]) {}

  pricesFor(provider: string | null, model: string, t: number): ModelPrices | null {
    const day = Math.floor(t / DAY_MS);
    const memoKey = `${provider ?? ""}\u0000${model}\u0000${day}`;
    const hit = this.memo.get(memoKey);
    if (hit !== undefined) return hit;
    const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    const best: Partial<Record<TokenType, { entry: PriceEntry; rank: [number, number, string] }>> = {};
    for (const entry of this.entries) {
      if (entry.effectiveFrom > date) continue;
      if (!globMatches(entry.model, model)) continue;
      const providerExact =
        entry.provider !== "*" && provider !== null && globMatches(entry.provider, provider);
      if (!providerExact && entry.provider !== "*") continue;
      const rank: [number, number, string] = [
        providerExact ? 1 : 0,
        globSpecificity(entry.model),
        entry.effectiveFrom,
      ];
      const current = best[entry.tokenType];
      if (!current || compareRank(rank, current.rank) > 0) best[entry.tokenType] = { entry, rank };
    }
    const prices: ModelPrices = {};
    for (const [type, found] of Object.entries(best))
      prices[type as TokenType] = { perMillion: found.entry.perMillion, currency: found.entry.currency };
    const result = prices.input || prices.output ? prices : null;
    if (this.memo.size > 50_000) this.memo.clear();
    this.memo.set(memoKey, result);
    return result;
  }
}

function compareRank(a: [number, number, string], b: [number, number, string]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] - b[1];
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}

/**
 * The cost of one call per currency. Cached reads and cache writes are part of the input tokens
 * (OpenTelemetry GenAI conventions), so they are taken out of the input at the input price and
 * priced at their own rate when the table has one.
 */
export function costOf(prices: ModelPrices, usage: TokenUsage): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (type: TokenType, tokens: number, fallback?: TokenType) => {
    if (tokens <= 0) return;
    const price = prices[type] ?? (fallback ? prices[fallback] : undefined);
    if (!price) return;
    out[price.currency] = (out[price.currency] ?? 0) + (tokens * price.perMillion) / 1_000_000;
  };
  const cached = Math.min(usage.cachedInput, usage.input);
  const written = Math.min(usage.cacheWrite, usage.input - cached);
  add("input", usage.input - cached - written);
  add("cached_input", cached, "input");
  add("cache_write", written, "input");
  add("output", usage.output);
  return out;
}
