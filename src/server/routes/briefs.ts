import type { FastifyReply } from "fastify";
import { z } from "zod";
import { pageOf } from "../../contract/common.js";
import {
  Board,
  BoardQuery,
  Brief,
  BriefQuery,
  Changes,
  ChangesQuery,
  type Voice,
} from "../../contract/briefs.js";
import {
  LedgerEntry,
  LedgerEntryCreate,
  LedgerEntryCreateForSystem,
  LedgerEntryUpdate,
  LedgerQuery,
  LedgerRollup,
  LedgerRollupQuery,
} from "../../contract/ledger.js";
import { deleteLedgerEntry, recordLedgerEntry, updateLedgerEntry } from "../../commands/ledger.js";
import { buildBrief } from "../../core/briefs/index.js";
import { isoDate } from "../../core/calendar.js";
import { renderChangesMarkdown } from "../../briefs/changes-markdown.js";
import { renderBriefMarkdown } from "../../briefs/markdown.js";
import { renderBriefPdf } from "../../briefs/pdf.js";
import { loadBoard, loadBriefSnapshot, loadChanges } from "../../store/briefs.js";
import type { Db } from "../../store/database.js";
import { findLedgerRow, ledgerRollup, listLedger, presentLedgerEntries } from "../../store/ledger.js";
import { findSystemRow } from "../../store/systems.js";
import { contextFor } from "../auth.js";
import { errorResponses, IdParams, RefParams, type App, type ServerDeps } from "../deps.js";

const FORMAT_NOTE =
  " format=json (default) returns the structure below; format=md returns text/markdown; format=pdf returns application/pdf.";

/** A file name for a download: "parley-leadership-brief-support-assistant-2026-11-28.pdf". */
export function briefFileName(voice: Voice, systemKey: string | null, to: string, ext: "md" | "pdf"): string {
  return `parley-${voice}-brief-${systemKey ?? "portfolio"}-${to}.${ext}`;
}

function sendDocument(
  reply: FastifyReply,
  body: string | Buffer,
  type: string,
  fileName?: string,
): FastifyReply {
  void reply.type(type);
  if (fileName) void reply.header("content-disposition", `attachment; filename="${fileName}"`);
  return reply.send(body);
}

async function systemIdsOf(db: Db, ref: string | undefined): Promise<string[] | undefined> {
  return ref ? [(await findSystemRow(db, ref)).id] : undefined;
}

