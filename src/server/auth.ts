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
  // Registered before any other preValidation hook, so nothing about the input is checked first.
  app.addHook("preValidation", async (req) => {
    if (needsCaller(req)) requireIdentity(req);
  });
}

/**
 * Whether a route refuses anonymous callers: every documented route except those that declare
 * `security: []` (the OpenAPI way of saying "no credentials needed"). Checked before the input is
 * validated, so an anonymous caller learns to sign in (401) rather than what is wrong with a body
 * it may not send anyway (400). Scopes are still checked by each route's contextFor.
 */
function needsCaller(req: FastifyRequest): boolean {
  const schema = req.routeOptions.schema as { hide?: boolean; security?: unknown[] } | undefined;
  if (!schema || schema.hide) return false;
  return !(Array.isArray(schema.security) && schema.security.length === 0);
}

/** Who is calling; 401 when nobody signed in and no known API token was sent. */
function requireIdentity(req: FastifyRequest): Identity {
  if (req.identity) return req.identity;
  throw new ParleyError(
    "unauthenticated",
    "unauthenticated",
    "Sign in first, or send an API token as 'Authorization: Bearer pk_...'.",
  );
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
  const identity = requireIdentity(req);
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
