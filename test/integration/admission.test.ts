import { Agent, request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import type { App } from "../../src/server/deps.js";
import { freshDatabase } from "./harness.js";

// A saturated server must still accept and answer new connections in turn (src/server/admission.ts).
// Node accepts one new connection per turn of its event loop; without admission, each turn grows
// to serve every busy client once, so the last of many newcomers waits behind thousands of
// responses. Measured in responses served, not in milliseconds, so a slow machine does not matter.
describe("admission under saturation", () => {
  const BUSY_CLIENTS = 60;
  const NEWCOMERS = 40;
  let app: App;
  let drop: () => Promise<void>;
  let port = 0;
  let served = 0;

  beforeAll(async () => {
    const fresh = await freshDatabase("sqlite");
    drop = fresh.drop;
    app = await buildApp({ database: fresh.database });
    // About a millisecond of synchronous work per request, like a read on SQLite.
    app.get("/test/busy", { schema: { hide: true } }, async () => {
      const until = performance.now() + 1;
      while (performance.now() < until);
      served += 1;
      return { served };
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const get = (agent: Agent) =>
    new Promise<void>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/test/busy", agent }, (res) => {
        res.resume();
        res.on("end", resolve);
      });
      req.on("error", reject);
      req.end();
    });

  it("answers each of many new connections after a bounded number of other responses", async () => {
    const busy = new Agent({ keepAlive: true, maxSockets: BUSY_CLIENTS });
    let running = true;
    const loops = Array.from({ length: BUSY_CLIENTS }, async () => {
      while (running) await get(busy);
    });
    while (served < BUSY_CLIENTS * 5) await new Promise((r) => setTimeout(r, 10));

    const start = served;
    const waitedBehind = await Promise.all(
      Array.from({ length: NEWCOMERS }, async () => {
        const fresh = new Agent({ keepAlive: false });
        await get(fresh);
        return served - start;
      }),
    );
    running = false;
    await Promise.all(loops);
    busy.destroy();
    // Unfair, the last newcomer waits about NEWCOMERS × BUSY_CLIENTS (2,400) responses; in turn,
    // about NEWCOMERS × 8 plus the queue already waiting.
    expect(Math.max(...waitedBehind)).toBeLessThan((NEWCOMERS * BUSY_CLIENTS) / 2);
  });
});
