import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, DIALECTS, tableCounts, type TestWorld } from "./harness.js";

describe.each(DIALECTS)("bad input gets a clear 4xx and changes nothing [%s]", (dialect) => {
  let w: TestWorld;
  let before: Record<string, number>;

  beforeAll(async () => {
    w = await createWorld(dialect);
    await w.engineer.post("/api/v1/systems", { key: "bot", name: "Bot" });
    before = await tableCounts(w.database);
  });
  afterAll(async () => {
    expect(await tableCounts(w.database)).toEqual(before);
    await w.close();
  });

  it("answers malformed JSON with 400 invalid_json", async () => {
    const res = await w.engineer.post("/api/v1/systems", '{"key": "x", ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_json");
  });

  it("names the bad field on wrong types", async () => {
    const res = await w.engineer.post("/api/v1/systems/bot/risks", {
      title: "T",
      class: "quality",
      likelihood: "high",
      impact: 9,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain("body.likelihood");
    expect(paths).toContain("body.impact");
    expect(res.body.error.message).toMatch(/^body\.(likelihood|impact)/);
  });

  it("rejects unknown enum values, bad keys and bad dates", async () => {
    for (const body of [
      { key: "Bad Key!", name: "x" },
      { key: "ok-key", name: "x", stage: "launched" },
      { key: "ok-key", name: "x", targetDate: "next week" },
      { key: "ok-key", name: "" },
      { key: "ok-key", name: "x", valueEstimate: { amount: 5, currency: "dollars" } },
    ]) {
      const res = await w.engineer.post("/api/v1/systems", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
    }
  });

  it("answers unknown ids with 404 and a code", async () => {
    for (const url of [
      "/api/v1/systems/nope",
      "/api/v1/risks/nope",
      "/api/v1/rounds/nope",
      "/api/v1/safeguards/nope",
    ]) {
      const res = await w.engineer.get(url);
      expect(res.status, url).toBe(404);
      expect(res.body.error.code).toMatch(/_not_found$/);
    }
    const post = await w.engineer.post("/api/v1/asks/nope/answers", { body: "x" });
    expect(post.status).toBe(404);
    const unknownRoute = await w.engineer.get("/api/v1/nothing-here");
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body.error.code).toBe("route_not_found");
  });

  it("answers oversize bodies with 413", async () => {
    const res = await w.engineer.post("/api/v1/systems", {
      key: "big",
      name: "x",
      purpose: "a".repeat(2_000_000),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
  });

  it("refuses non-JSON bodies and cross-site writes", async () => {
    const res = await w.app.inject({
      method: "POST",
      url: "/api/v1/systems",
      headers: { cookie: `parley_session=${w.engineer.cookie}`, "content-type": "text/plain" },
      payload: "key=x",
    });
    expect(res.statusCode).toBe(415);
    const cross = await w.app.inject({
      method: "POST",
      url: "/api/v1/systems",
      headers: {
        cookie: `parley_session=${w.engineer.cookie}`,
        origin: "https://evil.example",
        host: "parley.local",
      },
      payload: { key: "evil", name: "x" },
    });
    expect(cross.statusCode).toBe(403);
    expect(JSON.parse(cross.body).error.code).toBe("cross_site_request");
  });

  it("rolls back a write that fails halfway (unknown risk in a safeguard)", async () => {
    const res = await w.engineer.post("/api/v1/systems/bot/safeguards", {
      name: "Guard",
      kind: "detect",
      riskIds: ["missing-risk"],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("unknown_risk");
  });

  it("refuses duplicate keys with 409 and stale versions with 409", async () => {
    const dup = await w.engineer.post("/api/v1/systems", { key: "bot", name: "Again" });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("system_key_taken");
    const stale = await w.engineer.patch("/api/v1/systems/bot", { name: "Renamed", version: 99 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
  });

  it("requires sign-in", async () => {
    const res = await w.anonymous.get("/api/v1/portfolio");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
    const badToken = await w.as({ token: "pk_nope" }).get("/api/v1/portfolio");
    expect(badToken.status).toBe(401);
    expect(badToken.body.error.code).toBe("invalid_token");
  });
});
