import { createHash, randomBytes } from "node:crypto";
import type {
  Invitation,
  InvitationAccept,
  InvitationCreate,
  InvitationPreview,
  PasswordResetCheck,
  PasswordResetConfirm,
} from "../contract/accounts.js";
import { ParleyError, conflict, notFound } from "../core/errors.js";
import { adminPermission } from "../core/people.js";
import { invitationMail, passwordResetMail } from "../mail/account-messages.js";
import { MailError, type Mailer } from "../mail/mailer.js";
import { linkTo } from "../mail/public-url.js";
import { invitationStatus, listOpenInvitations, presentInvitation } from "../store/accounts.js";
import { appendAudit } from "../store/audit.js";
import { inTransaction, type Database, type Tx } from "../store/database.js";
import { dialectOf } from "../store/dialect.js";
import { findPersonByEmail, findPersonById, presentPerson } from "../store/people.js";
import { flag } from "../store/rows.js";
import type { InvitationsTable, PasswordResetsTable } from "../store/schema.js";
import { hashPassword, SESSION_DAYS, type SignedIn } from "./auth.js";
import { enforce, newId, type CommandContext } from "./context.js";

export const INVITATION_DAYS = 7;
export const PASSWORD_RESET_MINUTES = 60;

/** How e-mailed links are sent and where they point. */
export interface LinkMail {
  mailer: Mailer;
  publicUrl: string;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** 256 random bits, URL-safe: unguessable, and only its hash is stored. */
function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** A fresh session for a person, in the caller's transaction (the same shape as sign-in's). */
async function openSession(
  tx: Tx,
  personId: string,
  now: Date,
): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
  await tx
    .insertInto("sessions")
    .values({ idHash: sha256(token), personId, createdAt: now.toISOString(), expiresAt })
    .execute();
  return { token, expiresAt };
}

// ---------------------------------------------------------------------------------------------
// Invitations

export interface InvitationResult {
  invitation: Invitation;
  emailed: boolean;
  /** The link, only when e-mail is not configured (the admin passes it on). */
  acceptUrl: string | null;
  /** Set when the e-mail could not be sent; the invitation is saved and can be sent again. */
  emailError?: MailError;
}

/**
 * An admin invites someone by e-mail. A newer invitation to the same address replaces any open
 * one (its link stops working). With e-mail configured the link is mailed; without, it is returned
 * to the admin to pass on. The invitation is saved before mailing, so a mail failure leaves a
 * pending invitation that can be sent again.
 */
