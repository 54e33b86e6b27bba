import { z } from "zod";
import {
  Finding,
  FindingTriage,
  FindingsQuery,
  LimitSeries,
  LimitSeriesQuery,
  RiskBudget,
  RiskBudgetCreate,
  StateChange,
  TrustLimit,
  TrustLimitCreate,
} from "../../contract/limits.js";
import { archiveTarget, createRiskBudget, createTrustLimit, triageFinding } from "../../commands/limits.js";
import {
  budgetRows,
  findBudgetRow,
  findLimitRow,
  findingRows,
  limitRows,
  presentBudgets,
  presentFindings,
  presentLimits,
  readLimitSeries,
  stateHistory,
} from "../../store/limits.js";
import { isoDate } from "../../core/calendar.js";
import { limitSeriesPeriod } from "../../core/limits.js";
import { findSystemRow } from "../../store/systems.js";
import { contextFor } from "../auth.js";
import { errorResponses, IdParams, ItemsOf, RefParams, type App, type ServerDeps } from "../deps.js";

export function registerLimitRoutes(app: App, deps: ServerDeps): void {
  const { database, clock } = deps;
  const db = database.db;

  app.get("/api/v1/systems/:ref/limits", {
    schema: {
      tags: ["limits"],
      summary: "A system's trust limits, evaluated now",
      params: RefParams,
      response: { 200: ItemsOf(TrustLimit), ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "read");
      const system = await findSystemRow(db, req.params.ref);
      return { items: await presentLimits(db, await limitRows(db, [system.id]), ctx.now) };
    },
  });

  app.post("/api/v1/limits", {
    schema: {
      tags: ["limits"],
      summary: "Set a trust limit on a signal, e.g. the 7-day mean of the manual-work rate above 0.15",
      body: TrustLimitCreate,
      response: { 201: TrustLimit, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await createTrustLimit(contextFor(req, database, clock, "write"), req.body)),
  });

  app.get("/api/v1/limits/:id", {
    schema: {
      tags: ["limits"],
      summary: "One trust limit, evaluated now",
      params: IdParams,
      response: { 200: TrustLimit, ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "read");
      const [limit] = await presentLimits(db, [await findLimitRow(db, req.params.id)], ctx.now);
      return limit!;
    },
  });

  app.delete("/api/v1/limits/:id", {
    schema: {
      tags: ["limits"],
      summary: "Remove a trust limit (its history stays)",
      params: IdParams,
      response: { 204: z.null(), ...errorResponses(401, 403, 404) },
    },
    handler: async (req, reply) => {
      await archiveTarget(contextFor(req, database, clock, "write"), "trust_limit", req.params.id);
      return reply.status(204).send(null);
    },
  });

  app.get("/api/v1/limits/:id/history", {
    schema: {
      tags: ["limits"],
      summary: "State changes of a trust limit, newest first",
      params: IdParams,
      response: { 200: ItemsOf(StateChange), ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      await findLimitRow(db, req.params.id);
      return { items: await stateHistory(db, req.params.id) };
    },
  });

  app.get("/api/v1/limits/:id/series", {
    schema: {
      tags: ["limits"],
      summary:
        "The value a trust limit checks, day by day: what its evaluation would have read at the end of each day (now for today)",
      params: IdParams,
      querystring: LimitSeriesQuery,
      response: { 200: LimitSeries, ...errorResponses(400, 401, 404) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "read");
      const row = await findLimitRow(db, req.params.id);
      return readLimitSeries(db, row, limitSeriesPeriod(req.query, isoDate(ctx.now)), ctx.now);
    },
  });

  app.get("/api/v1/systems/:ref/budgets", {
    schema: {
      tags: ["budgets"],
      summary: "A system's risk budgets with burn rates and forecast",
      params: RefParams,
      response: { 200: ItemsOf(RiskBudget), ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "read");
      const system = await findSystemRow(db, req.params.ref);
      return { items: await presentBudgets(db, await budgetRows(db, [system.id]), ctx.now) };
    },
  });

  app.post("/api/v1/budgets", {
    schema: {
      tags: ["budgets"],
      summary: "Set a risk budget: total spend per period, or a share of good days/hours",
      body: RiskBudgetCreate,
      response: { 201: RiskBudget, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await createRiskBudget(contextFor(req, database, clock, "write"), req.body)),
  });

  app.get("/api/v1/budgets/:id", {
    schema: {
      tags: ["budgets"],
      summary: "One risk budget, evaluated now",
      params: IdParams,
      response: { 200: RiskBudget, ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "read");
      const [budget] = await presentBudgets(db, [await findBudgetRow(db, req.params.id)], ctx.now);
      return budget!;
    },
  });

  app.delete("/api/v1/budgets/:id", {
    schema: {
      tags: ["budgets"],
      summary: "Remove a risk budget (its history stays)",
      params: IdParams,
      response: { 204: z.null(), ...errorResponses(401, 403, 404) },
    },
    handler: async (req, reply) => {
      await archiveTarget(contextFor(req, database, clock, "write"), "risk_budget", req.params.id);
      return reply.status(204).send(null);
    },
  });

  app.get("/api/v1/budgets/:id/history", {
    schema: {
      tags: ["budgets"],
      summary: "State changes of a risk budget, newest first",
      params: IdParams,
      response: { 200: ItemsOf(StateChange), ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      await findBudgetRow(db, req.params.id);
      return { items: await stateHistory(db, req.params.id) };
    },
  });

  app.get("/api/v1/findings", {
    schema: {
      tags: ["findings"],
      summary: "Quiet-failure findings, newest first",
      querystring: FindingsQuery,
      response: { 200: ItemsOf(Finding), ...errorResponses(400, 401) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      return {
        items: await presentFindings(
          db,
          await findingRows(db, {
            systemIds: req.query.systemId ? [req.query.systemId] : undefined,
            status: req.query.status,
          }),
        ),
      };
    },
  });

  app.patch("/api/v1/findings/:id", {
    schema: {
      tags: ["findings"],
      summary: "Triage a finding: expected, investigating or resolved",
      params: IdParams,
      body: FindingTriage,
      response: { 200: Finding, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req) => triageFinding(contextFor(req, database, clock, "write"), req.params.id, req.body),
  });
}
