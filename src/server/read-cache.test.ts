import { describe, expect, it } from "vitest";
import { ReadCache } from "./read-cache.js";

const text = async (body: Promise<{ body: Buffer }>) => (await body).body.toString("utf8");

describe("ReadCache", () => {
  it("shares one computation, serves stale results to others while refreshing, and never to a writer", async () => {
    const cache = new ReadCache(1000);
    let version = 0;
    let computations = 0;
    const compute = async () => {
      computations += 1;
      return `v${version}`;
    };
    const [a, b] = await Promise.all([
      text(cache.get("map", 0, "ann", compute)),
      text(cache.get("map", 0, "bob", compute)),
    ]);
    expect([a, b, computations]).toEqual(["v0", "v0", 1]);

    version = 1;
    cache.noteWrite("ann");
    expect(await text(cache.get("map", 10, "bob", compute))).toBe("v0"); // fresh enough for bob
    expect(await text(cache.get("map", 10, "ann", compute))).toBe("v1"); // ann sees her own write
    expect(await text(cache.get("map", 20, "bob", compute))).toBe("v1"); // and so does everyone after it

    version = 2;
    expect(await text(cache.get("map", 5000, "bob", compute))).toBe("v1"); // stale: served, refresh starts
    // The refresh runs in the background (compression happens on libuv's thread pool): once it
    // lands, everyone gets it. Polled, not timed.
    let seen = "v1";
    for (let i = 0; i < 400 && seen === "v1"; i++) {
      await new Promise((r) => setTimeout(r, 5));
      seen = await text(cache.get("map", 5001, "bob", compute));
    }
    expect(seen).toBe("v2");
  });

  it("runs one computation at a time: writers during a computation share the one queued after it", async () => {
    const cache = new ReadCache(1000);
    let version = 0;
    let running = 0;
    let most = 0;
    let computations = 0;
    const compute = async () => {
      running += 1;
      most = Math.max(most, running);
      computations += 1;
      const seen = version;
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
      return `v${seen}`;
    };
    const first = text(cache.get("map", 0, "ann", compute));
    // Three people write while the first computation runs; each must see their own write.
    const later = ["bob", "cat", "dan"].map((who) => {
      version += 1;
      cache.noteWrite(who);
      return text(cache.get("map", 1, who, compute));
    });
    expect(await first).toBe("v0");
    expect(await Promise.all(later)).toEqual(["v3", "v3", "v3"]);
    expect([computations, most]).toEqual([2, 1]);
  });

  it("prepares the body once as bytes with a strong ETag that follows the content", async () => {
    const cache = new ReadCache(0);
    const a = await cache.get("map", 0, "ann", async () => '{"a":1}');
    expect(a.body.equals(Buffer.from('{"a":1}'))).toBe(true);
    expect(a.etag).toMatch(/^"[\w-]+"$/);
    cache.noteWrite("ann");
    const b = await cache.get("map", 1, "ann", async () => '{"a":2}');
    expect(b.etag).not.toBe(a.etag);
    cache.noteWrite("ann");
    const c = await cache.get("map", 2, "ann", async () => '{"a":2}');
    expect(c.etag).toBe(b.etag);
  });
});