export async function invitePerson(
  ctx: CommandContext,
  input: InvitationCreate,
  mail: LinkMail,
): Promise<InvitationResult> {
  enforce(adminPermission(ctx.actor));
  const token = newToken();
  const createdAt = ctx.now.toISOString();
  const row: InvitationsTable = {
    id: newId(),
    email: input.email,
    name: input.name,
    side: input.side,
    isAdmin: flag(input.isAdmin),
    tokenHash: sha256(token),
    invitedBy: ctx.actor.id,
    createdAt,
    expiresAt: new Date(ctx.now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
    delivery: mail.mailer.configured ? "email" : "link",
    acceptedAt: null,
    personId: null,
    revokedAt: null,
    revokedBy: null,
    replacedBy: null,
  };
  const invitation = await inTransaction(ctx.database.db, async (tx) => {
    const existing = await findPersonByEmail(tx, input.email);
    if (existing && !existing.disabled) {
      throw conflict(
        "email_taken",
        `${input.email} already has an active account. They can sign in, or use "Forgot your password?".`,
        { field: "email" },
      );
    }
    const replaced = await tx
      .updateTable("invitations")
      .set({ revokedAt: createdAt, revokedBy: ctx.actor.id, replacedBy: row.id })
      .where("email", "=", input.email)
      .where("acceptedAt", "is", null)
      .where("revokedAt", "is", null)
      .executeTakeFirst();
    await tx.insertInto("invitations").values(row).execute();
    const presented = presentInvitation(row, ctx.actor, ctx.now);
    await appendAudit(tx, {
      at: createdAt,
      actorId: ctx.actor.id,
      systemId: null,
      entity: "invitation",
      entityId: row.id,
      action: Number(replaced.numUpdatedRows) > 0 ? "reinvite" : "create",
      summary: `${ctx.actor.name} invited ${row.name} <${row.email}> (${row.side}${input.isAdmin ? ", admin" : ""})`,
      after: presented,
    });
    return presented;
  });
  const url = linkTo(mail.publicUrl, `/invite/${token}`);
  if (!mail.mailer.configured) return { invitation, emailed: false, acceptUrl: url };
  try {
    await mail.mailer.sendMail(
      invitationMail({
        to: row.email,
        name: row.name,
        invitedBy: ctx.actor.name,
        side: input.side,
        isAdmin: input.isAdmin,
        url,
        expiresAt: row.expiresAt,
      }),
    );
    return { invitation, emailed: true, acceptUrl: null };
  } catch (err) {
    if (!(err instanceof MailError)) throw err;
    return { invitation, emailed: false, acceptUrl: null, emailError: err };
  }
}

/** Invitations still open (pending or expired), newest first; for admins. */
export async function listInvitations(ctx: CommandContext): Promise<Invitation[]> {
  enforce(adminPermission(ctx.actor));
  return listOpenInvitations(ctx.database.db, ctx.now);
}

/** An admin withdraws an invitation: its link stops working. Revoking twice changes nothing. */
export async function revokeInvitation(ctx: CommandContext, id: string): Promise<Invitation> {
  enforce(adminPermission(ctx.actor));
  return inTransaction(ctx.database.db, async (tx) => {
    const row = await tx.selectFrom("invitations").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw notFound("invitation", id);
    if (row.acceptedAt) {
      throw conflict(
        "invitation_used",
        `${row.name} already accepted this invitation. To remove their access, disable their account.`,
      );
    }
    const next = row.revokedAt ? row : { ...row, revokedAt: ctx.now.toISOString(), revokedBy: ctx.actor.id };
    if (!row.revokedAt) {
      await tx
        .updateTable("invitations")
        .set({ revokedAt: next.revokedAt, revokedBy: next.revokedBy })
        .where("id", "=", id)
        .execute();
      await appendAudit(tx, {
        at: ctx.now.toISOString(),
        actorId: ctx.actor.id,
        systemId: null,
        entity: "invitation",
        entityId: id,
        action: "revoke",
        summary: `${ctx.actor.name} revoked the invitation of ${row.name} <${row.email}>`,
      });
    }
    const inviter = (await findPersonById(tx, row.invitedBy)) ?? {
      id: row.invitedBy,
      name: "(unknown person)",
    };
    return presentInvitation(next, inviter, ctx.now);
  });
}

/** The invitation behind a link, or the reason it no longer works. */
async function usableInvitation(tx: Tx, token: string, now: Date): Promise<InvitationsTable> {
  let query = tx.selectFrom("invitations").selectAll().where("tokenHash", "=", sha256(token));
  // Two people opening the same link at once: the second waits and then sees it used.
  if (dialectOf(tx) === "postgres") query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) {
    throw new ParleyError(
      "not_found",
      "invitation_not_found",
      "This invitation link is not valid. Copy the whole link from the e-mail, or ask an admin to invite you again.",
    );
  }
  const refusals: Record<string, [string, string]> = {
    accepted: [
      "invitation_used",
      "This invitation was already accepted. Sign in with your e-mail and password.",
    ],
    replaced: [
      "invitation_replaced",
      "A newer invitation was sent to this address. Use the link in the latest e-mail.",
    ],
    revoked: ["invitation_revoked", "An admin withdrew this invitation. Ask them to invite you again."],
    expired: [
      "invitation_expired",
      `This invitation expired on ${row.expiresAt.slice(0, 10)}. Ask an admin to invite you again.`,
    ],
  };
  const refusal = refusals[invitationStatus(row, now)];
  if (refusal) throw conflict(refusal[0], refusal[1]);
  return row;
}

