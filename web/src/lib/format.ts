// Dates and numbers the way a reader expects them: "14 Dec 2026", "in 12 days", "USD 40,000".
import type { CostRange, Money } from "../../../src/contract/index.js";

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** Parses YYYY-MM-DD as a local calendar date (not UTC midnight, which shifts west of Greenwich). */
function parseDate(value: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(value);
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  const date = parseDate(value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "—";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
}

export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function addDaysIso(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Whole days from today to a calendar date (negative when it is in the past). */
export function daysUntil(value: string): number {
  const target = parseDate(value);
  const today = parseDate(todayIso());
  return Math.round((target.getTime() - today.getTime()) / 86_400_000);
}

export function relativeDays(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

export function formatMoney(money: Money | null | undefined): string {
  if (!money) return "—";
  return `${money.currency} ${Math.round(money.amount).toLocaleString("en-US")}`;
}

export function formatCostRange(range: CostRange | null | undefined): string {
  if (!range) return "Not estimated";
  const low = Math.round(range.low).toLocaleString("en-US");
  const high = Math.round(range.high).toLocaleString("en-US");
  return low === high ? `${range.currency} ${low}` : `${range.currency} ${low} – ${high}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
