import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, DIALECTS, type TestWorld } from "../integration/harness.js";
import { fillPath, isErrorBody, send, type Method } from "./support/http.js";

// Authentication comes before validation: an anonymous caller with bad input is told to sign in
// (401), not what is wrong with the input (400). Routes that declare `security: []` in the OpenAPI
// document are open to everyone and validate as before.

interface DocumentedOperation {
  key: string;
  method: Method;
  path: string;
  hasBody: boolean;
  open: boolean;
}

async function operationsOf(w: TestWorld): Promise<DocumentedOperation[]> {
  const doc = (await w.anonymous.get("/api/openapi.json")).body as {
    paths: Record<string, Record<string, { requestBody?: unknown; security?: unknown[] }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
      .map(([method, op]) => ({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase() as Method,
        path,
        hasBody: op.requestBody !== undefined,
        open: Array.isArray(op.security) && op.security.length === 0,
      })),
  );
}

/** Path values that exist nowhere, and a body no route accepts: everything about the input is wrong. */
function badRequest(op: DocumentedOperation) {
  return {
    method: op.method,
    url: fillPath(op.path, new Proxy({}, { get: () => "no-such-thing" }) as Record<string, string>),
    ...(op.hasBody && { raw: '"not what this route takes"' }),
  };
}

describe.each(DIALECTS)("[%s] authentication before validation", (dialect) => {
  let w: TestWorld;
  let operations: DocumentedOperation[];
  beforeAll(async () => {
    w = await createWorld(dialect);
    operations = await operationsOf(w);
  });
  afterAll(() => w?.close());

  it("answers an anonymous caller with bad input 401 on every route that needs a caller", async () => {
    const guarded = operations.filter((op) => !op.open);
    expect(guarded.length).toBeGreaterThan(50);
    const wrong: string[] = [];
    for (const op of guarded) {
      const res = await send(w.app, badRequest(op));
      // The OTLP receiver answers in its protocol's error format (google.rpc.Status), not JSON.
      const code = isErrorBody(res.json) ? res.json.error.code : op.path.startsWith("/v1/") ? "otlp" : "";
      if (res.status !== 401 || !["unauthenticated", "otlp"].includes(code))
        wrong.push(`${op.key}: ${res.status} ${code}`);
    }
    expect(wrong).toEqual([]);
  });

  it("still validates first for signed-in callers, and on the routes open to everyone", async () => {
    const res = await send(w.app, {
      method: "POST",
      url: "/api/v1/systems",
      auth: { cookie: w.engineer.cookie },
      body: { key: "Not A Key" },
    });
    expect(res.status).toBe(400);
    const anonymous = await send(w.app, {
      method: "POST",
      url: "/api/v1/systems",
      body: { key: "Not A Key" },
    });
    expect(anonymous.status).toBe(401);

    const open = operations.filter((op) => op.open).map((op) => op.key);
    expect(open).toEqual(
      expect.arrayContaining([
        "GET /api/health",
        "POST /api/v1/auth/sign-in",
        "POST /api/v1/invitations/accept",
        "GET /api/v1/config/schema",
      ]),
    );
    const signIn = await send(w.app, { method: "POST", url: "/api/v1/auth/sign-in", body: { email: 3 } });
    expect(signIn.status).toBe(400);
    expect(isErrorBody(signIn.json) && signIn.json.error.code).toBe("validation_failed");
  });
});
