// How briefs write numbers, money and dates. Fixed to one locale so a brief reads the same on
// every server and golden files stay stable.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 1204 → "1,204"; 0.8731 → "0.873"; 12.5 → "12.5". */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return grouped.format(Math.round(n));
  return String(Number(n.toPrecision(3)));
}

/** 4870.3, "USD" → "4,870 USD". */
export function formatMoney(amount: number, currency: string): string {
  return `${formatNumber(amount)}${currency ? ` ${currency}` : ""}`;
}

/** 2000–9000 USD, or one figure when both ends agree. */
export function formatRange(low: number, high: number, currency: string): string {
  if (formatNumber(low) === formatNumber(high)) return formatMoney(low, currency);
  return `${formatNumber(low)}–${formatNumber(high)}${currency ? ` ${currency}` : ""}`;
}

/** 0.253 → "25.3%". */
export function formatPercent(share: number): string {
  return `${String(Number((share * 100).toPrecision(3)))}%`;
}

/** "2026-11-28" (or an ISO instant) → "28 Nov 2026". */
export function formatDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split("-");
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** "2026-11-28" → "28 Nov". */
export function formatDay(date: string): string {
  const [, m, d] = date.slice(0, 10).split("-");
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m}`;
}

/** "2026-11-28T09:00:00.000Z" → "28 Nov 2026, 09:00 UTC". */
export function formatInstant(iso: string): string {
  return `${formatDate(iso)}, ${iso.slice(11, 16)} UTC`;
}

/** "in 3 days", "today", "5 days ago". */
export function relativeDays(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** "1 risk", "3 risks". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** ["a", "b", "c"] → "a, b and c". */
export function listOf(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? "";
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** Trims long free text for a one-line item, at a word boundary. */
export function clip(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2))}…`;
}

/** "at risk" → "At risk". */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Sentence case for enum values: "cost_stabilised" → "Cost stabilised". */
export function humanize(value: string): string {
  const words = value.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
