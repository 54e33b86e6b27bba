import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/core/audit.js";
import { allAuditInOrder } from "../../src/store/audit.js";
import { createWorld, DIALECTS, PASSWORD, type TestWorld } from "./harness.js";

describe.each(DIALECTS)("identity, tokens and the API surface [%s]", (dialect) => {
  let w: TestWorld;

  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.close());

  it("serves health and an OpenAPI 3.1 document listing every resource", async () => {
    const health = await w.anonymous.get("/api/health");
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: "ok", database: dialect });
    const doc = (await w.anonymous.get("/api/openapi.json")).body;
    expect(doc.openapi).toBe("3.1.0");
    const paths = Object.keys(doc.paths).join("\n");
    for (const resource of [
      "systems",
      "questions",
      "rounds",
      "answers",
      "read-backs",
      "risks",
      "decisions",
      "safeguards",
      "statements",
      "portfolio",
    ]) {
      expect(paths).toContain(resource);
    }
    const docs = await w.app.inject({ method: "GET", url: "/api/docs/" });
    expect(docs.statusCode).toBe(200);
  });

  it("signs in, rejects wrong passwords without saying which part was wrong, and signs out", async () => {
    const bad = await w.anonymous.post("/api/v1/auth/sign-in", {
      email: "lena@test.dev",
      password: "wrong-password",
    });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe("invalid_credentials");
    const unknown = await w.anonymous.post("/api/v1/auth/sign-in", {
      email: "nobody@test.dev",
      password: PASSWORD,
    });
    expect(unknown.body.error.code).toBe("invalid_credentials");
    const me = await w.leader.get("/api/v1/auth/me");
    expect(me.body.person).toMatchObject({ email: "lena@test.dev", side: "leadership", isAdmin: false });
    const res = await w.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email: "lena@test.dev", password: PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === "parley_session")!;
    expect(cookie.httpOnly).toBe(true);
    const session = w.as({ cookie: cookie.value });
    expect((await session.post("/api/v1/auth/sign-out")).status).toBe(204);
    expect((await session.get("/api/v1/auth/me")).status).toBe(401);
  });

  it("refuses setup once the workspace has an admin", async () => {
    const res = await w.anonymous.post("/api/v1/setup", {
      name: "X",
      email: "x@test.dev",
      side: "leadership",
      password: "long-enough-pw",
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("already_set_up");
    expect((await w.anonymous.get("/api/v1/setup")).body.needsSetup).toBe(false);
  });

  it("lets only admins manage people", async () => {
    const denied = await w.leader.post("/api/v1/people", {
      name: "New",
      email: "new@test.dev",
      side: "engineering",
      password: "long-enough-pw",
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("admin_required");
    const added = await w.admin.post("/api/v1/people", {
      name: "New",
      email: "New@Test.dev",
      side: "engineering",
      password: "long-enough-pw",
    });
    expect(added.status).toBe(201);
    expect(added.body.email).toBe("new@test.dev");
    const dup = await w.admin.post("/api/v1/people", {
      name: "Dup",
      email: "new@test.dev",
      side: "engineering",
      password: "long-enough-pw",
    });
    expect(dup.status).toBe(409);
    const lastAdmin = await w.admin.patch(`/api/v1/people/${w.admin.person.id}`, { isAdmin: false });
    expect(lastAdmin.status).toBe(409);
    expect(lastAdmin.body.error.code).toBe("last_admin");
    const people = (await w.leader.get("/api/v1/people?side=engineering")).body.items;
    expect(people.every((p: { side: string }) => p.side === "engineering")).toBe(true);
    expect(JSON.stringify(people)).not.toContain("argon2");
  });

  it("issues API tokens whose scopes are enforced and which can be revoked", async () => {
    const created = await w.leader.post("/api/v1/tokens", { name: "read-only script", scopes: ["read"] });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^pk_/);
    const script = w.as({ token: created.body.token });
    expect((await script.get("/api/v1/portfolio")).status).toBe(200);
    const write = await script.post("/api/v1/systems", { key: "from-script", name: "x" });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe("token_scope_missing");
    const listed = (await w.leader.get("/api/v1/tokens")).body.items;
    expect(listed[0]).not.toHaveProperty("token");
    expect((await w.leader.del(`/api/v1/tokens/${created.body.id}`)).status).toBe(200);
    expect((await script.get("/api/v1/portfolio")).status).toBe(401);
    const adminScope = await w.leader.post("/api/v1/tokens", { name: "x", scopes: ["admin"] });
    expect(adminScope.status).toBe(403);
  });

  it("keeps a hash-chained audit trail that verifies", async () => {
    const entries = await allAuditInOrder(w.database.db);
    expect(entries.length).toBeGreaterThan(3);
    expect(verifyAuditChain(entries)).toEqual([]);
  });
});

describe("sign-in throttling", () => {
  it("locks an account after repeated failures with 429 and Retry-After", async () => {
    const w = await createWorld("sqlite");
    try {
      for (let i = 0; i < 5; i++) {
        const bad = await w.anonymous.post("/api/v1/auth/sign-in", {
          email: "lena@test.dev",
          password: `wrong-${i}`,
        });
        expect(bad.status).toBe(401);
      }
      const locked = await w.anonymous.post("/api/v1/auth/sign-in", {
        email: "lena@test.dev",
        password: PASSWORD,
      });
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe("too_many_sign_in_attempts");
      expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
      w.clock.now = new Date(w.clock.now.getTime() + 16 * 60_000);
      const later = await w.anonymous.post("/api/v1/auth/sign-in", {
        email: "lena@test.dev",
        password: PASSWORD,
      });
      expect(later.status).toBe(200);
    } finally {
      await w.close();
    }
  });
});
