import type { TestWorld } from "../../integration/harness.js";
import type { Fixtures } from "./workspace.js";
import type { Auth } from "./http.js";

/**
 * Everyone the authorization matrix calls each route as. The tokens belong to the engineer and
 * carry exactly the scopes their names say; the sessions carry every scope their person has.
 */
export const CALLERS = [
  "anonymous",
  "ingestToken",
  "readToken",
  "writeToken",
  "engineer",
  "leader",
  "admin",
] as const;
export type CallerName = (typeof CALLERS)[number];

/** The person a caller acts as (tokens act as the engineer who created them). */
export type PersonName = "engineer" | "leader" | "admin";

export function personOf(caller: CallerName): PersonName | null {
  switch (caller) {
    case "anonymous":
      return null;
    case "leader":
    case "admin":
      return caller;
    default:
      return "engineer";
  }
}

export function authOf(w: TestWorld, f: Fixtures, caller: CallerName): Auth {
  switch (caller) {
    case "anonymous":
      return {};
    case "ingestToken":
      return { token: f.tokens.ingest };
    case "readToken":
      return { token: f.tokens.read };
    case "writeToken":
      return { token: f.tokens.write };
    default:
      return { cookie: w[caller].cookie };
  }
}
