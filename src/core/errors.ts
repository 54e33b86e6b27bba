/**
 * Errors are values with stable codes. The kind decides the HTTP status at the edge; the code is
 * what scripts match on; the message tells a person what to do next.
 */
export type ErrorKind =
  | "invalid"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_large"
  | "rate_limited"
  /** A server Parley depends on (the mail server) refused or could not be reached. */
  | "upstream";

/** The HTTP status each kind is sent with, by the API and the OTLP receiver alike. */
export const HTTP_STATUS: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  upstream: 502,
};

export class ParleyError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ParleyError";
  }
}

/** A thing that was asked for does not exist (or is not visible to the caller). */
export function notFound(entity: string, ref: string): ParleyError {
  return new ParleyError(
    "not_found",
    `${entity}_not_found`,
    `No ${entity.replace(/_/g, " ")} "${ref}" exists. Check the id or key.`,
  );
}

/** A rule forbids the caller from doing this; the message names the rule. */
export function forbidden(code: string, message: string, details?: unknown): ParleyError {
  return new ParleyError("forbidden", code, message, details);
}

/** The request conflicts with the current state (stale version, duplicate key, failed gate). */
export function conflict(code: string, message: string, details?: unknown): ParleyError {
  return new ParleyError("conflict", code, message, details);
}

/**
 * A server Parley relies on (e.g. the mail server) refused the work or could not be reached; what
 * Parley itself stored stays stored, and the message says what to retry.
 */
export function upstream(code: string, message: string, details?: unknown): ParleyError {
  return new ParleyError("upstream", code, message, details);
}

/** The input is well-formed but breaks a domain rule. */
export function invalid(code: string, message: string, details?: unknown): ParleyError {
  return new ParleyError("invalid", code, message, details);
}