function registerLedgerRoutes(app: App, deps: ServerDeps): void {
  const { database, clock } = deps;
  const db = database.db;
  const created = (reply: FastifyReply, result: { entry: LedgerEntry; created: boolean }) =>
    reply.status(result.created ? 201 : 200).send(result.entry);

  app.get("/api/v1/ledger", {
    schema: {
      tags: ["ledger"],
      summary: "The invisible-work ledger: what safeguards caught or prevented, newest first",
      querystring: LedgerQuery,
      response: { 200: pageOf(LedgerEntry), ...errorResponses(400, 401, 404) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      const { systemId, ...rest } = req.query;
      return listLedger(db, { ...rest, systemIds: await systemIdsOf(db, systemId) });
    },
  });

  app.post("/api/v1/ledger", {
    schema: {
      tags: ["ledger"],
      summary:
        "Record what a safeguard caught or prevented (ingest or write token). 201 when new; 200 when externalId matched an entry and replaced it",
      body: LedgerEntryCreateForSystem,
      response: { 200: LedgerEntry, 201: LedgerEntry, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req, reply) => {
      const { system, ...input } = req.body;
      return created(
        reply,
        await recordLedgerEntry(contextFor(req, database, clock, "ingest"), system, input),
      );
    },
  });

  app.get("/api/v1/ledger/rollup", {
    schema: {
      tags: ["ledger"],
      summary:
        "Ledger totals per system or month over a period, optionally of one kind; one total per currency, never mixed",
      querystring: LedgerRollupQuery,
      response: { 200: LedgerRollup, ...errorResponses(400, 401, 404) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "read");
      return ledgerRollup(db, req.query, isoDate(ctx.now));
    },
  });

  app.get("/api/v1/ledger/:id", {
    schema: {
      tags: ["ledger"],
      summary: "One ledger entry",
      params: IdParams,
      response: { 200: LedgerEntry, ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      const [entry] = await presentLedgerEntries(db, [await findLedgerRow(db, req.params.id)]);
      return entry!;
    },
  });

  app.patch("/api/v1/ledger/:id", {
    schema: {
      tags: ["ledger"],
      summary: "Correct a ledger entry (its author or an admin)",
      params: IdParams,
      body: LedgerEntryUpdate,
      response: { 200: LedgerEntry, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (req) =>
      updateLedgerEntry(contextFor(req, database, clock, "write"), req.params.id, req.body),
  });

  app.delete("/api/v1/ledger/:id", {
    schema: {
      tags: ["ledger"],
      summary: "Remove a ledger entry (its author or an admin); the audit trail keeps it",
      params: IdParams,
      response: { 204: z.null(), ...errorResponses(401, 403, 404) },
    },
    handler: async (req, reply) => {
      await deleteLedgerEntry(contextFor(req, database, clock, "write"), req.params.id);
      return reply.status(204).send(null);
    },
  });

  app.get("/api/v1/systems/:ref/ledger", {
    schema: {
      tags: ["ledger"],
      summary: "A system's ledger entries, newest first",
      params: RefParams,
      querystring: LedgerQuery.omit({ systemId: true }),
      response: { 200: pageOf(LedgerEntry), ...errorResponses(400, 401, 404) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      return listLedger(db, { ...req.query, systemIds: await systemIdsOf(db, req.params.ref) });
    },
  });

  app.post("/api/v1/systems/:ref/ledger", {
    schema: {
      tags: ["ledger"],
      summary:
        'Record what a safeguard of this system caught, e.g. "Blocked 1,204 prompts carrying personal data this week" (ingest or write token)',
      params: RefParams,
      body: LedgerEntryCreate,
      response: { 200: LedgerEntry, 201: LedgerEntry, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req, reply) =>
      created(
        reply,
        await recordLedgerEntry(contextFor(req, database, clock, "ingest"), req.params.ref, req.body),
      ),
  });
}

/**
 * Briefs, the ledger, "what changed since" and the board view. Register on the app before it is
 * ready: `registerBriefRoutes(app, deps)`.
 */
export function registerBriefRoutes(app: App, deps: ServerDeps): void {
  const { database, clock } = deps;
  const db = database.db;
  registerLedgerRoutes(app, deps);

  app.get("/api/v1/briefs", {
    schema: {
      tags: ["briefs"],
      summary: `A brief for leadership or engineering, for one system or the portfolio, over a period.${FORMAT_NOTE}`,
      querystring: BriefQuery,
      response: { 200: Brief, ...errorResponses(400, 401, 404) },
    },
    handler: async (req, reply) => {
      const ctx = contextFor(req, database, clock, "read");
      const { voice, system, from, to, format } = req.query;
      const snapshot = await loadBriefSnapshot(db, { systemRef: system, from, to }, ctx.now);
      const brief = buildBrief(snapshot, voice);
      const key = brief.scope.system?.key ?? null;
      if (format === "md")
        return sendDocument(
          reply,
          renderBriefMarkdown(brief),
          "text/markdown; charset=utf-8",
          briefFileName(voice, key, brief.period.to, "md"),
        );
      if (format === "pdf")
        return sendDocument(
          reply,
          await renderBriefPdf(brief),
          "application/pdf",
          briefFileName(voice, key, brief.period.to, "pdf"),
        );
      return brief;
    },
  });

  app.get("/api/v1/systems/:ref/changes", {
    schema: {
      tags: ["timeline"],
      summary:
        "What changed in a system since a date or a round: added, changed (field: before → after), decided, removed. format=md returns text/markdown",
      params: RefParams,
      querystring: ChangesQuery,
      response: { 200: Changes, ...errorResponses(400, 401, 404) },
    },
    handler: async (req, reply) => {
      const ctx = contextFor(req, database, clock, "read");
      const changes = await loadChanges(db, { systemRef: req.params.ref, ...req.query }, ctx.now);
      if (req.query.format === "md")
        return sendDocument(reply, renderChangesMarkdown(changes), "text/markdown; charset=utf-8");
      return changes;
    },
  });

  app.get("/api/v1/changes", {
    schema: {
      tags: ["timeline"],
      summary: "What changed across the workspace since a date or a round. format=md returns text/markdown",
      querystring: ChangesQuery,
      response: { 200: Changes, ...errorResponses(400, 401, 404) },
    },
    handler: async (req, reply) => {
      const ctx = contextFor(req, database, clock, "read");
      const changes = await loadChanges(db, req.query, ctx.now);
      if (req.query.format === "md")
        return sendDocument(reply, renderChangesMarkdown(changes), "text/markdown; charset=utf-8");
      return changes;
    },
  });

  app.get("/api/v1/board", {
    schema: {
      tags: ["portfolio"],
      summary:
        "The board view: systems by stage and outlook, spend against budget per currency, risks accepted and expiring, value protected, alignment",
      querystring: BoardQuery,
      response: { 200: Board, ...errorResponses(400, 401) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "read");
      return loadBoard(db, req.query, ctx.now);
    },
  });
}
