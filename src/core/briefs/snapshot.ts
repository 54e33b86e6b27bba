import type { Round } from "../../contract/conversations.js";
import type { Stage } from "../../contract/enums.js";
import type { LedgerEntry } from "../../contract/ledger.js";
import type { Finding, RiskBudget, TrustLimit } from "../../contract/limits.js";
import type { Risk } from "../../contract/risks.js";
import type { Statement } from "../../contract/statements.js";
import type { Rehearsal } from "../../contract/rehearsal.js";
import type { ReadinessGap, System } from "../../contract/systems.js";

/** One value per day of the period (null where no data arrived), oldest first. */
export interface DailySeries {
  signalId: string;
  systemId: string;
  name: string;
  unit: string;
  kind: string;
  aggregation: string;
  values: Array<number | null>;
}

/**
 * Everything a brief is built from, read by the store in one pass. Standing facts (postures,
 * limit states) are as of `asOf`; events (ledger entries, decisions, findings) are those in the
 * period. The builders below never touch the database.
 */
export interface BriefSnapshot {
  scope: "system" | "portfolio";
  period: { from: string; to: string };
  /** When standing facts were evaluated: the end of the period, or now if that is earlier. */
  asOf: string;
  generatedAt: string;
  systems: System[];
  /** Retired systems a portfolio brief leaves out. */
  retired: number;
  readiness: Record<string, { next: Stage | null; gaps: ReadinessGap[] }>;
  /** Every round of the covered systems, newest first. */
  rounds: Round[];
  risks: Risk[];
  limits: TrustLimit[];
  budgets: RiskBudget[];
  /** Findings detected up to `asOf`, newest first. */
  findings: Finding[];
  /** Ledger entries dated within the period, newest first. */
  ledger: LedgerEntry[];
  /** Statements made up to `asOf`, newest first. */
  statements: Statement[];
  series: DailySeries[];
  /** The newest scale rehearsal of each covered system saved by `asOf` (none: no section). */
  rehearsals?: Rehearsal[];
}

/** The calendar date of `asOf`: the "today" postures and deadlines are measured against. */
export function snapshotToday(snapshot: Pick<BriefSnapshot, "asOf">): string {
  return snapshot.asOf.slice(0, 10);
}

/** A system's display name by id, for items in a portfolio brief. */
export function systemNamer(snapshot: Pick<BriefSnapshot, "systems" | "scope">) {
  const names = new Map(snapshot.systems.map((s) => [s.id, s]));
  return {
    key: (systemId: string) => names.get(systemId)?.key ?? null,
    /** "Support reply assistant: " in a portfolio brief, nothing in a system brief. */
    prefix: (systemId: string) =>
      snapshot.scope === "portfolio" ? `${names.get(systemId)?.name ?? "Unknown system"}: ` : "",
  };
}