/** What the accept page shows: who is invited, by whom, until when. */
export async function previewInvitation(
  database: Database,
  token: string,
  now: Date,
): Promise<InvitationPreview> {
  return inTransaction(database.db, async (tx) => {
    const row = await usableInvitation(tx, token, now);
    const inviter = await findPersonById(tx, row.invitedBy);
    return {
      email: row.email,
      name: row.name,
      side: row.side as InvitationPreview["side"],
      isAdmin: row.isAdmin === 1,
      invitedBy: inviter?.name ?? "An admin",
      expiresAt: row.expiresAt,
    };
  });
}

/**
 * Accepting an invitation sets the password, creates the person (or re-activates a disabled
 * account with that address) and signs them in with a new session. The link works once.
 */
export async function acceptInvitation(
  database: Database,
  input: InvitationAccept,
  now: Date,
): Promise<SignedIn> {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(database.db, async (tx) => {
    const invitation = await usableInvitation(tx, input.token, now);
    const at = now.toISOString();
    const existing = await findPersonByEmail(tx, invitation.email);
    if (existing && !existing.disabled) {
      throw conflict(
        "email_taken",
        `${invitation.email} already has an active account. Sign in, or use "Forgot your password?".`,
      );
    }
    const person = {
      id: existing?.id ?? newId(),
      email: invitation.email,
      name: input.name ?? invitation.name,
      side: invitation.side,
      isAdmin: invitation.isAdmin,
      passwordHash,
      disabled: 0,
      createdAt: existing?.createdAt ?? at,
    };
    if (existing) {
      await tx
        .updateTable("people")
        .set({ name: person.name, side: person.side, isAdmin: person.isAdmin, passwordHash, disabled: 0 })
        .where("id", "=", existing.id)
        .execute();
    } else {
      await tx.insertInto("people").values(person).execute();
    }
    await tx
      .updateTable("invitations")
      .set({ acceptedAt: at, personId: person.id })
      .where("id", "=", invitation.id)
      .execute();
    await appendAudit(tx, {
      at,
      actorId: person.id,
      systemId: null,
      entity: "invitation",
      entityId: invitation.id,
      action: "accept",
      summary: `${person.name} accepted the invitation and ${existing ? "re-activated their account" : "joined"} (${person.side})`,
      ...(existing && { before: presentPerson(existing) }),
      after: presentPerson(person),
    });
    const session = await openSession(tx, person.id, now);
    return { person: presentPerson(person), sessionToken: session.token, expiresAt: session.expiresAt };
  });
}

// ---------------------------------------------------------------------------------------------
// Password reset

export interface PasswordResetIssued {
  to: string;
  name: string;
  token: string;
  expiresAt: string;
}

/**
 * Issues a reset token for an active account, or returns null for an unknown or disabled address.
 * Callers answer both cases the same way so nobody learns which addresses have accounts. Earlier
 * unused tokens of the person stop working.
 */
export async function requestPasswordReset(
  database: Database,
  email: string,
  now: Date,
): Promise<PasswordResetIssued | null> {
  return inTransaction(database.db, async (tx) => {
    const person = await findPersonByEmail(tx, email);
    if (!person || person.disabled) return null;
    const token = newToken();
    const at = now.toISOString();
    const row: PasswordResetsTable = {
      id: newId(),
      personId: person.id,
      tokenHash: sha256(token),
      createdAt: at,
      expiresAt: new Date(now.getTime() + PASSWORD_RESET_MINUTES * 60_000).toISOString(),
      usedAt: null,
      revokedAt: null,
    };
    await tx
      .updateTable("passwordResets")
      .set({ revokedAt: at })
      .where("personId", "=", person.id)
      .where("usedAt", "is", null)
      .where("revokedAt", "is", null)
      .execute();
    await tx.insertInto("passwordResets").values(row).execute();
    await appendAudit(tx, {
      at,
      actorId: null,
      systemId: null,
      entity: "person",
      entityId: person.id,
      action: "password_reset_requested",
      summary: `A password reset link was requested for ${person.name}`,
      after: { expiresAt: row.expiresAt },
    });
    return { to: person.email, name: person.name, token, expiresAt: row.expiresAt };
  });
}

