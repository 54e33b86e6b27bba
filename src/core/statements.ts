import type { StatementKind } from "../contract/enums.js";
import { forbidden, type ParleyError } from "./errors.js";
import type { Actor } from "./people.js";

/**
 * "Not ready" is engineering's statement and "go faster" is leadership's: each side is made to say
 * what it means in the other side's terms, so the statement belongs to the side that makes it.
 */
export function statementPermission(actor: Actor, kind: StatementKind): ParleyError | null {
  if (kind === "not_ready" && actor.side !== "engineering") {
    return forbidden(
      "not_ready_requires_engineering",
      'A "not ready" statement is made by engineering. Leadership can ask engineering in a conversation round instead.',
      { rule: "engineering_says_not_ready" },
    );
  }
  if (kind === "go_faster" && actor.side !== "leadership") {
    return forbidden(
      "go_faster_requires_leadership",
      'A "go faster" request is made by leadership, because it accepts risk. Engineering can ask leadership in a round.',
      { rule: "leadership_says_go_faster" },
    );
  }
  return null;
}
