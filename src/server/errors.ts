import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import type { ErrorBody } from "../contract/common.js";
import { HTTP_STATUS, ParleyError } from "../core/errors.js";

function body(code: string, message: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details !== undefined && { details }) } };
}

interface Issue {
  path: string;
  message: string;
}

function validationIssues(err: FastifyError): Issue[] {
  const where = err.validationContext ?? "body";
  return (err.validation ?? []).map((v) => {
    const params = v.params as { issue?: { path?: unknown[] } } | undefined;
    const raw =
      params?.issue?.path ??
      String(v.instancePath ?? "")
        .split("/")
        .filter(Boolean);
    const path = [where, ...raw.map(String)].join(".");
    return { path, message: v.message ?? "is invalid" };
  });
}

/** Fastify's own 4xx errors (bad JSON, wrong media type, oversize body) get stable codes too. */
const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [
    400,
    "invalid_json",
    "The request body is not valid JSON. Check quotes, commas and brackets.",
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: [
    400,
    "empty_body",
    "The request says it sends JSON but the body is empty. Send a JSON object.",
  ],
  FST_ERR_CTP_BODY_TOO_LARGE: [
    413,
    "payload_too_large",
    "The request body is too large. Split it into smaller requests.",
  ],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    "unsupported_media_type",
    "Send the body as JSON with the header Content-Type: application/json.",
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    400,
    "invalid_content_length",
    "The Content-Length header does not match the body.",
  ],
  FST_ERR_CTP_INVALID_TYPE: [
    400,
    "invalid_content_type",
    "The Content-Type header is malformed. Use application/json.",
  ],
};

/**
 * The one error handler: known errors become their documented status and code; anything else is a
 * plain 500 with no internals, logged with its stack for the operator.
 */
export function handleError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  if (err instanceof ParleyError) {
    const retry = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (retry !== undefined) void reply.header("retry-after", String(retry));
    void reply.status(HTTP_STATUS[err.kind]).send(body(err.code, err.message, err.details));
    return;
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = validationIssues(err);
    const first = issues[0];
    const message = first
      ? `${first.path}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : ""}. Fix the field and send again.`
      : "The request does not match the schema. See /api/docs.";
    void reply.status(400).send(body("validation_failed", message, { issues }));
    return;
  }
  const known = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (known) {
    void reply.status(known[0]).send(body(known[1], known[2]));
    return;
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err, issues: err.cause.issues }, "response did not match its schema");
    void reply
      .status(500)
      .send(body("internal_error", "Something went wrong on the server. It has been logged; try again."));
    return;
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = (err.code ?? "bad_request").replace(/^FST_ERR_/, "").toLowerCase();
    void reply.status(status).send(body(code, err.message));
    return;
  }
  req.log.error({ err }, "unhandled error");
  void reply
    .status(500)
    .send(body("internal_error", "Something went wrong on the server. It has been logged; try again."));
}
