import { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ConnectorRule,
  FocusImport,
  FocusImportQuery,
  FocusImportResult,
  FocusRuleCreate,
  OtlpMappingCreate,
  Price,
  PriceCreate,
  PriceQuery,
  PriceUpdate,
  RuleUpdate,
  Sighting,
} from "../../contract/connectors.js";
import { resolveApiToken, TOKEN_PREFIX } from "../../commands/auth.js";
import { ParleyError } from "../../core/errors.js";
import { importFocus } from "../../ingest/focus/import.js";
import { listFocusImports, undoFocusImport } from "../../ingest/focus/history.js";
import {
  decodeRequest,
  encodeResponse,
  inflateBody,
  MAX_OTLP_BYTES,
  type OtlpKind,
} from "../../ingest/otlp/codec.js";
import {
  encodingOf,
  InFlightLimit,
  mediaTypeOf,
  OTLP_MEDIA_TYPES,
  otlpErrorHandler,
  sendOtlpError,
} from "../../ingest/otlp/http.js";
import { receiveOtlp } from "../../ingest/otlp/receiver.js";
import { createPrice, deletePrice, listPrices, loadPriceBook, updatePrice } from "../../ingest/prices.js";
import { createRule, deleteRule, listRules, updateRule, type Connector } from "../../ingest/rules.js";
import { clearSightings, listSightings } from "../../ingest/sightings.js";
import { globMatches } from "../../ingest/glob.js";
import { RawBody } from "../../ingest/text.js";
import { contextFor } from "../auth.js";
import { errorResponses, IdParams, ItemsOf, type App, type ServerDeps } from "../deps.js";

/** What the connector routes use of the server's dependencies. */
export type ConnectorDeps = Pick<ServerDeps, "database" | "clock">;

export interface ConnectorRouteOptions {
  /** OTLP requests processed at once before the receiver answers 503 (default 16, or PARLEY_OTLP_MAX_IN_FLIGHT). */
  maxOtlpInFlight?: number;
}

const FOCUS_BODY_LIMIT = 256 * 1024 * 1024;
/** A gzipped FOCUS export may inflate to the same 256 MB an uncompressed one may have. */
const FOCUS_INFLATE_LIMITS = {
  maxBytes: FOCUS_BODY_LIMIT,
  tooLarge: () =>
    new ParleyError(
      "too_large",
      "focus_too_large",
      "The decompressed export is larger than 256 MB; export a shorter period (a month at a time) and import each file.",
    ),
  notGzip: () =>
    new ParleyError(
      "invalid",
      "invalid_gzip",
      "The body is not valid gzip data although Content-Encoding says gzip; send the .csv.gz file as it is, or the plain CSV without that header.",
    ),
};
const OTLP_BODY_LIMIT = 32 * 1024 * 1024;
const registered = new WeakSet<object>();

/** Whether this app already has the connector routes (tests wire them when app.ts does not yet). */
export function hasConnectorRoutes(app: object): boolean {
  return registered.has(app);
}

/**
 * OpenTelemetry (OTLP/HTTP at /v1/traces, /v1/metrics, /v1/logs), FOCUS billing imports, mapping
 * rules and the price table. Everything lives in one encapsulated plugin so that the OTLP and CSV
 * body parsers and the OTLP error format apply to these routes only.
 */
export function registerConnectorRoutes(
  app: App,
  deps: ConnectorDeps,
  options: ConnectorRouteOptions = {},
): void {
  if (registered.has(app)) return;
  registered.add(app);
  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.addHook("onRequest", tokenHeader(deps));
    await scope.register(async (otlp) =>
      registerOtlp(otlp.withTypeProvider<ZodTypeProvider>(), deps, options),
    );
    await scope.register(async (upload) =>
      registerFocusUpload(upload.withTypeProvider<ZodTypeProvider>(), deps),
    );
    registerRuleRoutes(scope, deps, "otlp", "/api/v1/connectors/otlp/mappings", OtlpMappingCreate);
    registerRuleRoutes(scope, deps, "focus", "/api/v1/connectors/focus/rules", FocusRuleCreate);
    registerPriceRoutes(scope, deps);
    registerFocusHistory(scope, deps);
  });
}

