import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { HTTP_STATUS, ParleyError } from "../../core/errors.js";
import { encodeError, type OtlpEncoding } from "./codec.js";

// The OTLP/HTTP protocol edge: encodings, error bodies and back-pressure, as the OTLP
// specification asks of a server (https://opentelemetry.io/docs/specs/otlp/#otlphttp).

export const OTLP_MEDIA_TYPES = ["application/x-protobuf", "application/protobuf", "application/json"];

export function encodingOf(contentType: string | undefined): OtlpEncoding {
  return contentType?.toLowerCase().includes("json") ? "json" : "protobuf";
}

export function mediaTypeOf(encoding: OtlpEncoding): string {
  return encoding === "json" ? "application/json" : "application/x-protobuf";
}

/** Sends an OTLP error: the status, and a google.rpc.Status body in the request's encoding. */
export function sendOtlpError(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
): void {
  const encoding = encodingOf(req.headers["content-type"]);
  void reply
    .status(status)
    .type(mediaTypeOf(encoding))
    .send(encodeError(encoding, status, code, message));
}

/**
 * The OTLP routes' error handler. Exporters read the status to decide whether to retry (429, 502,
 * 503, 504) or drop (other 4xx), so known errors keep their documented status; anything else is a
 * plain 500 with no internals, logged for the operator.
 */
export function otlpErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  if (err instanceof ParleyError) {
    sendOtlpError(req, reply, HTTP_STATUS[err.kind], err.code, err.message);
    return;
  }
  if (err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    sendOtlpError(
      req,
      reply,
      415,
      "unsupported_media_type",
      "Send OTLP as application/x-protobuf or application/json.",
    );
    return;
  }
  if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    sendOtlpError(req, reply, 413, "payload_too_large", "The body is too large; export smaller batches.");
    return;
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    sendOtlpError(
      req,
      reply,
      status,
      (err.code ?? "bad_request").replace(/^FST_ERR_/, "").toLowerCase(),
      err.message,
    );
    return;
  }
  req.log.error({ err }, "unhandled error in the OTLP receiver");
  sendOtlpError(
    req,
    reply,
    500,
    "internal_error",
    "Something went wrong on the server. It has been logged; try again.",
  );
}

/**
 * A bound on OTLP requests being processed at once. Past it the receiver answers 503 with
 * Retry-After, which OTLP exporters honour by backing off, instead of queueing without limit.
 */
export class InFlightLimit {
  private inFlight = 0;

  constructor(readonly max: number) {}

  tryEnter(): boolean {
    if (this.inFlight >= this.max) return false;
    this.inFlight += 1;
    return true;
  }

  leave(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  get current(): number {
    return this.inFlight;
  }
}
