import type { Person, PersonCreate, PersonUpdate } from "../contract/people.js";
import { conflict, notFound } from "../core/errors.js";
import { adminPermission } from "../core/people.js";
import { appendAudit } from "../store/audit.js";
import { inTransaction } from "../store/database.js";
import { presentPerson } from "../store/people.js";
import { flag } from "../store/rows.js";
import { hashPassword } from "./auth.js";
import { enforce, newId, type CommandContext } from "./context.js";

/** An admin adds a person to the workspace with an initial password. */
export async function createPerson(ctx: CommandContext, input: PersonCreate): Promise<Person> {
  enforce(adminPermission(ctx.actor));
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx.database.db, async (tx) => {
    const existing = await tx
      .selectFrom("people")
      .select("id")
      .where("email", "=", input.email)
      .executeTakeFirst();
    if (existing)
      throw conflict("email_taken", `Someone already uses ${input.email}. Use another e-mail address.`, {
        field: "email",
      });
    const row = {
      id: newId(),
      email: input.email,
      name: input.name,
      side: input.side,
      isAdmin: flag(input.isAdmin),
      passwordHash,
      disabled: 0,
      createdAt: ctx.now.toISOString(),
    };
    await tx.insertInto("people").values(row).execute();
    await appendAudit(tx, {
      at: row.createdAt,
      actorId: ctx.actor.id,
      systemId: null,
      entity: "person",
      entityId: row.id,
      action: "create",
      summary: `${ctx.actor.name} added ${row.name} (${row.side})`,
      after: presentPerson(row),
    });
    return presentPerson(row);
  });
}

/** An admin changes a person's name, side, admin flag or disables the account. */
export async function updatePerson(ctx: CommandContext, id: string, input: PersonUpdate): Promise<Person> {
  enforce(adminPermission(ctx.actor));
  return inTransaction(ctx.database.db, async (tx) => {
    const row = await tx.selectFrom("people").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw notFound("person", id);
    const next = {
      ...row,
      ...(input.name !== undefined && { name: input.name }),
      ...(input.side !== undefined && { side: input.side }),
      ...(input.isAdmin !== undefined && { isAdmin: flag(input.isAdmin) }),
      ...(input.disabled !== undefined && { disabled: flag(input.disabled) }),
    };
    if (row.isAdmin && (!next.isAdmin || next.disabled)) {
      const admins = await tx
        .selectFrom("people")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("isAdmin", "=", 1)
        .where("disabled", "=", 0)
        .executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1) {
        throw conflict("last_admin", "This is the last active admin. Make someone else an admin first.");
      }
    }
    await tx
      .updateTable("people")
      .set({ name: next.name, side: next.side, isAdmin: next.isAdmin, disabled: next.disabled })
      .where("id", "=", id)
      .execute();
    if (next.disabled) await tx.deleteFrom("sessions").where("personId", "=", id).execute();
    await appendAudit(tx, {
      at: ctx.now.toISOString(),
      actorId: ctx.actor.id,
      systemId: null,
      entity: "person",
      entityId: id,
      action: "update",
      summary: `${ctx.actor.name} updated ${next.name}`,
      before: presentPerson(row),
      after: presentPerson(next),
    });
    return presentPerson(next);
  });
}