/** Some exporters make a custom header easier than Authorization: accept x-parley-token too. */
function tokenHeader(deps: ConnectorDeps) {
  return async (req: FastifyRequest) => {
    const header = req.headers["x-parley-token"];
    if (req.identity || typeof header !== "string") return;
    const token = header.trim();
    const found = token.startsWith(TOKEN_PREFIX)
      ? await resolveApiToken(deps.database, token, deps.clock())
      : null;
    if (!found)
      throw new ParleyError(
        "unauthenticated",
        "invalid_token",
        "The API token in x-parley-token is unknown, expired or revoked. Create a token with the ingest scope.",
      );
    req.identity = { actor: found.actor, via: "token", scopes: found.scopes };
  };
}

const OTLP_DESCRIPTIONS: Record<OtlpKind, string> = {
  traces:
    "OTLP/HTTP traces (application/x-protobuf or application/json, gzip allowed). GenAI spans become per-system signals: requests, errors, error rate, latency p50/p95/p99, tokens, cost, evaluation scores. Set OTEL_EXPORTER_OTLP_ENDPOINT to Parley's address and send an ingest token in Authorization or x-parley-token.",
  metrics:
    "OTLP/HTTP metrics: the gen_ai.client.operation.duration and gen_ai.client.token.usage histograms (delta or cumulative) fill the same signals for minutes without spans.",
  logs: "OTLP/HTTP logs: gen_ai.evaluation.result events become evaluation signals.",
};

function registerOtlp(otlp: App, deps: ConnectorDeps, options: ConnectorRouteOptions): void {
  const fromEnv = process.env.PARLEY_OTLP_MAX_IN_FLIGHT;
  const max = options.maxOtlpInFlight ?? (fromEnv && Number.isFinite(Number(fromEnv)) ? Number(fromEnv) : 16);
  const limit = new InFlightLimit(max);
  const entered = new WeakSet<FastifyRequest>();
  otlp.removeAllContentTypeParsers();
  otlp.addContentTypeParser(
    OTLP_MEDIA_TYPES,
    { parseAs: "buffer", bodyLimit: OTLP_BODY_LIMIT },
    (_req, body, done) => done(null, new RawBody(body as Buffer)),
  );
  otlp.setErrorHandler(otlpErrorHandler);
  otlp.addHook("onRequest", async (req, reply) => {
    if (!limit.tryEnter()) {
      void reply.header("retry-after", "1");
      sendOtlpError(
        req,
        reply,
        503,
        "receiver_busy",
        "Parley is busy with other exports; retry after a second.",
      );
      return reply;
    }
    entered.add(req);
    // Refuse unauthenticated exports before reading their bodies.
    contextFor(req, deps.database, deps.clock, "ingest");
    return undefined;
  });
  const leave = async (req: FastifyRequest) => {
    if (entered.delete(req)) limit.leave();
  };
  otlp.addHook("onResponse", leave);
  otlp.addHook("onRequestAbort", leave);

  for (const kind of ["traces", "metrics", "logs"] as const) {
    otlp.post(`/v1/${kind}`, {
      bodyLimit: OTLP_BODY_LIMIT,
      schema: {
        tags: ["opentelemetry"],
        summary: `Receive OpenTelemetry ${kind} (OTLP/HTTP)`,
        description: OTLP_DESCRIPTIONS[kind],
      },
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        const ctx = contextFor(req, deps.database, deps.clock, "ingest");
        const encoding = encodingOf(req.headers["content-type"]);
        const body = req.body instanceof RawBody ? req.body.bytes : Buffer.alloc(0);
        const raw = await inflateBody(body, req.headers["content-encoding"]);
        if (raw.length > MAX_OTLP_BYTES)
          throw new ParleyError(
            "too_large",
            "otlp_too_large",
            "The body is larger than 64 MB; export smaller batches.",
          );
        const result = await receiveOtlp(ctx, kind, decodeRequest(kind, raw, encoding));
        const partial =
          result.rejected > 0 ? { rejected: result.rejected, errorMessage: result.errorMessage } : null;
        return reply.type(mediaTypeOf(encoding)).send(encodeResponse(kind, encoding, partial));
      },
    });
  }
}

