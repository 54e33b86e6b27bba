import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import type { App } from "../../src/server/deps.js";
import { freshDatabase } from "./harness.js";

// How the server sends the built web app: the .br/.gz the build writes beside each file, and
// cache headers that let a browser keep hashed assets without asking again.
describe("web app files", () => {
  const root = mkdtempSync(join(tmpdir(), "parley-web-"));
  const script = `console.log(${JSON.stringify("x".repeat(4000))});`;
  let app: App;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    mkdirSync(join(root, "assets"));
    writeFileSync(
      join(root, "index.html"),
      '<!doctype html><script type="module" src="/assets/index-abc123.js"></script>',
    );
    writeFileSync(join(root, "assets/index-abc123.js"), script);
    writeFileSync(join(root, "assets/index-abc123.js.gz"), gzipSync(script));
    writeFileSync(join(root, "assets/index-abc123.js.br"), brotliCompressSync(script));
    const fresh = await freshDatabase("sqlite");
    drop = fresh.drop;
    app = await buildApp({ database: fresh.database, webRoot: root });
  });
  afterAll(async () => {
    await app.close();
    await drop();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    app.inject({ method: "GET", url, headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} });

  it("sends the precompressed file the browser accepts, brotli first", async () => {
    const br = await get("/assets/index-abc123.js", "gzip, deflate, br");
    expect(br.statusCode).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.rawPayload.length).toBeLessThan(script.length / 10);
    expect((await get("/assets/index-abc123.js", "gzip")).headers["content-encoding"]).toBe("gzip");
    const plain = await get("/assets/index-abc123.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it("lets browsers keep hashed assets for a year and revalidate the page itself", async () => {
    expect((await get("/assets/index-abc123.js", "br")).headers["cache-control"]).toBe(
      "public, max-age=31536000, immutable",
    );
    for (const url of ["/", "/systems/some-system"]) {
      const page = await get(url, "br");
      expect(page.statusCode).toBe(200);
      expect(page.headers["cache-control"]).toBe("no-cache");
      expect(page.body).toContain("/assets/index-abc123.js");
    }
  });
});
