import { PageQuery, pageOf } from "../../contract/common.js";
import {
  Decision,
  DecisionCreate,
  Risk,
  RiskCreate,
  RiskUpdate,
  RiskWithHistory,
  RisksQuery,
} from "../../contract/risks.js";
import { Safeguard, SafeguardCreate, SafeguardUpdate, SafeguardsQuery } from "../../contract/safeguards.js";
import { decideRisk, proposeRisk, updateRisk } from "../../commands/risks.js";
import { createSafeguard, updateSafeguard } from "../../commands/safeguards.js";
import { isoDate } from "../../core/calendar.js";
import { findRiskRow, listDecisions, listRisks, presentRiskWithHistory } from "../../store/risks.js";
import { findSafeguardRow, listSafeguards, presentSafeguard } from "../../store/safeguards.js";
import { contextFor } from "../auth.js";
import { errorResponses, IdParams, ItemsOf, RefParams, type App, type ServerDeps } from "../deps.js";

export function registerRiskRoutes(app: App, deps: ServerDeps): void {
  const { database, clock } = deps;
  const db = database.db;

  app.get("/api/v1/risks", {
    schema: {
      tags: ["risks"],
      summary: "The risk register, highest impact first",
      querystring: RisksQuery.extend(PageQuery.shape),
      response: { 200: pageOf(Risk), ...errorResponses(400, 401) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "read");
      const { systemId, ...rest } = req.query;
      return listRisks(db, { ...rest, systemIds: systemId ? [systemId] : undefined }, isoDate(ctx.now));
    },
  });

  app.post("/api/v1/systems/:ref/risks", {
    schema: {
      tags: ["risks"],
      summary: "Put a risk on a system's register (engineering view and leadership view)",
      params: RefParams,
      body: RiskCreate,
      response: { 201: Risk, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await proposeRisk(contextFor(req, database, clock, "write"), req.params.ref, req.body)),
  });

  app.get("/api/v1/risks/:id", {
    schema: {
      tags: ["risks"],
      summary: "A risk with its full decision history",
      params: IdParams,
      response: { 200: RiskWithHistory, ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "read");
      return presentRiskWithHistory(db, await findRiskRow(db, req.params.id), isoDate(ctx.now));
    },
  });

  app.patch("/api/v1/risks/:id", {
    schema: {
      tags: ["risks"],
      summary: "Refine or close a risk",
      params: IdParams,
      body: RiskUpdate,
      response: { 200: Risk, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (req) => updateRisk(contextFor(req, database, clock, "write"), req.params.id, req.body),
  });

  app.get("/api/v1/risks/:id/decisions", {
    schema: {
      tags: ["decisions"],
      summary: "Every decision on a risk, newest first (superseded included)",
      params: IdParams,
      response: { 200: ItemsOf(Decision), ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      await findRiskRow(db, req.params.id);
      return { items: await listDecisions(db, req.params.id) };
    },
  });

  app.post("/api/v1/risks/:id/decisions", {
    schema: {
      tags: ["decisions"],
      summary:
        "Leadership decides: accept, mitigate, avoid, transfer or defer. Supersedes the previous decision; never edits it.",
      params: IdParams,
      body: DecisionCreate,
      response: { 201: RiskWithHistory, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await decideRisk(contextFor(req, database, clock, "write"), req.params.id, req.body)),
  });

  app.get("/api/v1/safeguards", {
    schema: {
      tags: ["safeguards"],
      summary: "Safeguards with the risks they protect against",
      querystring: SafeguardsQuery.extend(PageQuery.shape),
      response: { 200: pageOf(Safeguard), ...errorResponses(400, 401) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      return listSafeguards(db, req.query);
    },
  });

  app.post("/api/v1/systems/:ref/safeguards", {
    schema: {
      tags: ["safeguards"],
      summary: "Add a safeguard to a system",
      params: RefParams,
      body: SafeguardCreate,
      response: { 201: Safeguard, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await createSafeguard(contextFor(req, database, clock, "write"), req.params.ref, req.body)),
  });

  app.get("/api/v1/safeguards/:id", {
    schema: {
      tags: ["safeguards"],
      summary: "One safeguard",
      params: IdParams,
      response: { 200: Safeguard, ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      return presentSafeguard(db, await findSafeguardRow(db, req.params.id));
    },
  });

  app.patch("/api/v1/safeguards/:id", {
    schema: {
      tags: ["safeguards"],
      summary: "Change a safeguard's status, owner or covered risks",
      params: IdParams,
      body: SafeguardUpdate,
      response: { 200: Safeguard, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (req) =>
      updateSafeguard(contextFor(req, database, clock, "write"), req.params.id, req.body),
  });
}
