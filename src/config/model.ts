import type { Money } from "../contract/common.js";
import type { QuestionCategory, Side, Stage, UsersReached } from "../contract/enums.js";
import type { GatePolicy } from "../core/readiness.js";

/**
 * The workspace as config as code sees it: everything a parley.yaml can describe, keyed the way
 * the file keys it (systems by key, people by e-mail, signals by system and key, limits and
 * budgets by key within their signal, questions by set and text). Read from the database by
 * src/commands/config.ts; compared with a file by plan.ts; written out by export.ts.
 */

export interface PersonState {
  id: string;
  email: string;
  name: string;
  side: Side;
}

export interface QuestionState {
  id: string;
  set: string;
  text: string;
  askedBy: Side;
  topic: QuestionCategory;
  archived: boolean;
}

export interface LimitState {
  id: string;
  key: string;
  name: string;
  windowDays: number;
  aggregate: "mean" | "sum" | "max" | "min" | "ratio" | "quantile";
  quantile: number | null;
  comparator: "above" | "below";
  threshold: number;
  horizonDays: number | null;
}

export interface BudgetState {
  id: string;
  key: string;
  name: string;
  kind: "spend" | "objective";
  period: { kind: "calendar_month" } | { kind: "rolling"; days: number };
  amount: number | null;
  target: number | null;
  bucket: "hour" | "day";
  comparator: "at_least" | "at_most";
  threshold: number | null;
}

export interface SignalState {
  id: string;
  key: string;
  name: string;
  kind: string;
  unit: string;
  direction: string;
  aggregation: string;
  quantile: number | null;
  description: string;
  limits: LimitState[];
  budgets: BudgetState[];
}

export interface SystemState {
  id: string;
  key: string;
  name: string;
  purpose: string;
  expectedOutcome: string;
  valueEstimate: Money | null;
  targetDate: string | null;
  stage: Stage;
  owners: { leadership: string | null; engineering: string | null };
  models: string[];
  dataSources: string[];
  dependencies: string[];
  usersReached: UsersReached;
  scaleNow: string;
  scalePlanned: string;
  signals: SignalState[];
}

export interface WorkspaceState {
  people: PersonState[];
  /** The policy in force (stored, or the default). */
  gates: GatePolicy;
  questions: QuestionState[];
  systems: SystemState[];
}

/** A key made from a name: lowercase, dashes for anything else, at most 63 characters. */
export function slugOf(text: string, fallback: string): string {
  const slug = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9_.-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "")
    .slice(0, 63)
    .replace(/[^a-z0-9]+$/, "");
  return slug || fallback;
}

/** The key a limit has when none was given: from its name, else from its rule. */
export function derivedLimitKey(limit: {
  name: string;
  aggregate: string;
  windowDays: number;
  comparator: string;
}): string {
  return limit.name.trim()
    ? slugOf(limit.name, "limit")
    : slugOf(`${limit.aggregate}-${limit.windowDays}d-${limit.comparator}`, "limit");
}

/** The key a budget has when none was given: from its name. */
export function derivedBudgetKey(budget: { name: string }): string {
  return slugOf(budget.name, "budget");
}

/**
 * Stored keys where there are, derived ones where not; a derived key already taken on the same
 * signal gets -2, -3, ... in creation order, so every limit and budget has a stable, unique key.
 */
export function assignKeys<T extends { stored: string | null; derived: string }>(
  rows: readonly T[],
): string[] {
  const taken = new Set(rows.map((r) => r.stored).filter((k): k is string => k !== null));
  return rows.map((r) => {
    if (r.stored !== null) return r.stored;
    let key = r.derived;
    for (let n = 2; taken.has(key); n += 1) key = `${r.derived}-${n}`;
    taken.add(key);
    return key;
  });
}
