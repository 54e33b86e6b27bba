import { Readable } from "node:stream";
import type { FastifyReply } from "fastify";
import {
  CsvDocument,
  DecisionsExportQuery,
  LedgerExportQuery,
  PeopleExportQuery,
  RisksExportQuery,
  SignalExportQuery,
} from "../../contract/exports.js";
import type { LedgerEntry } from "../../contract/ledger.js";
import type { Person } from "../../contract/people.js";
import type { Decision, Risk } from "../../contract/risks.js";
import type { Series } from "../../contract/signals.js";
import type { z } from "zod";
import { isoDate } from "../../core/calendar.js";
import { CSV_CONTENT_TYPE, csvFileName, csvLines, toCsv, type CsvColumn } from "../../core/csv.js";
import { ParleyError } from "../../core/errors.js";
import { adminPermission } from "../../core/people.js";
import { enforce } from "../../commands/context.js";
import type { Db } from "../../store/database.js";
import { ledgerRows, presentLedgerEntries } from "../../store/ledger.js";
import { listPeople } from "../../store/people.js";
import { listDecisions, queryRisks } from "../../store/risks.js";
import { findSignalRow, readSeries } from "../../store/signals.js";
import { findSystemRow } from "../../store/systems.js";
import type { PointsTable } from "../../store/schema.js";
import { contextFor } from "../auth.js";
import { errorResponses, IdParams, type App, type ServerDeps } from "../deps.js";

// What each download holds: one column list per export, so the headers are the documentation.

const iso = (ms: number) => new Date(ms).toISOString();
const list = (items: readonly string[]) => items.join("; ");

const RISK_COLUMNS: CsvColumn<Risk>[] = [
  { header: "system", value: (r) => r.systemKey },
  { header: "risk_id", value: (r) => r.id },
  { header: "title", value: (r) => r.title },
  { header: "class", value: (r) => r.class },
  { header: "posture", value: (r) => r.posture },
  { header: "likelihood", value: (r) => r.likelihood, numeric: true },
  { header: "impact", value: (r) => r.impact, numeric: true },
  { header: "closed", value: (r) => r.closed },
  // Engineering view
  { header: "failure_mode", value: (r) => r.failureMode },
  { header: "triggers_and_edge_cases", value: (r) => r.triggers },
  { header: "dependencies", value: (r) => r.dependencies },
  { header: "growth", value: (r) => r.growth },
  { header: "growth_drivers", value: (r) => list(r.growthDrivers) },
  { header: "revealing_signals", value: (r) => list(r.revealingSignals) },
  { header: "safeguards", value: (r) => list(r.safeguards.map((s) => `${s.name} (${s.status})`)) },
  // Leadership view
  { header: "business_impact", value: (r) => r.businessImpact },
  { header: "impact_areas", value: (r) => list(r.impactAreas) },
  { header: "cost_of_failure_low", value: (r) => r.costOfFailure?.low, numeric: true },
  { header: "cost_of_failure_high", value: (r) => r.costOfFailure?.high, numeric: true },
  { header: "cost_currency", value: (r) => r.costOfFailure?.currency },
  // The live decision
  { header: "decision", value: (r) => r.currentDecision?.outcome },
  { header: "decision_rationale", value: (r) => r.currentDecision?.rationale },
  { header: "decision_conditions", value: (r) => r.currentDecision?.conditions },
  { header: "decided_by", value: (r) => r.currentDecision?.decidedBy.name },
  { header: "decided_at", value: (r) => r.currentDecision?.decidedAt },
  { header: "review_by", value: (r) => r.currentDecision?.reviewBy },
  { header: "expires_in_days", value: (r) => r.expiresInDays, numeric: true },
  { header: "proposed_by", value: (r) => r.proposedBy.name },
  { header: "created_at", value: (r) => r.createdAt },
  { header: "updated_at", value: (r) => r.updatedAt },
];

type DecisionRow = Decision & { risk: Risk };
const DECISION_COLUMNS: CsvColumn<DecisionRow>[] = [
  { header: "system", value: (d) => d.risk.systemKey },
  { header: "risk_id", value: (d) => d.riskId },
  { header: "risk_title", value: (d) => d.risk.title },
  { header: "decision_id", value: (d) => d.id },
  { header: "outcome", value: (d) => d.outcome },
  { header: "status", value: (d) => (d.supersededBy ? "superseded" : "current") },
  { header: "rationale", value: (d) => d.rationale },
  { header: "conditions", value: (d) => d.conditions },
  { header: "review_by", value: (d) => d.reviewBy },
  { header: "decided_by", value: (d) => d.decidedBy.name },
  { header: "decided_by_side", value: (d) => d.decidedBy.side },
  { header: "decided_at", value: (d) => d.decidedAt },
  { header: "superseded_by", value: (d) => d.supersededBy },
];

