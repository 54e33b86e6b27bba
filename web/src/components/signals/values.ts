// How a signal's numbers read to a person: shares as percentages, money with its currency, small
// scores with three significant digits.
const CURRENCY = /^[A-Z]{3}$/;

export function formatValue(value: number | null | undefined, unit: string, asShare = false): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "no data";
  if (asShare) return `${(value * 100).toFixed(value < 0.1 ? 1 : 0)}%`;
  const magnitude = Math.abs(value);
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
