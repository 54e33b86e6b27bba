import { createHash } from "node:crypto";
import { MAX_MAGNITUDE } from "../text.js";

/**
 * One FinOps FOCUS 1.x row, read into what Parley needs: money per UTC day, tokens when the unit
 * says tokens, and the fields mapping rules match on. Column names are the specification's
 * (BilledCost, ChargePeriodStart, ...), matched without regard to case; other columns are kept
 * only for the row's fingerprint.
 */
export interface FocusCharge {
  line: number;
  /** Identifies the row across imports: the same row in a re-imported file has the same print. */
  fingerprint: string;
  days: Array<{ day: number; share: number }>;
  currency: string;
  effectiveCost: number;
  billedCost: number;
  listCost: number | null;
  correction: boolean;
  serviceName: string;
  skuId: string;
  skuMeter: string;
  models: string[];
  accounts: string[];
  tags: Record<string, string>;
  /** input, output, cached_input, cache_write or tokens (type unknown); null when not tokens. */
  tokenType: string | null;
  tokens: number | null;
}

export type ChargeCheck = { ok: true; charge: FocusCharge } | { ok: false; reason: string };

const DAY_MS = 86_400_000;
const MAX_DAYS = 400;
const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** A row with lower-cased column names, so `get("billedcost")` reads BilledCost or billedCost. */
export type FocusRow = Map<string, string>;

function num(raw: string | undefined): number | null {
  if (raw === undefined || raw.trim() === "") return null;
  const n = Number(raw.trim());
  return Number.isFinite(n) ? n : Number.NaN;
}

/** FOCUS times are UTC; a time written without a zone is read as UTC, a bare date as its midnight. */
function time(raw: string | undefined): number | null {
  if (!raw || !ISO.test(raw.trim())) return null;
  const text = raw.trim().replace(" ", "T");
  const zoned = /T/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? `${text}Z` : text;
  const t = Date.parse(/T/.test(zoned) ? zoned : `${zoned}T00:00:00Z`);
  return Number.isFinite(t) ? t : null;
}

/** Splits [start, end) over UTC days by overlap, so a monthly charge spreads over its month. */
export function daysOf(start: number, end: number): Array<{ day: number; share: number }> {
  const first = start - (((start % DAY_MS) + DAY_MS) % DAY_MS);
  if (end <= start) return [{ day: first, share: 1 }];
  const days: Array<{ day: number; share: number }> = [];
  for (let day = first; day < end; day += DAY_MS) {
    const overlap = Math.min(end, day + DAY_MS) - Math.max(start, day);
    if (overlap > 0) days.push({ day, share: overlap / (end - start) });
  }
  return days;
}

