import type { Actor } from "../core/people.js";
import type { ParleyError } from "../core/errors.js";
import type { Database } from "../store/database.js";

/** Who is acting, on which database, at what time: everything a command needs besides input. */
export interface CommandContext {
  database: Database;
  actor: Actor;
  now: Date;
}

/** Throws a rule's refusal, if there is one. Commands call this before touching the database. */
export function enforce(problem: ParleyError | null): void {
  if (problem) throw problem;
}

export function newId(): string {
  return crypto.randomUUID();
}