/** The reset e-mail for an issued token. */
export function passwordResetMessage(issued: PasswordResetIssued, publicUrl: string) {
  return passwordResetMail({
    to: issued.to,
    name: issued.name,
    url: linkTo(publicUrl, `/reset/${issued.token}`),
    expiresAt: issued.expiresAt,
  });
}

async function usableReset(
  tx: Tx,
  token: string,
  now: Date,
): Promise<PasswordResetsTable & { email: string }> {
  let query = tx
    .selectFrom("passwordResets")
    .innerJoin("people", "people.id", "passwordResets.personId")
    .selectAll("passwordResets")
    .select(["people.email", "people.disabled"])
    .where("passwordResets.tokenHash", "=", sha256(token));
  if (dialectOf(tx) === "postgres") query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row || row.disabled) {
    throw new ParleyError(
      "not_found",
      "password_reset_not_found",
      'This password reset link is not valid. Copy the whole link from the e-mail, or ask for a new one with "Forgot your password?".',
    );
  }
  if (row.usedAt) {
    throw conflict(
      "password_reset_used",
      'This link was already used to set a password. Sign in, or ask for a new link with "Forgot your password?".',
    );
  }
  if (row.revokedAt) {
    throw conflict(
      "password_reset_replaced",
      "A newer reset link was sent, or the password was already changed. Use the link in the latest e-mail.",
    );
  }
  if (row.expiresAt <= now.toISOString()) {
    throw conflict(
      "password_reset_expired",
      `This link expired (links work for ${PASSWORD_RESET_MINUTES} minutes). Ask for a new one with "Forgot your password?".`,
    );
  }
  return row;
}

/** Whether a reset link still works, so the page can say so before a password is typed. */
export async function checkPasswordReset(
  database: Database,
  token: string,
  now: Date,
): Promise<PasswordResetCheck> {
  return inTransaction(database.db, async (tx) => {
    const row = await usableReset(tx, token, now);
    return { email: row.email, expiresAt: row.expiresAt };
  });
}

/**
 * Sets a new password from a reset link: the link is used up, every session of the person ends
 * (API tokens stay: scripts keep working) and a fresh session is opened.
 */
export async function confirmPasswordReset(
  database: Database,
  input: PasswordResetConfirm,
  now: Date,
): Promise<SignedIn> {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(database.db, async (tx) => {
    const reset = await usableReset(tx, input.token, now);
    const at = now.toISOString();
    await tx.updateTable("passwordResets").set({ usedAt: at }).where("id", "=", reset.id).execute();
    await tx
      .updateTable("passwordResets")
      .set({ revokedAt: at })
      .where("personId", "=", reset.personId)
      .where("usedAt", "is", null)
      .where("revokedAt", "is", null)
      .execute();
    await tx.updateTable("people").set({ passwordHash }).where("id", "=", reset.personId).execute();
    const ended = await tx.deleteFrom("sessions").where("personId", "=", reset.personId).executeTakeFirst();
    const person = await findPersonById(tx, reset.personId);
    if (!person) throw notFound("person", reset.personId);
    await appendAudit(tx, {
      at,
      actorId: person.id,
      systemId: null,
      entity: "person",
      entityId: person.id,
      action: "password_reset",
      summary: `${person.name} chose a new password with a reset link; ${Number(ended.numDeletedRows)} session(s) ended`,
    });
    const session = await openSession(tx, person.id, now);
    return { person: presentPerson(person), sessionToken: session.token, expiresAt: session.expiresAt };
  });
}
