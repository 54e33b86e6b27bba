import { z } from "zod";
import { applyConfigText, exportConfigText, planConfigText } from "../../commands/config.js";
import { enforce } from "../../commands/context.js";
import { ConfigApplyResult, ConfigPlan, ConfigRequest } from "../../contract/config.js";
import { configJsonSchema } from "../../config/json-schema.js";
import { adminPermission } from "../../core/people.js";
import { contextFor } from "../auth.js";
import { errorResponses, type App, type ServerDeps } from "../deps.js";

const FILE = "parley.yaml";

/** Config as code over HTTP: the schema for editors, plan and apply for admins, export for readers. */
export function registerConfigRoutes(app: App, deps: ServerDeps): void {
  const { database, clock } = deps;

  app.get("/api/v1/config/schema", {
    schema: {
      tags: ["config"],
      summary: "The JSON Schema of parley.yaml, for editor completion (public: it holds no workspace data)",
      security: [],
      response: { 200: z.record(z.string(), z.unknown()) },
    },
    handler: async () => configJsonSchema(),
  });

  app.get("/api/v1/config/export", {
    schema: {
      tags: ["config"],
      summary: "The workspace as a parley.yaml that applies to it with zero changes (application/yaml)",
      response: { 200: z.string(), ...errorResponses(401, 403) },
    },
    handler: async (req, reply) => {
      contextFor(req, database, clock, "read");
      const text = await exportConfigText(database, { schemaRef: "/api/v1/config/schema" });
      return reply.type("application/yaml; charset=utf-8").send(text);
    },
  });

  app.post("/api/v1/config/plan", {
    schema: {
      tags: ["config"],
      summary:
        "What applying a parley.yaml would create, change and leave alone (admin); problems come as 400 config_invalid with details.problems (file, line, column, path, message, fix)",
      body: ConfigRequest,
      response: { 200: ConfigPlan, ...errorResponses(400, 401, 403) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "admin");
      enforce(adminPermission(ctx.actor));
      return planConfigText(database, FILE, req.body.yaml, { prune: req.body.prune });
    },
  });

  app.post("/api/v1/config/apply", {
    schema: {
      tags: ["config"],
      summary:
        "Apply a parley.yaml in one transaction (admin); a readiness gate refusing a stage move is a 409 and changes nothing",
      body: ConfigRequest,
      response: { 200: ConfigApplyResult, ...errorResponses(400, 401, 403, 409) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "admin");
      enforce(adminPermission(ctx.actor));
      return applyConfigText(ctx, FILE, req.body.yaml, { prune: req.body.prune });
    },
  });
}