function registerFocusUpload(upload: App, deps: ConnectorDeps): void {
  upload.addContentTypeParser(
    ["text/csv", "application/csv"],
    { parseAs: "buffer", bodyLimit: FOCUS_BODY_LIMIT },
    (_req, body, done) => done(null, new RawBody(body as Buffer)),
  );
  upload.post("/api/v1/connectors/focus", {
    bodyLimit: FOCUS_BODY_LIMIT,
    schema: {
      tags: ["connectors"],
      summary: "Import a FinOps FOCUS billing export (CSV body, text/csv; gzip allowed)",
      description:
        "Rows become daily cost signals per system (billing.cost.<currency>) and token signals where the unit is tokens. Re-importing the same rows changes nothing; ChargeClass=Correction rows adjust the days they correct. Use ?dryRun=true to check the mapping first.",
      querystring: FocusImportQuery,
      response: { 200: FocusImportResult, ...errorResponses(400, 401, 403, 413) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, deps.database, deps.clock, "ingest");
      if (!(req.body instanceof RawBody))
        throw new ParleyError(
          "invalid",
          "csv_body_required",
          "Send the FOCUS export as the body with Content-Type: text/csv.",
        );
      const body = await inflateBody(req.body.bytes, req.headers["content-encoding"], FOCUS_INFLATE_LIMITS);
      return importFocus(ctx, Readable.from([body]), {
        fileName: req.query.fileName ?? "upload.csv",
        dryRun: req.query.dryRun,
      });
    },
  });
}

