// Typed wrappers for the connector routes: OpenTelemetry mappings and what the receiver refused, the
// price book, and FOCUS billing imports (the one upload that is not JSON: the CSV file is the body).
import type { z } from "zod";
import type {
  ConnectorRule,
  FocusImport,
  FocusImportResult,
  FocusRuleCreate,
  OtlpMappingCreate,
  Price,
  PriceCreate,
  PriceUpdate,
  Sighting,
} from "../../../src/contract/connectors.js";
import { API_BASE, ApiError, request, withQuery, type RequestOptions } from "./client.js";

type Items<T> = { items: T[] };
type Opts = RequestOptions;
const enc = encodeURIComponent;

/** Whether a file starts with gzip's magic bytes (a .csv.gz export), whatever its name says. */
async function isGzip(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * POSTs a file as text/csv and reads the JSON answer, with the same errors as every other call. A
 * gzipped file is sent as it is, with Content-Encoding: gzip, so the server inflates it.
 */
async function uploadCsv<T>(path: string, file: Blob): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", "content-type": "text/csv" };
  if (await isGzip(file)) headers["content-encoding"] = "gzip";
  let response: Response;
  try {
    response = await fetch(API_BASE + path, {
      method: "POST",
      credentials: "same-origin",
      headers,
      body: file,
    });
  } catch {
    throw new ApiError(
      0,
      "network_error",
      "Parley's server could not be reached. Check your connection and try again.",
    );
  }
  const text = await response.text();
  let payload: unknown;
  try {
    payload = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    payload = undefined;
  }
  if (!response.ok) {
    const error = (
      payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined
    )?.error;
    if (error && typeof error.code === "string" && typeof error.message === "string") {
      throw new ApiError(response.status, error.code, error.message, error.details);
    }
    throw new ApiError(
      response.status,
      `http_${response.status}`,
      `The server answered ${response.status}. Try again in a moment.`,
    );
  }
  return payload as T;
}

export const connectorsApi = {
  otlpMappings: (o?: Opts) => request<Items<ConnectorRule>>("GET", "/connectors/otlp/mappings", undefined, o),
  addOtlpMapping: (body: z.input<typeof OtlpMappingCreate>) =>
    request<ConnectorRule>("POST", "/connectors/otlp/mappings", body),
  removeOtlpMapping: (id: string) => request<void>("DELETE", `/connectors/otlp/mappings/${enc(id)}`),
  /** Services that sent GenAI telemetry but map to no system; their data was refused. */
  otlpUnmapped: (o?: Opts) => request<Items<Sighting>>("GET", "/connectors/otlp/unmapped", undefined, o),

  prices: (o?: Opts) => request<Items<Price>>("GET", "/connectors/prices", undefined, o),
  addPrice: (body: z.input<typeof PriceCreate>) => request<Price>("POST", "/connectors/prices", body),
  updatePrice: (id: string, body: z.input<typeof PriceUpdate>) =>
    request<Price>("PATCH", `/connectors/prices/${enc(id)}`, body),
  removePrice: (id: string) => request<void>("DELETE", `/connectors/prices/${enc(id)}`),
  /** Models seen in telemetry without a price: their tokens count, their cost does not. */
  missingPrices: (o?: Opts) => request<Items<Sighting>>("GET", "/connectors/prices/missing", undefined, o),

  focusRules: (o?: Opts) => request<Items<ConnectorRule>>("GET", "/connectors/focus/rules", undefined, o),
  addFocusRule: (body: z.input<typeof FocusRuleCreate>) =>
    request<ConnectorRule>("POST", "/connectors/focus/rules", body),
  removeFocusRule: (id: string) => request<void>("DELETE", `/connectors/focus/rules/${enc(id)}`),
  focusUnmapped: (o?: Opts) => request<Items<Sighting>>("GET", "/connectors/focus/unmapped", undefined, o),
  focusImports: (o?: Opts) => request<Items<FocusImport>>("GET", "/connectors/focus/imports", undefined, o),
  /** Imports a FOCUS CSV file; `dryRun` checks it without storing anything. */
  importFocus: (file: File, dryRun: boolean) =>
    uploadCsv<FocusImportResult>(
      withQuery("/connectors/focus", {
        fileName: file.name.slice(0, 200),
        dryRun: dryRun ? "true" : undefined,
      }),
      file,
    ),
  undoFocusImport: (id: string) => request<FocusImport>("DELETE", `/connectors/focus/imports/${enc(id)}`),
};
