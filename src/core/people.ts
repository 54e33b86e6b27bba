import { forbidden, type ParleyError } from "./errors.js";
import type { Side } from "../contract/enums.js";

/** The part of a person that rules need: which side they are on and whether they administer. */
export interface Actor {
  id: string;
  name: string;
  side: Side;
  isAdmin: boolean;
}

/** The side that answers a question asked by `side`. */
export function otherSide(side: Side): Side {
  return side === "leadership" ? "engineering" : "leadership";
}

/** Managing accounts and tokens of others is for admins. */
export function adminPermission(actor: Actor): ParleyError | null {
  return actor.isAdmin
    ? null
    : forbidden("admin_required", "Only an admin can manage people. Ask an admin of this workspace.", {
        rule: "admin_manages_people",
      });
}