/** Tokens per unit: "Tokens" 1, "1K Tokens" 1,000, "Million tokens" 1,000,000; null if not tokens. */
export function tokensPerUnit(unit: string): number | null {
  const u = unit.toLowerCase();
  if (!u.includes("token")) return null;
  const counted = /(?:^|[\s(])(\d+(?:\.\d+)?)\s*([km])?\s*tokens?\b/.exec(u);
  let per = counted
    ? Number(counted[1]) * (counted[2] === "k" ? 1000 : counted[2] === "m" ? 1_000_000 : 1)
    : 1;
  if (/thousand/.test(u)) per *= 1000;
  else if (/million/.test(u)) per *= 1_000_000;
  return per > 0 ? per : null;
}

/** The token type named in a SKU's meter, id or price details ("...-Inp-glbl", "output tokens"). */
export function tokenTypeOf(text: string): string {
  const t = text.toLowerCase();
  if (/cache[ _-]?(read|hit)|cached/.test(t)) return "cached_input";
  if (/cache[ _-]?(write|creation)/.test(t)) return "cache_write";
  if (/\b(input|inp|prompt)\b/.test(t)) return "input";
  if (/\b(output|outp|out|completion)\b/.test(t)) return "output";
  return "tokens";
}

function jsonObject(raw: string | undefined): Record<string, unknown> {
  if (!raw || !raw.trim().startsWith("{")) return {};
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The row's fingerprint: a hash of every column (name and trimmed value, in name order) plus how
 * many identical rows came before it in the same file, so two identical charges stay two.
 */
export function fingerprintOf(row: FocusRow, occurrence: number): string {
  const hash = createHash("sha256");
  for (const key of [...row.keys()].sort()) hash.update(`${key}\u0000${(row.get(key) ?? "").trim()}\u0001`);
  hash.update(`#${occurrence}`);
  return hash.digest("hex");
}

/** Reads one row; says what is wrong when the row cannot be used. */
export function readCharge(row: FocusRow, line: number, fingerprint: string): ChargeCheck {
  const start = time(row.get("chargeperiodstart"));
  const end = time(row.get("chargeperiodend"));
  if (start === null) return { ok: false, reason: "ChargePeriodStart is missing or not an ISO 8601 time" };
  if (end === null) return { ok: false, reason: "ChargePeriodEnd is missing or not an ISO 8601 time" };
  if (end - start > MAX_DAYS * DAY_MS)
    return { ok: false, reason: "the charge period is longer than 400 days" };
  const currency = (row.get("billingcurrency") ?? "").trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency))
    return { ok: false, reason: "BillingCurrency must be a 3-letter code such as USD" };
  const billed = num(row.get("billedcost"));
  const effective = num(row.get("effectivecost"));
  const list = num(row.get("listcost"));
  if (Number.isNaN(billed) || Number.isNaN(effective) || Number.isNaN(list))
    return { ok: false, reason: "BilledCost, EffectiveCost and ListCost must be decimal numbers" };
  if (billed === null && effective === null)
    return { ok: false, reason: "BilledCost and EffectiveCost are both empty" };
  if ([billed, effective, list].some((n) => n !== null && Math.abs(n) > MAX_MAGNITUDE))
    return { ok: false, reason: `a cost is beyond ±${MAX_MAGNITUDE}; check the column's unit` };

  const skuMeter = (row.get("skumeter") ?? "").trim();
  const skuId = (row.get("skuid") ?? "").trim();
  const priceDetails = jsonObject(row.get("skupricedetails"));
  const models = Object.entries(priceDetails)
    .filter(([k, v]) => /model/i.test(k) && (typeof v === "string" || typeof v === "number"))
    .map(([, v]) => String(v));
  const tags = Object.fromEntries(
    Object.entries(jsonObject(row.get("tags"))).map(([k, v]) => [
      k,
      typeof v === "string" ? v : JSON.stringify(v),
    ]),
  );

  let tokenType: string | null = null;
  let tokens: number | null = null;
  const consumed = num(row.get("consumedquantity"));
  const consumedPer = tokensPerUnit(row.get("consumedunit") ?? "");
  const pricing = num(row.get("pricingquantity"));
  const pricingPer = tokensPerUnit(row.get("pricingunit") ?? "");
  if (consumedPer !== null && consumed !== null && Number.isFinite(consumed)) tokens = consumed * consumedPer;
  else if (pricingPer !== null && pricing !== null && Number.isFinite(pricing)) tokens = pricing * pricingPer;
  if (tokens !== null)
    tokenType = tokenTypeOf(
      `${skuMeter} ${skuId} ${Object.values(priceDetails).join(" ")} ${row.get("chargedescription") ?? ""}`,
    );

  return {
    ok: true,
    charge: {
      line,
      fingerprint,
      days: daysOf(start, end),
      currency,
      effectiveCost: effective ?? billed ?? 0,
      billedCost: billed ?? effective ?? 0,
      listCost: list,
      correction: /^correction$/i.test((row.get("chargeclass") ?? "").trim()),
      serviceName: (row.get("servicename") ?? "").trim(),
      skuId,
      skuMeter,
      models: models.length > 0 ? models : skuMeter ? [skuMeter] : [],
      accounts: [row.get("subaccountid"), row.get("subaccountname")].filter((v): v is string => !!v?.trim()),
      tags,
      tokenType,
      tokens,
    },
  };
}

/** Tags that name the system directly, whatever the rules say. */
export const SYSTEM_TAGS = ["parley-system", "parley.system", "parley_system", "parley:system"];
