import type { PersonRef } from "../contract/systems.js";
import type { Person } from "../contract/people.js";
import type { Side } from "../contract/enums.js";
import type { Actor } from "../core/people.js";
import type { Db } from "./database.js";
import type { PeopleTable } from "./schema.js";
import { bool } from "./rows.js";

export function presentPerson(row: PeopleTable): Person {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    side: row.side as Side,
    isAdmin: bool(row.isAdmin),
    createdAt: row.createdAt,
    disabled: bool(row.disabled),
  };
}

export function actorOf(row: PeopleTable): Actor {
  return { id: row.id, name: row.name, side: row.side as Side, isAdmin: bool(row.isAdmin) };
}

export async function findPersonById(db: Db, id: string): Promise<PeopleTable | undefined> {
  return db.selectFrom("people").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findPersonByEmail(db: Db, email: string): Promise<PeopleTable | undefined> {
  return db.selectFrom("people").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst();
}

export async function countPeople(db: Db): Promise<number> {
  const row = await db
    .selectFrom("people")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listPeople(db: Db, filter: { side?: Side | undefined; q?: string | undefined }) {
  let q = db.selectFrom("people").selectAll();
  if (filter.side) q = q.where("side", "=", filter.side);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase()}%`;
    q = q.where((eb) => eb.or([eb(eb.fn("lower", ["name"]), "like", like), eb("email", "like", like)]));
  }
  return (await q.orderBy("name").execute()).map(presentPerson);
}

/** Name and side for each id, for presenting who did what. */
export async function personRefs(
  db: Db,
  ids: Iterable<string | null | undefined>,
): Promise<Map<string, PersonRef>> {
  const unique = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom("people")
    .select(["id", "name", "side"])
    .where("id", "in", unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** A reference for a person who has since been removed still renders. */
export function refOrUnknown(refs: Map<string, PersonRef>, id: string): PersonRef {
  return refs.get(id) ?? { id, name: "(unknown person)", side: "engineering" };
}
