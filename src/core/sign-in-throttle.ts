import { ParleyError } from "./errors.js";

export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
export const THROTTLE_WINDOW_MS = 15 * 60_000;

/**
 * Failed sign-ins per account and per client address within a sliding window. Past the limit the
 * account (or address) is locked until the oldest failure leaves the window, which stops password
 * guessing without letting an attacker lock a user out forever.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly perAccount = MAX_FAILURES_PER_ACCOUNT,
    private readonly perAddress = MAX_FAILURES_PER_ADDRESS,
    private readonly windowMs = THROTTLE_WINDOW_MS,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** Throws a 429-kind error while the account or the address is locked. */
  check(email: string, address: string, now: number): void {
    for (const [key, limit] of [
      [`account:${email}`, this.perAccount],
      [`address:${address}`, this.perAddress],
    ] as const) {
      const list = this.recent(key, now);
      if (list.length >= limit) {
        const retryAfterSeconds = Math.ceil((list[0]! + this.windowMs - now) / 1000);
        throw new ParleyError(
          "rate_limited",
          "too_many_sign_in_attempts",
          `Too many failed sign-ins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes, or ask an admin to reset your password.`,
          { retryAfterSeconds },
        );
      }
    }
  }

  fail(email: string, address: string, now: number): void {
    for (const key of [`account:${email}`, `address:${address}`])
      this.failures.set(key, [...this.recent(key, now), now]);
  }

  /** A successful sign-in clears the account's failures (not the address's). */
  succeed(email: string): void {
    this.failures.delete(`account:${email}`);
  }
}
