import { z } from "zod";
import { Id, IsoDateTime } from "./common.js";
import { LedgerQuery } from "./ledger.js";
import { RisksQuery } from "./risks.js";

/** Options every CSV download takes. */
export const CsvQuery = z.object({
  bom: z
    .stringbool()
    .default(false)
    .describe("Start the file with a UTF-8 byte order mark, so Excel shows accents and symbols correctly"),
});

export const RisksExportQuery = RisksQuery.extend({
  systemId: Id.optional().describe("Only this system (id or key)"),
}).extend(CsvQuery.shape);

export const DecisionsExportQuery = z
  .object({
    systemId: Id.optional().describe("Only this system (id or key)"),
    current: z
      .stringbool()
      .optional()
      .describe("true: only each risk's live decision; default: every decision"),
  })
  .extend(CsvQuery.shape);

export const LedgerExportQuery = LedgerQuery.omit({ limit: true, offset: true }).extend(CsvQuery.shape);

export const SignalExportQuery = z
  .object({
    from: IsoDateTime.optional().describe("Start (default: 90 days before `to`)"),
    to: IsoDateTime.optional().describe("End, exclusive (default: now)"),
    resolution: z
      .enum(["day", "hour", "raw"])
      .default("day")
      .describe("day or hour: the rollup series; raw: every stored point with its source"),
  })
  .extend(CsvQuery.shape);

export const PeopleExportQuery = CsvQuery;

/** The body of a CSV download (documented as a string; sent as text/csv). */
export const CsvDocument = z
  .string()
  .describe(
    "CSV (RFC 4180, UTF-8, CRLF). Text cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) begin with a single quote.",
  );
