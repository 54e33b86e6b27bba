import { describe, expect, it } from "vitest";
import { ReadCache } from "./read-cache.js";

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
      cache.get("map", 0, "ann", compute),
      cache.get("map", 0, "bob", compute),
    ]);
    expect([a, b, computations]).toEqual(["v0", "v0", 1]);

    version = 1;
    cache.noteWrite("ann");
    expect(await cache.get("map", 10, "bob", compute)).toBe("v0"); // fresh enough for bob
    expect(await cache.get("map", 10, "ann", compute)).toBe("v1"); // ann sees her own write
    expect(await cache.get("map", 20, "bob", compute)).toBe("v1"); // and so does everyone after it

    version = 2;
    expect(await cache.get("map", 5000, "bob", compute)).toBe("v1"); // stale: served, refresh starts
    await Promise.resolve();
    expect(await cache.get("map", 5001, "bob", compute)).toBe("v2");
  });
});
