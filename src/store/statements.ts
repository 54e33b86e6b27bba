import type { Statement } from "../contract/statements.js";
import type { StatementKind } from "../contract/enums.js";
import type { Db } from "./database.js";
import { personRefs, refOrUnknown } from "./people.js";
import { jsonList } from "./rows.js";
import type { StatementsTable } from "./schema.js";

export async function presentStatements(db: Db, rows: StatementsTable[]): Promise<Statement[]> {
  const riskIds = [...new Set(rows.flatMap((r) => jsonList(r.acceptedRiskIds)))];
  const risks = riskIds.length
    ? await db.selectFrom("risks").select(["id", "title"]).where("id", "in", riskIds).execute()
    : [];
  const titles = new Map(risks.map((r) => [r.id, r.title]));
  const refs = await personRefs(
    db,
    rows.map((r) => r.byId),
  );
  return rows.map((r) => ({
    id: r.id,
    systemId: r.systemId,
    kind: r.kind as StatementKind,
    by: refOrUnknown(refs, r.byId),
    createdAt: r.createdAt,
    missingConditions: jsonList(r.missingConditions),
    riskIfShippedNow: r.riskIfShippedNow,
    note: r.note,
    acceptedRisks: jsonList(r.acceptedRiskIds).map((id) => ({
      id,
      title: titles.get(id) ?? "(removed risk)",
    })),
    acceptedRisksText: r.acceptedRisksText,
    acceptedUntil: r.acceptedUntil,
    reason: r.reason,
  }));
}

export async function listStatements(db: Db, systemId: string): Promise<Statement[]> {
  const rows = await db
    .selectFrom("statements")
    .selectAll()
    .where("systemId", "=", systemId)
    .orderBy("createdAt", "desc")
    .execute();
  return presentStatements(db, rows);
}
