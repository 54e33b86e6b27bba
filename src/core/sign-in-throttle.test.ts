import { describe, expect, it } from "vitest";
import { SignInThrottle } from "./sign-in-throttle.js";

describe("SignInThrottle", () => {
  it("locks an account after five failures and releases it when the window passes", () => {
    const throttle = new SignInThrottle(5, 20, 60_000);
    for (let i = 0; i < 5; i++) {
      throttle.check("a@x.co", "1.1.1.1", i * 1000);
      throttle.fail("a@x.co", "1.1.1.1", i * 1000);
    }
    expect(() => throttle.check("a@x.co", "2.2.2.2", 10_000)).toThrow(/Too many failed sign-ins/);
    expect(() => throttle.check("b@x.co", "1.1.1.1", 10_000)).not.toThrow();
    expect(() => throttle.check("a@x.co", "1.1.1.1", 61_000)).not.toThrow();
  });

  it("limits one address across many accounts, and forgets an account's failures on success", () => {
    const throttle = new SignInThrottle(5, 3, 60_000);
    for (const email of ["a", "b", "c"]) throttle.fail(email, "9.9.9.9", 0);
    expect(() => throttle.check("d", "9.9.9.9", 1)).toThrow();
    throttle.fail("e", "8.8.8.8", 0);
    throttle.succeed("e");
    for (let i = 0; i < 4; i++) throttle.fail("e", `7.7.7.${i}`, 0);
    expect(() => throttle.check("e", "6.6.6.6", 1)).not.toThrow();
  });
});
