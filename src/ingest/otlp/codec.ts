import { promisify } from "node:util";
import { gunzip, inflate } from "node:zlib";
import { ParleyError } from "../../core/errors.js";
import { decodeTracesLean } from "./lean-traces.js";
import { OTLP_TYPES } from "./proto.js";
import type { OtlpObject } from "./values.js";

export type OtlpKind = "traces" | "metrics" | "logs";
export type OtlpEncoding = "protobuf" | "json";

/** Largest decompressed OTLP body; a gzip bomb stops here. */
export const MAX_OTLP_BYTES = 64 * 1024 * 1024;

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

const ROOT_FIELD: Record<OtlpKind, [string, string]> = {
  traces: ["resourceSpans", "resource_spans"],
  metrics: ["resourceMetrics", "resource_metrics"],
  logs: ["resourceLogs", "resource_logs"],
};

export function malformed(message: string): ParleyError {
  return new ParleyError("invalid", "otlp_malformed", message);
}

/** What a decompressed body may grow to, and how to say it is too large or not gzip at all. */
export interface InflateLimits {
  maxBytes: number;
  tooLarge: () => ParleyError;
  notGzip: () => ParleyError;
}

const OTLP_LIMITS: InflateLimits = {
  maxBytes: MAX_OTLP_BYTES,
  tooLarge: () =>
    new ParleyError(
      "too_large",
      "otlp_too_large",
      "The decompressed body is larger than 64 MB; export smaller batches.",
    ),
  notGzip: () => malformed("The body is not valid gzip data although Content-Encoding says so."),
};

/**
 * The body as sent, inflated when Content-Encoding says gzip (or deflate), never past
 * `limits.maxBytes` (a gzip bomb stops there). OTLP's limits unless others are given.
 */
export async function inflateBody(
  body: Buffer,
  contentEncoding: string | undefined,
  limits: InflateLimits = OTLP_LIMITS,
): Promise<Buffer> {
  const encoding = (contentEncoding ?? "identity").trim().toLowerCase();
  if (encoding === "" || encoding === "identity") return body;
  try {
    if (encoding === "gzip" || encoding === "x-gzip")
      return await gunzipAsync(body, { maxOutputLength: limits.maxBytes });
    if (encoding === "deflate") return await inflateAsync(body, { maxOutputLength: limits.maxBytes });
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw limits.tooLarge();
    throw limits.notGzip();
  }
  throw new ParleyError(
    "invalid",
    "unsupported_content_encoding",
    `Content-Encoding "${encoding}" is not supported; send gzip or an uncompressed body.`,
  );
}

/**
 * An OTLP export request as a plain object tree, from protobuf or OTLP/JSON. Both decoders yield
 * the same lowerCamelCase shape; the readers in values.ts smooth over the remaining differences.
 */
export function decodeRequest(kind: OtlpKind, body: Buffer, encoding: OtlpEncoding): OtlpObject {
  let decoded: unknown;
  if (encoding === "protobuf") {
    try {
      decoded = kind === "traces" ? decodeTracesLean(body) : OTLP_TYPES[kind].decode(body);
    } catch (err) {
      throw malformed(
        `The body is not a valid OTLP protobuf ${kind} request: ${err instanceof Error ? err.message : String(err)}.`,
      );
    }
  } else {
    try {
      decoded = JSON.parse(body.toString("utf8"));
    } catch {
      throw malformed("The body is not valid JSON. OTLP/JSON requests are JSON objects.");
    }
  }
  if (decoded === null || typeof decoded !== "object" || Array.isArray(decoded))
    throw malformed(`An OTLP ${kind} request must be a JSON object with "${ROOT_FIELD[kind][0]}".`);
  const [camel, snake] = ROOT_FIELD[kind];
  const items = (decoded as OtlpObject)[camel] ?? (decoded as OtlpObject)[snake];
  if (items !== undefined && items !== null && !Array.isArray(items))
    throw malformed(`"${camel}" must be an array.`);
  return decoded as OtlpObject;
}

const REJECTED_FIELD: Record<OtlpKind, string> = {
  traces: "rejectedSpans",
  metrics: "rejectedDataPoints",
  logs: "rejectedLogRecords",
};

export interface PartialSuccess {
  rejected: number;
  errorMessage: string;
}

/** The Export*ServiceResponse: partial_success only when something was refused, as OTLP requires. */
export function encodeResponse(
  kind: OtlpKind,
  encoding: OtlpEncoding,
  partial: PartialSuccess | null,
): Buffer | string {
  const body =
    partial && (partial.rejected > 0 || partial.errorMessage)
      ? { partialSuccess: { [REJECTED_FIELD[kind]]: partial.rejected, errorMessage: partial.errorMessage } }
      : {};
  if (encoding === "json") {
    // 64-bit integers are strings in OTLP/JSON.
    const json = body.partialSuccess
      ? { partialSuccess: { ...body.partialSuccess, [REJECTED_FIELD[kind]]: String(partial!.rejected) } }
      : {};
    return JSON.stringify(json);
  }
  const type = OTLP_TYPES[`${kind}Response`];
  return Buffer.from(type.encode(type.fromObject(body)).finish());
}

/** gRPC status codes used in OTLP error bodies. */
export const RPC_CODE: Record<number, number> = {
  400: 3, // INVALID_ARGUMENT
  401: 16, // UNAUTHENTICATED
  403: 7, // PERMISSION_DENIED
  404: 5, // NOT_FOUND
  413: 8, // RESOURCE_EXHAUSTED
  415: 3,
  429: 8,
  503: 14, // UNAVAILABLE
};

/**
 * An error body in the request's encoding: google.rpc.Status as OTLP specifies. The JSON form also
 * carries Parley's usual { error: { code, message } } so scripts can match the code.
 */
export function encodeError(
  encoding: OtlpEncoding,
  status: number,
  code: string,
  message: string,
): Buffer | string {
  const rpcCode = RPC_CODE[status] ?? 2;
  if (encoding === "json") return JSON.stringify({ code: rpcCode, message, error: { code, message } });
  const type = OTLP_TYPES.status;
  return Buffer.from(type.encode(type.fromObject({ code: rpcCode, message })).finish());
}
