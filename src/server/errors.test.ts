import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { ParleyError, upstream, type ErrorKind } from "../core/errors.js";
import { handleError } from "./errors.js";

// Every error kind reaches the client with its documented status and the one error body shape.

const EXPECTED: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  upstream: 502,
};

async function answerTo(err: Error) {
  const app = Fastify();
  app.setErrorHandler(handleError);
  app.get("/", async () => {
    throw err;
  });
  const res = await app.inject({ method: "GET", url: "/" });
  await app.close();
  return { status: res.statusCode, body: res.json() };
}

describe("handleError", () => {
  it.each(Object.entries(EXPECTED))("sends a %s error as %i with its code", async (kind, status) => {
    const res = await answerTo(new ParleyError(kind as ErrorKind, "some_code", "Do this next."));
    expect(res).toEqual({ status, body: { error: { code: "some_code", message: "Do this next." } } });
  });

  it("an upstream refusal keeps its details (the mail server's answer)", async () => {
    const res = await answerTo(
      upstream("email_failed", "The e-mail could not be sent.", { transient: false, smtpCode: 550 }),
    );
    expect(res.status).toBe(502);
    expect(res.body.error).toEqual({
      code: "email_failed",
      message: "The e-mail could not be sent.",
      details: { transient: false, smtpCode: 550 },
    });
  });

  it("anything unknown is a plain 500 without internals", async () => {
    const res = await answerTo(new Error("SELECT secret FROM somewhere"));
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe("internal_error");
    expect(JSON.stringify(res.body)).not.toMatch(/secret/);
  });
});
