import { describe, expect, it } from "vitest";
import { globMatches, globSpecificity, isGlob } from "./glob.js";

describe("globMatches", () => {
  it("matches stars, question marks and literals, ignoring case", () => {
    expect(globMatches("*", "")).toBe(true);
    expect(globMatches("gpt-4o*", "GPT-4o-mini-2024-07-18")).toBe(true);
    expect(globMatches("gpt-4o", "gpt-4o-mini")).toBe(false);
    expect(globMatches("*claude-sonnet-4*", "us.anthropic.claude-sonnet-4-20250514-v1:0")).toBe(true);
    expect(globMatches("checkout-?", "checkout-7")).toBe(true);
    expect(globMatches("checkout-?", "checkout-17")).toBe(false);
    expect(globMatches("a*b*c", "aXXbYYc")).toBe(true);
    expect(globMatches("a*b*c", "aXXbYY")).toBe(false);
    expect(globMatches("a.c", "abc")).toBe(false);
    expect(globMatches("(x)+[y]", "(x)+[y]")).toBe(true);
  });

  it("stays fast on patterns that make regular expressions backtrack", () => {
    const started = performance.now();
    expect(globMatches(`${"*a".repeat(50)}*b`, "a".repeat(5000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("ranks patterns by their literal characters", () => {
    expect(globSpecificity("gpt-4o-mini*")).toBeGreaterThan(globSpecificity("gpt-4o*"));
    expect(globSpecificity("*")).toBe(0);
    expect(isGlob("gpt-4o")).toBe(false);
    expect(isGlob("gpt-4o?")).toBe(true);
  });
});