const LEDGER_COLUMNS: CsvColumn<LedgerEntry>[] = [
  { header: "occurred_on", value: (e) => e.occurredOn },
  { header: "system", value: (e) => e.system.key },
  { header: "system_name", value: (e) => e.system.name },
  { header: "kind", value: (e) => e.kind },
  { header: "summary", value: (e) => e.summary },
  { header: "value_low", value: (e) => e.value?.low, numeric: true },
  { header: "value_high", value: (e) => e.value?.high, numeric: true },
  { header: "currency", value: (e) => e.value?.currency },
  { header: "estimate_basis", value: (e) => e.estimateBasis },
  { header: "safeguard", value: (e) => e.safeguard?.name },
  { header: "evidence_url", value: (e) => e.evidenceUrl },
  { header: "external_id", value: (e) => e.externalId },
  { header: "entered_by", value: (e) => e.enteredBy.name },
  { header: "created_at", value: (e) => e.createdAt },
  { header: "entry_id", value: (e) => e.id },
];

const SERIES_COLUMNS: CsvColumn<Series["points"][number]>[] = [
  { header: "bucket_start", value: (p) => iso(p.t) },
  { header: "bucket_start_ms", value: (p) => p.t, numeric: true },
  { header: "value", value: (p) => p.v, numeric: true },
  { header: "points", value: (p) => p.count, numeric: true },
  { header: "min", value: (p) => p.min, numeric: true },
  { header: "max", value: (p) => p.max, numeric: true },
];

type RawPoint = Pick<PointsTable, "t" | "value" | "denominator" | "source">;
const RAW_COLUMNS: CsvColumn<RawPoint>[] = [
  { header: "time", value: (p) => iso(Number(p.t)) },
  { header: "time_ms", value: (p) => Number(p.t), numeric: true },
  { header: "value", value: (p) => Number(p.value), numeric: true },
  {
    header: "denominator",
    value: (p) => (p.denominator === null ? null : Number(p.denominator)),
    numeric: true,
  },
  { header: "source", value: (p) => p.source },
];

const PEOPLE_COLUMNS: CsvColumn<Person>[] = [
  { header: "name", value: (p) => p.name },
  { header: "email", value: (p) => p.email },
  { header: "side", value: (p) => p.side },
  { header: "admin", value: (p) => p.isAdmin },
  { header: "disabled", value: (p) => p.disabled },
  { header: "created_at", value: (p) => p.createdAt },
  { header: "person_id", value: (p) => p.id },
];

function sendCsv(reply: FastifyReply, fileName: string, body: string | Readable): FastifyReply {
  void reply.type(CSV_CONTENT_TYPE);
  void reply.header("content-disposition", `attachment; filename="${fileName}"`);
  return reply.send(body);
}

async function systemFilter(db: Db, ref: string | undefined): Promise<{ ids?: string[]; key: string }> {
  if (!ref) return { key: "all" };
  const system = await findSystemRow(db, ref);
  return { ids: [system.id], key: system.key };
}

const RAW_PAGE = 5_000;

/** Every point of a signal in [from, to), read in keyset pages so a long range streams. */
async function* rawPoints(db: Db, signalId: string, from: number, to: number): AsyncGenerator<RawPoint[]> {
  let after: { t: number; source: string } | null = null;
  for (;;) {
    let q = db
      .selectFrom("points")
      .select(["t", "value", "denominator", "source"])
      .where("signalId", "=", signalId)
      .where("t", ">=", from)
      .where("t", "<", to);
    if (after) {
      const { t, source } = after;
      q = q.where((eb) => eb.or([eb("t", ">", t), eb.and([eb("t", "=", t), eb("source", ">", source)])]));
    }
    const page = await q.orderBy("t").orderBy("source").limit(RAW_PAGE).execute();
    if (page.length > 0) yield page;
    if (page.length < RAW_PAGE) return;
    const last = page[page.length - 1]!;
    after = { t: Number(last.t), source: last.source };
  }
}

async function* rawCsv(
  db: Db,
  signalId: string,
  from: number,
  to: number,
  bom: boolean,
): AsyncGenerator<string> {
  let header = true;
  for await (const page of rawPoints(db, signalId, from, to)) {
    const lines = [...csvLines(RAW_COLUMNS, page, { bom })];
    yield (header ? lines : lines.slice(1)).join("");
    header = false;
  }
  if (header) yield [...csvLines(RAW_COLUMNS, [], { bom })].join("");
}

type Query<T extends z.ZodType> = z.infer<T>;

