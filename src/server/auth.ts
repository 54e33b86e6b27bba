import type {} from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { TokenScope } from "../contract/people.js";
import { ParleyError, forbidden } from "../core/errors.js";
import type { Actor } from "../core/people.js";
import { resolveApiToken, resolveSession, SESSION_DAYS, TOKEN_PREFIX } from "../commands/auth.js";
import type { CommandContext } from "../commands/context.js";
import type { Database } from "../store/database.js";

export const SESSION_COOKIE = "parley_session";

export interface Identity {
  actor: Actor;
  via: "session" | "token";
  scopes: readonly TokenScope[];
}

declare module "fastify" {
  interface FastifyRequest {
    identity: Identity | null;
  }
}

const ALL_SCOPES: readonly TokenScope[] = ["read", "write", "ingest", "admin"];

/** Resolves who is calling, from a bearer token or the session cookie, before any route runs. */
export function registerIdentity(app: FastifyInstance, database: Database, clock: () => Date): void {
  app.decorateRequest("identity", null);
  app.addHook("onRequest", async (req) => {
    const header = req.headers.authorization;
    if (header?.startsWith("Bearer ")) {
      const token = header.slice(7).trim();
      const found = token.startsWith(TOKEN_PREFIX) ? await resolveApiToken(database, token, clock()) : null;
      if (!found) {
        throw new ParleyError(
          "unauthenticated",
          "invalid_token",
          "The API token is unknown, expired or revoked. Create a new one in your profile or with the API.",
        );
      }
      req.identity = { actor: found.actor, via: "token", scopes: found.scopes };
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (cookie) {
      const actor = await resolveSession(database, cookie, clock());
      if (actor) req.identity = { actor, via: "session", scopes: ALL_SCOPES };
    }
  });
}

/**
 * The command context for a request that needs `scope`. Cookie sessions carry every scope a person
 * has; tokens carry only the scopes they were created with.
 */
export function contextFor(
  req: FastifyRequest,
  database: Database,
  clock: () => Date,
  scope: TokenScope,
): CommandContext {
  const identity = req.identity;
  if (!identity) {
    throw new ParleyError(
      "unauthenticated",
      "unauthenticated",
      "Sign in first, or send an API token as 'Authorization: Bearer pk_...'.",
    );
  }
  // Write implies read and ingest: a script that may change the map may also send it data.
  const implied = (scope === "read" || scope === "ingest") && identity.scopes.includes("write");
  if (!identity.scopes.includes(scope) && !implied) {
    throw forbidden(
      "token_scope_missing",
      `This API token lacks the "${scope}" scope. Create a token with that scope.`,
      {
        rule: "token_scopes",
        required: scope,
        granted: identity.scopes,
      },
    );
  }
  return { database, actor: identity.actor, now: clock() };
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
    maxAge: SESSION_DAYS * 86_400,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: "/" });
}
