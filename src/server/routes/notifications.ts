import { z } from "zod";
import {
  Channel,
  ChannelCreate,
  ChannelUpdate,
  DeliveriesQuery,
  Delivery,
  EventsQuery,
  Job,
  NotificationEvent,
  NotificationStatus,
  Preferences,
  PreferencesUpdate,
  ReviewCadence,
  ReviewCadenceSet,
  TestResult,
} from "../../contract/notifications.js";
import {
  archiveChannel,
  createChannel,
  listChannels,
  reviewCadenceOf,
  setPreferences,
  setReviewCadence,
  testChannel,
  updateChannel,
} from "../../commands/notifications.js";
import { adminPermission } from "../../core/people.js";
import { enforce } from "../../commands/context.js";
import type { Transport } from "../../notify/send.js";
import { defaultJobs, jobStatus } from "../../scheduler/scheduler.js";
import { listDeliveries, listEvents, pendingCount, preferencesOf } from "../../store/notifications.js";
import { contextFor } from "../auth.js";
import { errorResponses, IdParams, ItemsOf, RefParams, type App, type ServerDeps } from "../deps.js";

export function registerNotificationRoutes(app: App, deps: ServerDeps): void {
  const { database, clock } = deps;
  const db = database.db;
  const transport = (): Transport => ({ mailer: deps.mailer, publicUrl: deps.publicUrl() });

  app.get("/api/v1/notifications/status", {
    schema: {
      tags: ["notifications"],
      summary: "Whether any notification channel is failing, for the banner in the web app",
      response: { 200: NotificationStatus, ...errorResponses(401) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      const failing = await db
        .selectFrom("notificationChannels")
        .select(["id", "name", "failingSince"])
        .where("archived", "=", 0)
        .where("enabled", "=", 1)
        .where("failingSince", "is not", null)
        .execute();
      return {
        failingChannels: failing.map((c) => ({ id: c.id, name: c.name, since: c.failingSince })),
        pendingDeliveries: await pendingCount(db),
        email: deps.mailer.configured,
      };
    },
  });

  app.get("/api/v1/notifications/channels", {
    schema: {
      tags: ["notifications"],
      summary: "Notification channels (Slack-compatible chat, signed webhooks, e-mail) with their health",
      response: { 200: ItemsOf(Channel), ...errorResponses(401, 403) },
    },
    handler: async (req) => ({ items: await listChannels(contextFor(req, database, clock, "read")) }),
  });

  app.post("/api/v1/notifications/channels", {
    schema: {
      tags: ["notifications"],
      summary: "Add a channel. A webhook's signing secret is in this answer only.",
      body: ChannelCreate,
      response: { 201: Channel, ...errorResponses(400, 401, 403) },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await createChannel(contextFor(req, database, clock, "admin"), req.body)),
  });

  app.patch("/api/v1/notifications/channels/:id", {
    schema: {
      tags: ["notifications"],
      summary: "Change a channel: name, destination, events, systems, on/off, or rotate its secret",
      params: IdParams,
      body: ChannelUpdate,
      response: { 200: Channel, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req) => updateChannel(contextFor(req, database, clock, "admin"), req.params.id, req.body),
  });

  app.delete("/api/v1/notifications/channels/:id", {
    schema: {
      tags: ["notifications"],
      summary: "Remove a channel; what it had not sent yet is skipped",
      params: IdParams,
      response: { 204: z.null(), ...errorResponses(401, 403, 404) },
    },
    handler: async (req, reply) => {
      await archiveChannel(contextFor(req, database, clock, "admin"), req.params.id);
      return reply.status(204).send(null);
    },
  });

  app.post("/api/v1/notifications/channels/:id/test", {
    schema: {
      tags: ["notifications"],
      summary: "Send a test notification through a channel now",
      params: IdParams,
      response: { 200: TestResult, ...errorResponses(401, 403, 404) },
    },
    handler: async (req) => {
      const result = await testChannel(contextFor(req, database, clock, "admin"), req.params.id, transport());
      return { ok: result.ok, status: result.status, error: result.error };
    },
  });

  app.get("/api/v1/notifications/deliveries", {
    schema: {
      tags: ["notifications"],
      summary: "Recent deliveries with their attempts and errors (admins)",
      querystring: DeliveriesQuery,
      response: { 200: ItemsOf(Delivery), ...errorResponses(400, 401, 403) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "read");
      enforce(adminPermission(ctx.actor));
      return {
        items: await listDeliveries(db, {
          limit: req.query.limit,
          ...(req.query.status && { status: req.query.status }),
          ...(req.query.channelId && { channelId: req.query.channelId }),
        }),
      };
    },
  });

  app.get("/api/v1/notifications/events", {
    schema: {
      tags: ["notifications"],
      summary: "What Parley has notified about, newest first",
      querystring: EventsQuery,
      response: { 200: ItemsOf(NotificationEvent), ...errorResponses(400, 401) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "read");
      return {
        items: await listEvents(db, {
          limit: req.query.limit,
          personId: req.query.mine ? ctx.actor.id : null,
        }),
      };
    },
  });

  app.get("/api/v1/me/notification-preferences", {
    schema: {
      tags: ["notifications"],
      summary: "What I receive by e-mail: per event kind at once, in the weekly digest, or not",
      response: { 200: Preferences, ...errorResponses(401) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "read");
      return { email: deps.mailer.configured, modes: await preferencesOf(db, ctx.actor.id) };
    },
  });

  app.put("/api/v1/me/notification-preferences", {
    schema: {
      tags: ["notifications"],
      summary: "Change what I receive by e-mail",
      body: PreferencesUpdate,
      response: { 200: Preferences, ...errorResponses(400, 401) },
    },
    handler: async (req) => ({
      email: deps.mailer.configured,
      modes: await setPreferences(contextFor(req, database, clock, "write"), req.body),
    }),
  });

  app.get("/api/v1/systems/:ref/review-cadence", {
    schema: {
      tags: ["notifications"],
      summary: "How often the system's owners hold a conversation round, and when the next is due",
      params: RefParams,
      response: { 200: ReviewCadence, ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "read");
      return reviewCadenceOf(db, req.params.ref, ctx.now);
    },
  });

  app.put("/api/v1/systems/:ref/review-cadence", {
    schema: {
      tags: ["notifications"],
      summary: "Set the review cadence, e.g. every 90 days; null removes it",
      params: RefParams,
      body: ReviewCadenceSet,
      response: { 200: ReviewCadence, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req) =>
      setReviewCadence(contextFor(req, database, clock, "write"), req.params.ref, req.body.everyDays),
  });

  app.get("/api/v1/scheduler/jobs", {
    schema: {
      tags: ["notifications"],
      summary: "The server's periodic jobs: when each last ran, on which server, and when it runs next",
      response: { 200: ItemsOf(Job), ...errorResponses(401, 403) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "read");
      enforce(adminPermission(ctx.actor));
      const rows = await db.selectFrom("scheduledJobs").selectAll().execute();
      return { items: jobStatus(defaultJobs({ database, transport: transport() }), rows) };
    },
  });
}
