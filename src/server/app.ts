import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import { ParleyError, forbidden } from "../core/errors.js";
import { SignInThrottle } from "../core/sign-in-throttle.js";
import { mailerFromEnv, type Mailer } from "../mail/mailer.js";
import { listeningPort, publicUrlFrom } from "../mail/public-url.js";
import type { Database } from "../store/database.js";
import { registerIdentity } from "./auth.js";
import type { App, ServerDeps } from "./deps.js";
import { handleError } from "./errors.js";
import { refuseUnstorableText } from "./text-input.js";
import { TurnAdmission } from "./admission.js";
import { ReadCache } from "./read-cache.js";
import { registerAuthRoutes } from "./routes/auth.js";
import { registerAccountRoutes } from "./routes/accounts.js";
import { registerExportRoutes } from "./routes/exports.js";
import { registerConversationRoutes } from "./routes/conversations.js";
import { registerRiskRoutes } from "./routes/risks.js";
import { registerBriefRoutes } from "./routes/briefs.js";
import { registerConnectorRoutes } from "./routes/connectors.js";
import { registerConfigRoutes } from "./routes/config.js";
import { registerLimitRoutes } from "./routes/limits.js";
import { registerRehearsalRoutes } from "./routes/rehearsal.js";
import { registerNotificationRoutes } from "./routes/notifications.js";
import { registerSignalRoutes } from "./routes/signals.js";
import { registerSystemRoutes } from "./routes/systems.js";
import { PARLEY_VERSION } from "../version.js";

export interface AppOptions {
  database: Database;
  /** Tests move time; production reads the wall clock. */
  clock?: () => Date;
  logger?: FastifyServerOptions["logger"];
  /** Where the built web app lives; defaults to web/dist in the installation. */
  webRoot?: string;
  /** Set the Secure flag on the session cookie (behind HTTPS). */
  secureCookies?: boolean;
  /** Largest accepted request body in bytes. */
  bodyLimit?: number;
  /** Shown in the web app's top bar, e.g. "Acme AI". */
  workspaceName?: string;
  /** Sends invitations and password resets; defaults to one from PARLEY_SMTP_URL / PARLEY_MAIL_FROM. */
  mailer?: Mailer;
  /** Base of e-mailed links; defaults to PARLEY_PUBLIC_URL, else http://localhost:<listening port>. */
  publicUrl?: string;
}

const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../../web/dist", import.meta.url));

const CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");

