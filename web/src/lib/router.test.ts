import { describe, expect, it } from "vitest";
import { decodeSegment, matchPath } from "./router.js";

describe("matchPath", () => {
  it("returns the decoded params of a matching path", () => {
    expect(matchPath("/systems/:ref/risks/:id", "/systems/support%20bot/risks/r-1")).toEqual({
      ref: "support bot",
      id: "r-1",
    });
    expect(matchPath("/invite/:token", "/invite/abc%2Fdef")).toEqual({ token: "abc/def" });
    expect(matchPath("/glossary", "/glossary/")).toEqual({});
  });

  it("returns null when the path has another shape or a fixed part differs", () => {
    expect(matchPath("/rounds/:id", "/rounds")).toBeNull();
    expect(matchPath("/rounds/:id", "/risks/r-1")).toBeNull();
  });

  it("treats a malformed %-escape as no match instead of throwing", () => {
    for (const bad of ["%E0%A4%A", "%", "%zz", "abc%E0"])
      expect(() => matchPath("/systems/:ref", `/systems/${bad}`)).not.toThrow();
    expect(matchPath("/systems/:ref", "/systems/%E0%A4%A")).toBeNull();
    expect(matchPath("/reset/:token", "/reset/%")).toBeNull();
    expect(matchPath("/systems/:ref", "/systems/%E0%A4%A4")).toEqual({ ref: "\u0924" });
  });
});

describe("decodeSegment", () => {
  it("decodes valid escapes and gives null for malformed ones", () => {
    expect(decodeSegment("caf%C3%A9")).toBe("café");
    expect(decodeSegment("plain")).toBe("plain");
    expect(decodeSegment("%E0%A4%A")).toBeNull();
  });
});
