import { z } from "zod";
import {
  ApiToken,
  ApiTokenCreate,
  ApiTokenCreated,
  Person,
  PersonCreate,
  PersonUpdate,
  PeopleQuery,
  SessionInfo,
  SetupFirstAdmin,
  SetupStatus,
  SignIn,
} from "../../contract/people.js";
import {
  createApiToken,
  listApiTokens,
  needsSetup,
  revokeApiToken,
  setupFirstAdmin,
  signIn,
  signOut,
} from "../../commands/auth.js";
import { createPerson, updatePerson } from "../../commands/people.js";
import { findPersonById, listPeople, presentPerson } from "../../store/people.js";
import { forbidden, notFound } from "../../core/errors.js";
import { clearSessionCookie, contextFor, SESSION_COOKIE, setSessionCookie } from "../auth.js";
import { errorResponses, IdParams, ItemsOf, type App, type ServerDeps } from "../deps.js";

export function registerAuthRoutes(app: App, deps: ServerDeps): void {
  const { database, clock } = deps;

  app.get("/api/v1/setup", {
    schema: {
      tags: ["identity"],
      summary: "Whether the workspace still needs its first admin",
      security: [],
      response: { 200: SetupStatus },
    },
    handler: async () => ({ needsSetup: await needsSetup(database) }),
  });

  app.post("/api/v1/setup", {
    schema: {
      tags: ["identity"],
      summary: "Create the first admin of an empty workspace and sign in",
      security: [],
      body: SetupFirstAdmin,
      response: { 201: SessionInfo, ...errorResponses(400, 409) },
    },
    handler: async (req, reply) => {
      const person = await setupFirstAdmin(database, req.body, clock());
      const session = await signIn(database, { email: person.email, password: req.body.password }, clock());
      setSessionCookie(reply, session.sessionToken, deps.secureCookies);
      return reply.status(201).send({ person, via: "session" as const });
    },
  });

  const throttle = deps.signInThrottle;

  app.post("/api/v1/auth/sign-in", {
    schema: {
      tags: ["identity"],
      summary: "Sign in with e-mail and password; sets an HttpOnly session cookie",
      security: [],
      body: SignIn,
      response: { 200: SessionInfo, ...errorResponses(400, 401, 429) },
    },
    handler: async (req, reply) => {
      const now = clock().getTime();
      throttle.check(req.body.email, req.ip, now);
      let session: Awaited<ReturnType<typeof signIn>>;
      try {
        session = await signIn(database, req.body, clock());
      } catch (err) {
        throttle.fail(req.body.email, req.ip, now);
        throw err;
      }
      throttle.succeed(req.body.email);
      setSessionCookie(reply, session.sessionToken, deps.secureCookies);
      return { person: session.person, via: "session" as const };
    },
  });

  app.post("/api/v1/auth/sign-out", {
    schema: {
      tags: ["identity"],
      summary: "End the current session",
      security: [],
      response: { 204: z.null() },
    },
    handler: async (req, reply) => {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) await signOut(database, cookie);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  });

  app.get("/api/v1/auth/me", {
    schema: {
      tags: ["identity"],
      summary: "Who is signed in",
      response: { 200: SessionInfo, ...errorResponses(401) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "read");
      const row = await findPersonById(database.db, ctx.actor.id);
      if (!row) throw notFound("person", ctx.actor.id);
      return { person: presentPerson(row), via: req.identity!.via };
    },
  });

  app.get("/api/v1/people", {
    schema: {
      tags: ["identity"],
      summary: "People in the workspace",
      querystring: PeopleQuery,
      response: { 200: ItemsOf(Person), ...errorResponses(400, 401) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      return { items: await listPeople(database.db, req.query) };
    },
  });

  app.post("/api/v1/people", {
    schema: {
      tags: ["identity"],
      summary: "Add a person (admin)",
      body: PersonCreate,
      response: { 201: Person, ...errorResponses(400, 401, 403, 409) },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await createPerson(contextFor(req, database, clock, "admin"), req.body)),
  });

  app.patch("/api/v1/people/:id", {
    schema: {
      tags: ["identity"],
      summary: "Change a person (admin)",
      params: IdParams,
      body: PersonUpdate,
      response: { 200: Person, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (req) => updatePerson(contextFor(req, database, clock, "admin"), req.params.id, req.body),
  });

  app.get("/api/v1/tokens", {
    schema: {
      tags: ["identity"],
      summary: "Your API tokens",
      response: { 200: ItemsOf(ApiToken), ...errorResponses(401) },
    },
    handler: async (req) => ({ items: await listApiTokens(contextFor(req, database, clock, "read")) }),
  });

  app.post("/api/v1/tokens", {
    schema: {
      tags: ["identity"],
      summary: "Create an API token for scripts (the secret is shown once)",
      body: ApiTokenCreate,
      response: { 201: ApiTokenCreated, ...errorResponses(400, 401, 403) },
    },
    handler: async (req, reply) => {
      const ctx = contextFor(req, database, clock, "write");
      if (req.body.scopes.includes("admin") && !ctx.actor.isAdmin) {
        throw forbidden("admin_required", "Only admins can create tokens with the admin scope.");
      }
      return reply.status(201).send(await createApiToken(ctx, req.body));
    },
  });

  app.delete("/api/v1/tokens/:id", {
    schema: {
      tags: ["identity"],
      summary: "Revoke one of your API tokens",
      params: IdParams,
      response: { 200: ApiToken, ...errorResponses(401, 404) },
    },
    handler: async (req) => revokeApiToken(contextFor(req, database, clock, "write"), req.params.id),
  });
}