function registerRuleRoutes(
  scope: App,
  deps: ConnectorDeps,
  connector: Connector,
  path: string,
  createSchema: typeof OtlpMappingCreate | typeof FocusRuleCreate,
): void {
  const { database, clock } = deps;
  const what = connector === "otlp" ? "OpenTelemetry service mappings" : "FOCUS mapping rules";
  scope.get(path, {
    schema: {
      tags: ["connectors"],
      summary: `The ${what}, in the order they are tried`,
      response: { 200: ItemsOf(ConnectorRule), ...errorResponses(401, 403) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      return { items: await listRules(database.db, connector) };
    },
  });
  scope.post(path, {
    schema: {
      tags: ["connectors"],
      summary: `Add one of the ${what}`,
      body: createSchema,
      response: { 201: ConnectorRule, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req, reply) => {
      const ctx = contextFor(req, database, clock, "write");
      const rule = await createRule(ctx, connector, req.body);
      await forgetResolved(connector, rule, deps);
      return reply.status(201).send(rule);
    },
  });
  scope.patch(`${path}/:id`, {
    schema: {
      tags: ["connectors"],
      summary: `Change one of the ${what}`,
      params: IdParams,
      body: RuleUpdate,
      response: { 200: ConnectorRule, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req) =>
      updateRule(contextFor(req, database, clock, "write"), connector, req.params.id, req.body),
  });
  scope.delete(`${path}/:id`, {
    schema: {
      tags: ["connectors"],
      summary: `Remove one of the ${what}`,
      params: IdParams,
      response: { 204: z.null(), ...errorResponses(401, 403, 404) },
    },
    handler: async (req, reply) => {
      await deleteRule(contextFor(req, database, clock, "write"), connector, req.params.id);
      return reply.status(204).send(null);
    },
  });
  const kind = connector === "otlp" ? "unmapped_service" : "unmapped_charge";
  scope.get(`/api/v1/connectors/${connector}/unmapped`, {
    schema: {
      tags: ["connectors"],
      summary:
        connector === "otlp"
          ? "Services that sent GenAI telemetry but map to no system (their data was refused)"
          : "Billing rows that mapped to no system in recent imports",
      response: { 200: ItemsOf(Sighting), ...errorResponses(401, 403) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      return { items: await listSightings(database.db, connector, [kind]) };
    },
  });
}

/** A new rule resolves the unmapped sightings its pattern matches; they leave the list. */
async function forgetResolved(connector: Connector, rule: ConnectorRule, deps: ConnectorDeps): Promise<void> {
  if (rule.field !== "service") return;
  const kind = connector === "otlp" ? "unmapped_service" : "unmapped_charge";
  const open = await listSightings(deps.database.db, connector, [kind]);
  const names = open
    .map((s) => s.name)
    .filter((name) =>
      globMatches(rule.pattern, connector === "otlp" ? name : (name.split(" / ")[0] ?? name)),
    );
  await clearSightings(deps.database.db, connector, kind, names);
}

function registerPriceRoutes(scope: App, deps: ConnectorDeps): void {
  const { database, clock } = deps;
  scope.get("/api/v1/connectors/prices", {
    schema: {
      tags: ["connectors"],
      summary: "The price table that turns tokens into cost (per million tokens)",
      querystring: PriceQuery,
      response: { 200: ItemsOf(Price), ...errorResponses(401, 403) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      return { items: await listPrices(database.db, req.query.model) };
    },
  });
  scope.post("/api/v1/connectors/prices", {
    schema: {
      tags: ["connectors"],
      summary: "Add a price (provider, model glob, token type, effective date)",
      body: PriceCreate,
      response: { 201: Price, ...errorResponses(400, 401, 403) },
    },
    handler: async (req, reply) => {
      const ctx = contextFor(req, database, clock, "write");
      const price = await createPrice(ctx, req.body);
      // A model leaves the "without a price" list once both its input and output are priced.
      const open = await listSightings(database.db, "otlp", ["unpriced_model"]);
      const book = await loadPriceBook(database.db);
      const names = open
        .map((s) => s.name)
        .filter((n) => {
          const [provider, ...model] = n.split("/");
          if (!globMatches(price.model, model.join("/"))) return false;
          const known = provider === undefined || provider === "unknown provider" ? null : provider;
          const found = book.pricesFor(known, model.join("/"), ctx.now.getTime());
          return Boolean(found?.input && found.output);
        });
      await clearSightings(database.db, "otlp", "unpriced_model", names);
      return reply.status(201).send(price);
    },
  });
  scope.patch("/api/v1/connectors/prices/:id", {
    schema: {
      tags: ["connectors"],
      summary: "Change a price (a reviewed default becomes custom)",
      params: IdParams,
      body: PriceUpdate,
      response: { 200: Price, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req) => updatePrice(contextFor(req, database, clock, "write"), req.params.id, req.body),
  });
  scope.delete("/api/v1/connectors/prices/:id", {
    schema: {
      tags: ["connectors"],
      summary: "Remove a price",
      params: IdParams,
      response: { 204: z.null(), ...errorResponses(401, 403, 404) },
    },
    handler: async (req, reply) => {
      await deletePrice(contextFor(req, database, clock, "write"), req.params.id);
      return reply.status(204).send(null);
    },
  });
  scope.get("/api/v1/connectors/prices/missing", {
    schema: {
      tags: ["connectors"],
      summary: "Models seen in telemetry without a price (their cost is not counted)",
      response: { 200: ItemsOf(Sighting), ...errorResponses(401, 403) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      return { items: await listSightings(database.db, "otlp", ["unpriced_model"]) };
    },
  });
}

function registerFocusHistory(scope: App, deps: ConnectorDeps): void {
  const { database, clock } = deps;
  scope.get("/api/v1/connectors/focus/imports", {
    schema: {
      tags: ["connectors"],
      summary: "FOCUS imports, newest first",
      response: { 200: ItemsOf(FocusImport), ...errorResponses(401, 403) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      return { items: await listFocusImports(database.db) };
    },
  });
  scope.delete("/api/v1/connectors/focus/imports/:id", {
    schema: {
      tags: ["connectors"],
      summary: "Undo a FOCUS import: its charges are removed and the days recomputed",
      params: IdParams,
      response: { 200: FocusImport, ...errorResponses(401, 403, 404, 409) },
    },
    handler: async (req) => undoFocusImport(contextFor(req, database, clock, "write"), req.params.id),
  });
}
