import { ParleyError } from "../core/errors.js";

/** Prints data as JSON for scripts, or as human text. */
export function emit(json: boolean, data: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`);
}

/**
 * Turns any failure into a readable message and a non-zero exit code. Known errors print their
 * code and advice; unknown ones print the message only (the stack with PARLEY_DEBUG=1).
 */
export function fail(err: unknown, json: boolean): never {
  const code = err instanceof ParleyError ? err.code : "internal_error";
  const message = err instanceof Error ? err.message : String(err);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ error: { code, message, ...(err instanceof ParleyError && err.details !== undefined && { details: err.details }) } }, null, 2)}\n`,
    );
  } else {
    process.stderr.write(`parley: ${message}${code !== "internal_error" ? ` [${code}]` : ""}\n`);
    if (
      err instanceof ParleyError &&
      err.details &&
      typeof err.details === "object" &&
      "gaps" in err.details
    ) {
      for (const gap of (err.details as { gaps: Array<{ message: string }> }).gaps)
        process.stderr.write(`  - ${gap.message}\n`);
    }
    if (process.env.PARLEY_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  }
  process.exit(err instanceof ParleyError && err.kind !== "invalid" ? 2 : 1);
}
