import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { migrateToLatest, openDatabase } from "../../src/store/database.js";
import { createWorld, DIALECTS, PASSWORD, type TestWorld } from "../integration/harness.js";
import { authOf, CALLERS, personOf, type CallerName, type PersonName } from "./support/callers.js";
import { fillPath, isErrorBody, send, type Auth } from "./support/http.js";
import { documentedOperations, servedApiRoutes, type Operation } from "./support/openapi.js";
import { buildWorkspace, type Fixtures } from "./support/workspace.js";
import { casesOf, ROUTES, type Outcome, type RequestContext, type RouteCase } from "./route-expectations.js";

// The route list comes from the app itself, so a new route shows up here without anyone touching
// this file, and fails until route-expectations.ts says who may call it.
const { operations, served } = await (async () => {
  const database = openDatabase(":memory:");
  await migrateToLatest(database);
  const app = await buildApp({ database });
  await app.ready();
  try {
    return { operations: await documentedOperations(app), served: servedApiRoutes(app) };
  } finally {
    await app.close();
    await database.close();
  }
})();

const EMAILS: Record<PersonName, string> = {
  engineer: "eli@test.dev",
  leader: "lena@test.dev",
  admin: "admin@test.dev",
};

function outcomeOf(status: number, json: unknown): Outcome {
  return isErrorBody(json) ? `${status} ${json.error.code}` : status;
}

describe("the route tables cover exactly what the app serves", () => {
  it("documents every API route it serves (a hidden route would escape the matrix)", () => {
    const documented = new Set(operations.map((o) => o.key));
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
    expect(served.length).toBeGreaterThan(0);
  });

  it("has no expectation for a route that no longer exists", () => {
    const documented = new Set(operations.map((o) => o.key));
    expect(Object.keys(ROUTES).filter((key) => !documented.has(key))).toEqual([]);
  });
});

describe.each(DIALECTS)("authorization matrix [%s]", (dialect) => {
  let w: TestWorld;
  let f: Fixtures;
  let counter = 0;

  beforeAll(async () => {
    w = await createWorld(dialect);
    f = await buildWorkspace(w);
  });
  afterAll(() => w?.close());

  async function freshCookie(person: PersonName): Promise<string> {
    const res = await w.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email: EMAILS[person], password: PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === "parley_session");
    if (!cookie) throw new Error(`sign-in failed for ${person}: ${res.body}`);
    return cookie.value;
  }

  async function tokenOwnedBy(person: PersonName): Promise<string> {
    const res = await w[person].post("/api/v1/tokens", { name: `spare-${++counter}`, scopes: ["read"] });
    if (res.status !== 201) throw new Error(`token fixture: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  /** Calls one case of one route as one caller; returns a line describing any mismatch. */
  async function check(op: Operation, c: RouteCase, caller: CallerName): Promise<string | null> {
    const ctx: RequestContext = {
      w,
      f,
      caller,
      unique: `u${++counter}`,
      tokenOwnedBy,
      person: personOf(caller),
    };
    const parts = (await c.request?.(ctx)) ?? {};
    let auth: Auth = authOf(w, f, caller);
    const person = personOf(caller);
    if (parts.freshSession && auth.cookie && person) auth = { cookie: await freshCookie(person) };
    const query = parts.query ? `?${new URLSearchParams(parts.query).toString()}` : "";
    const url = fillPath(op.path, { ref: f.systemKey, ...parts.params }) + query;
    const res = await send(w.app, { method: op.method, url, auth, body: parts.body });
    const expected = c.expect[caller];
    const actual = outcomeOf(res.status, res.json);
    const where = `${caller.padEnd(11)} ${op.method} ${url}`;
    if (res.status >= 400 && !isErrorBody(res.json)) return `${where}: ${res.status} without the error shape`;
    if (actual === expected) return null;
    const message = isErrorBody(res.json) ? ` (${res.json.error.message})` : "";
    return `${where}: expected ${expected}, got ${actual}${message}`;
  }

  it.each(operations.map((o) => [o.key, o] as const))("%s", async (key, op) => {
    const cases = casesOf(key);
    if (!cases) {
      throw new Error(
        `${key} is in the OpenAPI document but not in test/security/route-expectations.ts. ` +
          "Decide who may call it (reader, writer, adminOnly, ingester, anyone) and add an entry.",
      );
    }
    const mismatches: string[] = [];
    for (const c of cases) {
      for (const caller of CALLERS) {
        const problem = await check(op, c, caller);
        if (problem) mismatches.push(c.label ? `[${c.label}] ${problem}` : problem);
      }
    }
    expect(mismatches, `${key}:\n${mismatches.join("\n")}`).toEqual([]);
  });
});
