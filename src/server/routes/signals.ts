import { z } from "zod";
import { IngestResult, Series, SeriesQuery, Signal, SignalCreate } from "../../contract/signals.js";
import { createSignal, ingestPoints, type NumberedRow } from "../../commands/signals.js";
import { ParleyError } from "../../core/errors.js";
import { ProblemList } from "../../core/point-input.js";
import { findSignalRow, listSignals, presentSignal, readSeries } from "../../store/signals.js";
import { findSystemRow } from "../../store/systems.js";
import { contextFor } from "../auth.js";
import { errorResponses, IdParams, ItemsOf, RefParams, type App, type ServerDeps } from "../deps.js";

export const MAX_POINTS_PER_REQUEST = 100_000;
export const INGEST_BODY_LIMIT = 64 * 1024 * 1024;

const PointsBody = z
  .union([
    z.array(z.unknown()).describe("A JSON array of points"),
    z.string().describe("NDJSON: one point object per line"),
  ])
  .describe(
    'Points like {"t":"2026-11-28T10:00:00Z","v":12.5,"n":100,"source":"billing"}; send application/json or application/x-ndjson',
  );

/** Numbers the rows of a JSON array or an NDJSON text; unparseable NDJSON lines become problems. */
function numberedRows(body: unknown[] | string, problems: ProblemList): NumberedRow[] {
  const tooMany = () =>
    new ParleyError(
      "too_large",
      "too_many_points",
      `Send at most ${MAX_POINTS_PER_REQUEST.toLocaleString("en")} points per request; split the batch.`,
    );
  if (Array.isArray(body)) {
    if (body.length > MAX_POINTS_PER_REQUEST) throw tooMany();
    return body.map((row, i) => ({ line: i + 1, row }));
  }
  const rows: NumberedRow[] = [];
  const lines = body.split("\n");
  if (lines.length > MAX_POINTS_PER_REQUEST + 1) throw tooMany();
  for (const [i, raw] of lines.entries()) {
    const text = raw.trim();
    if (!text) continue;
    try {
      rows.push({ line: i + 1, row: JSON.parse(text) });
    } catch {
      problems.add(i + 1, "not valid JSON");
    }
  }
  if (rows.length > MAX_POINTS_PER_REQUEST) throw tooMany();
  return rows;
}

/** A batch where every row was bad is a client error; otherwise the counts say what happened. */
function acknowledged(result: IngestResult): IngestResult {
  if (result.accepted === 0 && result.rejected > 0) {
    throw new ParleyError(
      "invalid",
      "no_valid_points",
      `None of the ${result.rejected} points could be stored; see details.problems for each line.`,
      {
        rejected: result.rejected,
        problems: result.problems,
      },
    );
  }
  return result;
}

export function registerSignalRoutes(app: App, deps: ServerDeps): void {
  const { database, clock } = deps;
  const db = database.db;

  app.addContentTypeParser(
    "application/x-ndjson",
    { parseAs: "string", bodyLimit: INGEST_BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );

  app.get("/api/v1/systems/:ref/signals", {
    schema: {
      tags: ["signals"],
      summary: "A system's production signals",
      params: RefParams,
      response: { 200: ItemsOf(Signal), ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      const system = await findSystemRow(db, req.params.ref);
      return { items: await listSignals(db, [system.id]) };
    },
  });

  app.post("/api/v1/systems/:ref/signals", {
    schema: {
      tags: ["signals"],
      summary: "Define a signal (cost, quality, error rate, manual work, ...)",
      params: RefParams,
      body: SignalCreate,
      response: { 201: Signal, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await createSignal(contextFor(req, database, clock, "write"), req.params.ref, req.body)),
  });

  app.get("/api/v1/signals/:id", {
    schema: {
      tags: ["signals"],
      summary: "One signal",
      params: IdParams,
      response: { 200: Signal, ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      const { systemKey, ...row } = await findSignalRow(db, req.params.id);
      return presentSignal(row, systemKey);
    },
  });

  app.get("/api/v1/signals/:id/series", {
    schema: {
      tags: ["signals"],
      summary: "Points or hourly/daily rollups for a chart",
      params: IdParams,
      querystring: SeriesQuery,
      response: { 200: Series, ...errorResponses(400, 401, 404) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "read");
      const signal = await findSignalRow(db, req.params.id);
      const to = req.query.to ? Date.parse(req.query.to) : ctx.now.getTime() + 1;
      const from = req.query.from ? Date.parse(req.query.from) : to - 90 * 86_400_000;
      return readSeries(db, signal, { from, to, resolution: req.query.resolution });
    },
  });

  app.post("/api/v1/signals/:id/points", {
    bodyLimit: INGEST_BODY_LIMIT,
    schema: {
      tags: ["signals"],
      summary:
        "Send points for one signal (JSON array or NDJSON, up to 100,000 per request); idempotent by time and source",
      params: IdParams,
      body: PointsBody,
      response: { 200: IngestResult, ...errorResponses(400, 401, 403, 404, 413) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "ingest");
      const signal = await findSignalRow(db, req.params.id);
      const problems = new ProblemList();
      return acknowledged(await ingestPoints(ctx, numberedRows(req.body, problems), signal.id, problems));
    },
  });

  app.post("/api/v1/points", {
    bodyLimit: INGEST_BODY_LIMIT,
    schema: {
      tags: ["signals"],
      summary:
        'Send points for many signals; each point names its signal as "system-key/signal-key" or a signal id',
      body: PointsBody,
      response: { 200: IngestResult, ...errorResponses(400, 401, 403, 413) },
    },
    handler: async (req) => {
      const ctx = contextFor(req, database, clock, "ingest");
      const problems = new ProblemList();
      return acknowledged(await ingestPoints(ctx, numberedRows(req.body, problems), null, problems));
    },
  });
}
