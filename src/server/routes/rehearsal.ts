import { z } from "zod";
import { patchOf } from "../../contract/common.js";
import {
  CapacityLimit,
  CapacityLimitCreate,
  PlannedScale,
  PlannedScaleInput,
  Rehearsal,
  RehearsalResult,
  RehearsalView,
  WhatIfInput,
} from "../../contract/rehearsal.js";
import {
  createCapacityLimit,
  projectRehearsal,
  rehearsalView,
  removeCapacityLimit,
  runRehearsal,
  setPlannedScale,
  updateCapacityLimit,
} from "../../commands/rehearsal.js";
import { capacityLimitRows, latestRehearsal, presentCapacityLimit } from "../../store/rehearsal.js";
import { findSystemRow } from "../../store/systems.js";
import { contextFor } from "../auth.js";
import { errorResponses, IdParams, ItemsOf, RefParams, type App, type ServerDeps } from "../deps.js";

export function registerRehearsalRoutes(app: App, deps: ServerDeps): void {
  const { database, clock } = deps;
  const db = database.db;

  app.get("/api/v1/systems/:ref/rehearsal", {
    schema: {
      tags: ["rehearsal"],
      summary: "A system's planned scale, capacity limits and latest saved rehearsal",
      params: RefParams,
      response: { 200: RehearsalView, ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      return rehearsalView(db, req.params.ref);
    },
  });

  app.put("/api/v1/systems/:ref/rehearsal/plan", {
    schema: {
      tags: ["rehearsal"],
      summary: "Record today's volume and the planned scale (milestones with dates), replacing the plan",
      params: RefParams,
      body: PlannedScaleInput,
      response: { 200: PlannedScale, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req) =>
      setPlannedScale(contextFor(req, database, clock, "write"), req.params.ref, req.body),
  });

  app.get("/api/v1/systems/:ref/capacity-limits", {
    schema: {
      tags: ["rehearsal"],
      summary: "A system's capacity limits: rate limits, quotas, latency budgets, review capacity, caps",
      params: RefParams,
      response: { 200: ItemsOf(CapacityLimit), ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      const system = await findSystemRow(db, req.params.ref);
      return { items: (await capacityLimitRows(db, system.id)).map(presentCapacityLimit) };
    },
  });

  app.post("/api/v1/systems/:ref/capacity-limits", {
    schema: {
      tags: ["rehearsal"],
      summary: "Record a capacity limit with its unit and source, e.g. 800,000 tokens per minute",
      params: RefParams,
      body: CapacityLimitCreate,
      response: { 201: CapacityLimit, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await createCapacityLimit(contextFor(req, database, clock, "write"), req.params.ref, req.body)),
  });

  app.patch("/api/v1/capacity-limits/:id", {
    schema: {
      tags: ["rehearsal"],
      summary: "Change a capacity limit",
      params: IdParams,
      body: patchOf(CapacityLimitCreate),
      response: { 200: CapacityLimit, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req) =>
      updateCapacityLimit(contextFor(req, database, clock, "write"), req.params.id, req.body),
  });

  app.delete("/api/v1/capacity-limits/:id", {
    schema: {
      tags: ["rehearsal"],
      summary: "Remove a capacity limit (the audit trail keeps it)",
      params: IdParams,
      response: { 204: z.null(), ...errorResponses(401, 403, 404) },
    },
    handler: async (req, reply) => {
      await removeCapacityLimit(contextFor(req, database, clock, "write"), req.params.id);
      return reply.status(204).send(null);
    },
  });

  app.post("/api/v1/systems/:ref/rehearsal/what-if", {
    schema: {
      tags: ["rehearsal"],
      summary:
        "Project what breaks first under a what-if (scale, price, retries, human share); stores nothing",
      params: RefParams,
      body: WhatIfInput,
      response: { 200: RehearsalResult, ...errorResponses(400, 401, 404) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "read");
      return projectRehearsal(db, req.params.ref, req.body, ctx.now);
    },
  });

  app.post("/api/v1/systems/:ref/rehearsals", {
    schema: {
      tags: ["rehearsal"],
      summary: "Run and save a rehearsal (with its inputs), for briefs and the readiness gate",
      params: RefParams,
      body: WhatIfInput,
      response: { 201: Rehearsal, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await runRehearsal(contextFor(req, database, clock, "write"), req.params.ref, req.body)),
  });

  app.get("/api/v1/systems/:ref/rehearsals/latest", {
    schema: {
      tags: ["rehearsal"],
      summary: "The newest saved rehearsal of a system (null when none was saved)",
      params: RefParams,
      response: { 200: z.object({ rehearsal: Rehearsal.nullable() }), ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      return { rehearsal: await latestRehearsal(db, await findSystemRow(db, req.params.ref)) };
    },
  });
}