/** Builds the Parley HTTP server: API under /api/v1, OpenAPI at /api/openapi.json, web app at /. */
export async function buildApp(options: AppOptions): Promise<App> {
  const clock = options.clock ?? (() => new Date());
  const readCache = new ReadCache();
  const configuredPublicUrl = options.publicUrl ?? process.env.PARLEY_PUBLIC_URL;
  publicUrlFrom(configuredPublicUrl, undefined); // a malformed PARLEY_PUBLIC_URL stops the start
  const deps: ServerDeps = {
    database: options.database,
    clock,
    readCache,
    secureCookies: options.secureCookies ?? false,
    mailer: options.mailer ?? mailerFromEnv(process.env),
    publicUrl: () => publicUrlFrom(configuredPublicUrl, listeningPort(app.server)),
    signInThrottle: new SignInThrottle(),
  };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1_048_576,
    ajv: { customOptions: { allErrors: false } },
    // Errors Fastify raises before routing (a malformed URL) get the same body as every other error.
    frameworkErrors: handleError,
  }).withTypeProvider<ZodTypeProvider>();

  // First of all hooks: under saturation, requests start a few per turn of the event loop, in
  // order, so new connections are not starved (src/server/admission.ts).
  const admission = new TurnAdmission();
  app.addHook("onRequest", (_req, _reply, done) => {
    const wait = admission.enter();
    if (wait) void wait.then(() => done());
    else done();
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // Only JSON bodies are accepted: HTML forms cannot send them cross-site, which blocks CSRF.
  app.removeContentTypeParser("text/plain");

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Parley API",
        version: PARLEY_VERSION,
        description:
          "The shared map of a company's AI systems. Authenticate with the session cookie from /api/v1/auth/sign-in, or with 'Authorization: Bearer pk_...' API tokens. Errors always have the shape { error: { code, message, details } }.",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", description: "An API token (pk_...)" },
          session: { type: "apiKey", in: "cookie", name: "parley_session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });

  app.addHook("onRequest", async (req) => {
    // A cookie-authenticated write from another site is refused even if the browser sent it.
    if (req.method === "GET" || req.method === "HEAD" || !req.headers.origin || req.headers.authorization)
      return;
    const origin = URL.canParse(req.headers.origin) ? new URL(req.headers.origin).host : "";
    if (origin !== req.headers.host) {
      throw forbidden(
        "cross_site_request",
        "This request came from another site. Use Parley from its own address.",
      );
    }
  });
  app.addHook("onSend", async (req, reply) => {
    void reply.header("x-content-type-options", "nosniff");
    void reply.header("referrer-policy", "same-origin");
    if (!req.url.startsWith("/api/docs")) {
      void reply.header("x-frame-options", "DENY");
      void reply.header("content-security-policy", CSP);
    }
    if (req.url.startsWith("/api/") && !reply.hasHeader("cache-control"))
      void reply.header("cache-control", "no-store");
  });

  // Any successful write may change what whole-workspace reads show.
  app.addHook("onResponse", async (req, reply) => {
    if (req.method !== "GET" && req.method !== "HEAD" && reply.statusCode < 400) {
      readCache.noteWrite(req.identity?.actor.id ?? "anonymous");
    }
  });
  registerIdentity(app, options.database, clock);
  app.addHook("preValidation", refuseUnstorableText);

  app.get("/api/health", {
    schema: {
      tags: ["meta"],
      summary: "Liveness and database reachability",
      security: [],
      response: {
        200: z.object({
          status: z.literal("ok"),
          version: z.string(),
          database: z.enum(["sqlite", "postgres"]),
          time: z.string(),
        }),
      },
    },
    handler: async () => {
      await sql`select 1`.execute(options.database.db);
      return {
        status: "ok" as const,
        version: PARLEY_VERSION,
        database: options.database.dialect,
        time: clock().toISOString(),
      };
    },
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  app.get("/api/v1/workspace", {
    schema: {
      tags: ["meta"],
      summary: "The workspace's name (PARLEY_WORKSPACE_NAME) and the Parley version",
      security: [],
      response: { 200: z.object({ name: z.string(), version: z.string() }) },
    },
    handler: async () => ({ name: options.workspaceName ?? "Parley", version: PARLEY_VERSION }),
  });

  registerAuthRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerExportRoutes(app, deps);
  registerSystemRoutes(app, deps);
  registerConversationRoutes(app, deps);
  registerRiskRoutes(app, deps);
  registerSignalRoutes(app, deps);
  registerLimitRoutes(app, deps);
  registerRehearsalRoutes(app, deps);
  registerBriefRoutes(app, deps);
  registerConnectorRoutes(app, deps);
  registerConfigRoutes(app, deps);
  registerNotificationRoutes(app, deps);

  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  const hasWeb = existsSync(`${webRoot}/index.html`);
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    // preCompressed: the build writes .br and .gz beside each file (web/vite.config.ts); file names
    // under assets/ carry a content hash, so a browser keeps them for a year without asking again.
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        if (/[/\\]assets[/\\]/.test(path))
          res.setHeader("cache-control", "public, max-age=31536000, immutable");
        else res.setHeader("cache-control", "no-cache");
      },
    });
    app.get("/", { schema: { hide: true } }, (_req, reply) => reply.sendFile("index.html"));
  }

  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith("/api/") || req.method !== "GET") {
      throw new ParleyError(
        "not_found",
        "route_not_found",
        `There is no ${req.method} ${req.url.split("?")[0]}. See /api/docs for the API.`,
      );
    }
    // A file that does not exist (an old asset hash, a typo) is a 404, not the app's HTML page.
    if (/\.[a-z0-9]{1,8}$/i.test(req.url.split("?")[0] ?? "")) {
      throw new ParleyError(
        "not_found",
        "file_not_found",
        `There is no file at ${req.url.split("?")[0]}. Reload the page to get the current version.`,
      );
    }
    if (!hasWeb) {
      return reply
        .type("text/plain")
        .send("The Parley web app is not built. Run `npm run build`; the API is at /api/docs.");
    }
    return reply.sendFile("index.html");
  });

  return app;
}
