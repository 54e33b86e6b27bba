import { z } from "zod";
import { PageQuery, pageOf } from "../../contract/common.js";
import { Stage } from "../../contract/enums.js";
import { Portfolio, TimelineEvent, TimelineQuery } from "../../contract/portfolio.js";
import {
  Readiness,
  StageChange,
  StageChangeRequest,
  System,
  SystemCreate,
  SystemUpdate,
  SystemsQuery,
} from "../../contract/systems.js";
import { Statement, StatementCreate } from "../../contract/statements.js";
import { changeStage, createSystem, systemReadiness, updateSystem } from "../../commands/systems.js";
import { makeStatement } from "../../commands/statements.js";
import { isoDate } from "../../core/calendar.js";
import { buildPortfolio } from "../../store/portfolio.js";
import { listStatements } from "../../store/statements.js";
import { findSystemRow, listStageChanges, listSystems, presentSystem } from "../../store/systems.js";
import { timeline } from "../../store/timeline.js";
import { contextFor } from "../auth.js";
import { representationFor } from "../read-cache.js";
import { errorResponses, ItemsOf, RefParams, type App, type ServerDeps } from "../deps.js";

export function registerSystemRoutes(app: App, deps: ServerDeps): void {
  const { database, clock } = deps;
  const db = database.db;

  app.get("/api/v1/portfolio", {
    schema: {
      tags: ["portfolio"],
      summary: "The shared map: every system with owners, alignment, risk posture and last review",
      response: { 200: Portfolio, ...errorResponses(401) },
    },
    handler: async (req, reply) => {
      const ctx = contextFor(req, database, clock, "read");
      // The map is the most-read page and the costliest to build: serve it from the read cache.
      const cached = await deps.readCache.get("portfolio", ctx.now.getTime(), ctx.actor.id, async () =>
        JSON.stringify(Portfolio.parse(await buildPortfolio(db, ctx.now, isoDate(ctx.now)))),
      );
      // Compressed once per refresh; the coding is chosen from Accept-Encoding like a static file.
      const sent = representationFor(cached, req.headers["accept-encoding"]);
      void reply
        .header("etag", sent.etag)
        .header("cache-control", "private, no-cache")
        .header("vary", "accept-encoding");
      // A browser revalidates with the ETag; an unchanged map costs no body at all.
      if (req.headers["if-none-match"] === sent.etag)
        // 304 has no body and no schema; the cast only satisfies the 200-typed reply.
        return reply.status(304 as 200).send(undefined as unknown as Portfolio);
      if (sent.coding !== "identity") void reply.header("content-encoding", sent.coding);
      // Serialised once per refresh and checked against the schema above; sent as bytes.
      return reply.type("application/json; charset=utf-8").send(sent.body as unknown as Portfolio);
    },
  });

  app.get("/api/v1/systems", {
    schema: {
      tags: ["systems"],
      summary: "List AI systems",
      querystring: SystemsQuery.extend(PageQuery.shape),
      response: { 200: pageOf(System), ...errorResponses(400, 401) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      return listSystems(db, req.query);
    },
  });

  app.post("/api/v1/systems", {
    schema: {
      tags: ["systems"],
      summary: "Register an AI system",
      body: SystemCreate,
      response: { 201: System, ...errorResponses(400, 401, 403, 409) },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await createSystem(contextFor(req, database, clock, "write"), req.body)),
  });

  app.get("/api/v1/systems/:ref", {
    schema: {
      tags: ["systems"],
      summary: "One system",
      params: RefParams,
      response: { 200: System, ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      return presentSystem(db, await findSystemRow(db, req.params.ref));
    },
  });

  app.patch("/api/v1/systems/:ref", {
    schema: {
      tags: ["systems"],
      summary: "Edit a system (stage changes go through /stage)",
      params: RefParams,
      body: SystemUpdate,
      response: { 200: System, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (req) => updateSystem(contextFor(req, database, clock, "write"), req.params.ref, req.body),
  });

  app.post("/api/v1/systems/:ref/stage", {
    schema: {
      tags: ["systems"],
      summary:
        "Move a system to another stage; refused with 409 and the missing conditions when its gate fails",
      params: RefParams,
      body: StageChangeRequest,
      response: { 200: System, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (req) => changeStage(contextFor(req, database, clock, "write"), req.params.ref, req.body),
  });

  app.get("/api/v1/systems/:ref/readiness", {
    schema: {
      tags: ["systems"],
      summary: "What is still missing before the next (or a given) stage",
      params: RefParams,
      querystring: z.object({ to: Stage.optional() }),
      response: { 200: Readiness, ...errorResponses(400, 401, 404) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "read");
      return systemReadiness(db, req.params.ref, req.query.to, ctx.now);
    },
  });

  app.get("/api/v1/systems/:ref/stage-changes", {
    schema: {
      tags: ["systems"],
      summary: "Every stage change with who and when",
      params: RefParams,
      response: { 200: ItemsOf(StageChange), ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      const system = await findSystemRow(db, req.params.ref);
      return { items: await listStageChanges(db, system.id) };
    },
  });

  app.get("/api/v1/systems/:ref/timeline", {
    schema: {
      tags: ["timeline"],
      summary: "The attributed, dated history of one system, newest first",
      params: RefParams,
      querystring: TimelineQuery,
      response: { 200: pageOf(TimelineEvent), ...errorResponses(400, 401, 404) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      const system = await findSystemRow(db, req.params.ref);
      return timeline(db, { ...req.query, systemId: system.id });
    },
  });

  app.get("/api/v1/timeline", {
    schema: {
      tags: ["timeline"],
      summary: "The workspace history, newest first",
      querystring: TimelineQuery,
      response: { 200: pageOf(TimelineEvent), ...errorResponses(400, 401) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      return timeline(db, req.query);
    },
  });

  app.get("/api/v1/systems/:ref/statements", {
    schema: {
      tags: ["statements"],
      summary: '"Not ready" and "go faster" statements, newest first',
      params: RefParams,
      response: { 200: ItemsOf(Statement), ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      const system = await findSystemRow(db, req.params.ref);
      return { items: await listStatements(db, system.id) };
    },
  });

  app.post("/api/v1/systems/:ref/statements", {
    schema: {
      tags: ["statements"],
      summary:
        'Say "not ready" (engineering: missing conditions and the risk of shipping now) or "go faster" (leadership: risks accepted and until when)',
      params: RefParams,
      body: StatementCreate,
      response: { 201: Statement, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await makeStatement(contextFor(req, database, clock, "write"), req.params.ref, req.body)),
  });
}