export function registerExportRoutes(app: App, deps: ServerDeps): void {
  const { database, clock } = deps;
  const db = database.db;
  const csv = { 200: CsvDocument };

  app.get("/api/v1/risks/export.csv", {
    schema: {
      tags: ["risks"],
      summary:
        "The risk register as CSV: engineering and leadership views, posture, the live decision, review-by",
      querystring: RisksExportQuery,
      response: { ...csv, ...errorResponses(400, 401, 404) },
    },
    handler: async (req, reply) => {
      const ctx = contextFor(req, database, clock, "read");
      const { systemId, bom, ...filter }: Query<typeof RisksExportQuery> = req.query;
      const system = await systemFilter(db, systemId);
      const risks = await queryRisks(db, { ...filter, systemIds: system.ids }, isoDate(ctx.now));
      const name = csvFileName("parley-risks", system.key, isoDate(ctx.now));
      return sendCsv(reply, name, toCsv(RISK_COLUMNS, risks, { bom }));
    },
  });

  app.get("/api/v1/decisions/export.csv", {
    schema: {
      tags: ["decisions"],
      summary: "Risk decisions as CSV, superseded ones included unless current=true",
      querystring: DecisionsExportQuery,
      response: { ...csv, ...errorResponses(400, 401, 404) },
    },
    handler: async (req, reply) => {
      const ctx = contextFor(req, database, clock, "read");
      const system = await systemFilter(db, req.query.systemId);
      const risks = await queryRisks(db, { systemIds: system.ids }, isoDate(ctx.now));
      const rows: DecisionRow[] = [];
      for (const risk of risks) {
        for (const decision of await listDecisions(db, risk.id)) {
          if (!req.query.current || !decision.supersededBy) rows.push({ ...decision, risk });
        }
      }
      const name = csvFileName("parley-decisions", system.key, isoDate(ctx.now));
      return sendCsv(reply, name, toCsv(DECISION_COLUMNS, rows, { bom: req.query.bom }));
    },
  });

  app.get("/api/v1/ledger/export.csv", {
    schema: {
      tags: ["ledger"],
      summary: "The invisible-work ledger as CSV, newest first",
      querystring: LedgerExportQuery,
      response: { ...csv, ...errorResponses(400, 401, 404) },
    },
    handler: async (req, reply) => {
      const ctx = contextFor(req, database, clock, "read");
      const { systemId, bom, ...filter }: Query<typeof LedgerExportQuery> = req.query;
      const system = await systemFilter(db, systemId);
      const entries = await presentLedgerEntries(
        db,
        await ledgerRows(db, { ...filter, systemIds: system.ids }),
      );
      const name = csvFileName("parley-ledger", system.key, filter.from ?? "", filter.to ?? isoDate(ctx.now));
      return sendCsv(reply, name, toCsv(LEDGER_COLUMNS, entries, { bom }));
    },
  });

  app.get("/api/v1/signals/:id/export.csv", {
    schema: {
      tags: ["signals"],
      summary: "A signal as CSV: its daily or hourly series, or every raw point in a range",
      params: IdParams,
      querystring: SignalExportQuery,
      response: { ...csv, ...errorResponses(400, 401, 404) },
    },
    handler: async (req, reply) => {
      const ctx = contextFor(req, database, clock, "read");
      const signal = await findSignalRow(db, req.params.id);
      const to = req.query.to ? Date.parse(req.query.to) : ctx.now.getTime() + 1;
      const from = req.query.from ? Date.parse(req.query.from) : to - 90 * 86_400_000;
      if (from >= to) {
        throw new ParleyError(
          "invalid",
          "invalid_range",
          "`from` must be before `to`. Swap them and try again.",
          {
            field: "from",
          },
        );
      }
      const { resolution, bom } = req.query;
      const name = csvFileName(
        "parley-signal",
        signal.systemKey,
        signal.key,
        resolution,
        isoDate(new Date(from)),
        isoDate(new Date(to - 1)),
      );
      if (resolution === "raw") {
        return sendCsv(reply, name, Readable.from(rawCsv(db, signal.id, from, to, bom)));
      }
      const series = await readSeries(db, signal, { from, to, resolution });
      return sendCsv(reply, name, toCsv(SERIES_COLUMNS, series.points, { bom }));
    },
  });

  app.get("/api/v1/people/export.csv", {
    schema: {
      tags: ["identity"],
      summary: "Everyone in the workspace as CSV (admin)",
      querystring: PeopleExportQuery,
      response: { ...csv, ...errorResponses(400, 401, 403) },
    },
    handler: async (req, reply) => {
      const ctx = contextFor(req, database, clock, "admin");
      enforce(adminPermission(ctx.actor));
      const people = await listPeople(db, {});
      return sendCsv(
        reply,
        csvFileName("parley-people", isoDate(ctx.now)),
        toCsv(PEOPLE_COLUMNS, people, { bom: req.query.bom }),
      );
    },
  });
}
