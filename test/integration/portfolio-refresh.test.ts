import { brotliDecompressSync, gunzipSync } from "node:zlib";
// The shared map reuses the rounds and risks of systems nobody wrote to between refreshes; these
// tests check that every write still shows on the next map, to everyone, and that a new day re-reads
// postures. Also the map's ETag: an unchanged map is revalidated without a body.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, DIALECTS, type TestWorld } from "./harness.js";

interface MapEntry {
  key: string;
  risks: { total: number; undecidedHighImpact: number; accepted: number; expired: number; unguarded: number };
}

describe.each(DIALECTS)("shared map refreshes [%s]", (dialect) => {
  let w: TestWorld;
  const entry = async (key: string, who: "leader" | "engineer" = "leader") => {
    const map = await w[who].get("/api/v1/portfolio");
    expect(map.status).toBe(200);
    return (map.body.systems as MapEntry[]).find((s) => s.key === key)!;
  };
  /** The map of a reader after the stale one was served once and its background refresh ended. */
  const refreshed = async (key: string) => {
    await entry(key);
    await new Promise((r) => setTimeout(r, 300));
    return entry(key);
  };

  beforeAll(async () => {
    w = await createWorld(dialect);
    for (const key of ["alpha", "beta"])
      expect((await w.engineer.post("/api/v1/systems", { key, name: key, purpose: "P" })).status).toBe(201);
  });
  afterAll(() => w.close());

  it("shows each write on the next map, for the writer at once and for others after the refresh", async () => {
    expect((await entry("alpha")).risks.total).toBe(0);
    const risk = await w.engineer.post("/api/v1/systems/alpha/risks", {
      title: "Wrong answers",
      class: "quality",
      likelihood: 3,
      impact: 5,
      growth: "quiet",
    });
    expect(risk.status).toBe(201);
    // The writer sees it at once (read-your-writes) ...
    expect((await entry("alpha", "engineer")).risks).toMatchObject({ total: 1, undecidedHighImpact: 1 });
    // ... and everyone else once the map is older than its 2 s.
    w.clock.now = new Date(w.clock.now.getTime() + 3_000);
    expect((await refreshed("alpha")).risks).toMatchObject({ total: 1, undecidedHighImpact: 1 });
    expect((await entry("beta")).risks.total).toBe(0);

    const reviewBy = new Date(w.clock.now.getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    const decided = await w.leader.post(`/api/v1/risks/${risk.body.id}/decisions`, {
      outcome: "accept",
      rationale: "Worth it for now",
      reviewBy,
    });
    expect(decided.status).toBe(201);
    expect((await entry("alpha")).risks).toMatchObject({ accepted: 1, undecidedHighImpact: 0, unguarded: 1 });

    const guard = await w.engineer.post("/api/v1/systems/alpha/safeguards", {
      name: "Answer checker",
      kind: "detect",
      riskIds: [risk.body.id],
    });
    expect(guard.status).toBe(201);
    expect((await entry("alpha", "engineer")).risks.unguarded).toBe(0);

    // A new day: the acceptance passes its review-by date without any write.
    w.clock.now = new Date(w.clock.now.getTime() + 12 * 86_400_000);
    expect((await refreshed("alpha")).risks).toMatchObject({ accepted: 0, expired: 1 });
  });

  it("answers If-None-Match with 304 while the map is unchanged", async () => {
    const first = await w.leader.get("/api/v1/portfolio");
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"/);
    expect(first.headers["cache-control"]).toBe("private, no-cache");
    const revalidate = (tag: string) =>
      w.app.inject({
        method: "GET",
        url: "/api/v1/portfolio",
        headers: { "if-none-match": tag, cookie: `parley_session=${w.leader.cookie}` },
      });
    const unchanged = await revalidate(etag);
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe("");
    expect((await revalidate('"something-else"')).statusCode).toBe(200);
    // Without a session there is no map, ETag or not.
    const anonymous = await w.app.inject({
      method: "GET",
      url: "/api/v1/portfolio",
      headers: { "if-none-match": etag },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it("sends the map compressed as the browser accepts it, each coding with its own ETag", async () => {
    const plain = await w.leader.get("/api/v1/portfolio");
    const fetchAs = (acceptEncoding: string, ifNoneMatch?: string) =>
      w.app.inject({
        method: "GET",
        url: "/api/v1/portfolio",
        headers: {
          "accept-encoding": acceptEncoding,
          cookie: `parley_session=${w.leader.cookie}`,
          ...(ifNoneMatch ? { "if-none-match": ifNoneMatch } : {}),
        },
      });
    const decoded = { gzip: gunzipSync, br: brotliDecompressSync };
    for (const coding of ["gzip", "br"] as const) {
      const res = await fetchAs(coding === "br" ? "gzip, deflate, br, zstd" : "gzip;q=1, br;q=0");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-encoding"]).toBe(coding);
      expect(res.headers.vary).toBe("accept-encoding");
      expect(res.headers.etag).not.toBe(plain.headers.etag);
      expect(JSON.parse(decoded[coding](res.rawPayload).toString("utf8"))).toEqual(plain.body);
      expect(res.rawPayload.length).toBeLessThan(JSON.stringify(plain.body).length);
      expect((await fetchAs(coding, res.headers.etag as string)).statusCode).toBe(304);
    }
    const identity = await fetchAs("identity");
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(identity.headers.etag).toBe(plain.headers.etag);
    // Nothing acceptable named: the plain body, never an error.
    expect((await fetchAs("compress, x-unknown")).headers["content-encoding"]).toBeUndefined();
  });
});
