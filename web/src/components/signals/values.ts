// How a signal's numbers read to a person: shares as percentages, money with its currency, small
// scores with three significant digits.
const CURRENCY = /^[A-Z]{3}$/;

/** A share as a percentage with at most one decimal: 0.1047 → "10.5%", 0.25 → "25%". */
export function formatPercent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toLocaleString("en-US", { maximumFractionDigits: 1 })}%`;
}

export function formatValue(value: number | null | undefined, unit: string, asShare = false): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "no data";
  if (asShare) return formatPercent(value);
  const magnitude = Math.abs(value);
  if (magnitude === 0) return unit && CURRENCY.test(unit) ? `${unit} 0` : unit ? `0 ${unit}` : "0";
  const number =
    magnitude >= 100
      ? Math.round(value).toLocaleString("en-US")
      : magnitude >= 1
        ? value.toLocaleString("en-US", { maximumFractionDigits: 1 })
        : value.toPrecision(3);
  if (!unit) return number;
  return CURRENCY.test(unit) ? `${unit} ${number}` : `${number} ${unit}`;
}

/** "in 3 days", "on 14 Dec 2026": when the trend crosses the line. */
export function formatForecast(at: string | null): string | null {
  if (!at) return null;
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return null;
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
}
