import type { Invitation, InvitationStatus } from "../contract/accounts.js";
import type { Side } from "../contract/enums.js";
import type { Db } from "./database.js";
import { personRefs, refOrUnknown } from "./people.js";
import { bool } from "./rows.js";
import type { InvitationsTable } from "./schema.js";

/** Where an invitation stands at `now`: accepted, revoked and replaced are final; pending ones expire. */
export function invitationStatus(row: InvitationsTable, now: Date): InvitationStatus {
  if (row.acceptedAt) return "accepted";
  if (row.replacedBy) return "replaced";
  if (row.revokedAt) return "revoked";
  return row.expiresAt <= now.toISOString() ? "expired" : "pending";
}

export function presentInvitation(
  row: InvitationsTable,
  invitedBy: { id: string; name: string },
  now: Date,
): Invitation {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    side: row.side as Side,
    isAdmin: bool(row.isAdmin),
    status: invitationStatus(row, now),
    invitedBy: { id: invitedBy.id, name: invitedBy.name },
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    delivery: row.delivery === "email" ? "email" : "link",
    acceptedAt: row.acceptedAt,
    revokedAt: row.revokedAt,
  };
}

/** Invitations nobody has accepted, revoked or replaced yet, newest first (expired ones included). */
export async function listOpenInvitations(db: Db, now: Date): Promise<Invitation[]> {
  const rows = await db
    .selectFrom("invitations")
    .selectAll()
    .where("acceptedAt", "is", null)
    .where("revokedAt", "is", null)
    .orderBy("createdAt", "desc")
    .orderBy("id")
    .execute();
  const refs = await personRefs(
    db,
    rows.map((r) => r.invitedBy),
  );
  return rows.map((r) => presentInvitation(r, refOrUnknown(refs, r.invitedBy), now));
}

/** One invitation, presented with its inviter's name. */
export async function invitationById(db: Db, id: string, now: Date): Promise<Invitation | undefined> {
  const row = await db.selectFrom("invitations").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const refs = await personRefs(db, [row.invitedBy]);
  return presentInvitation(row, refOrUnknown(refs, row.invitedBy), now);
}
