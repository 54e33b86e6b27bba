import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ParleyError } from "../../core/errors.js";
import { inflateBody } from "./codec.js";

const limits = (maxBytes: number) => ({
  maxBytes,
  tooLarge: () => new ParleyError("too_large", "small_too_large", "too large"),
  notGzip: () => new ParleyError("invalid", "small_not_gzip", "not gzip"),
});

describe("inflateBody", () => {
  it("inflates gzip up to the limit it is given, and names the failure as its caller asks", async () => {
    const text = "x".repeat(2_000);
    expect((await inflateBody(gzipSync(text), "gzip", limits(4_000))).toString()).toBe(text);
    await expect(inflateBody(gzipSync(text), "gzip", limits(1_000))).rejects.toMatchObject({
      code: "small_too_large",
    });
    await expect(inflateBody(Buffer.from("nope"), "gzip", limits(1_000))).rejects.toMatchObject({
      code: "small_not_gzip",
    });
  });

  it("keeps the OTLP receiver's limits and codes by default", async () => {
    await expect(inflateBody(Buffer.from("nope"), "gzip")).rejects.toMatchObject({ code: "otlp_malformed" });
    const plain = Buffer.from("as sent");
    expect(await inflateBody(plain, undefined)).toBe(plain);
    await expect(inflateBody(plain, "br")).rejects.toMatchObject({ code: "unsupported_content_encoding" });
  });
});
