import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  channelTakes,
  DEFAULT_MODES,
  isRetryableStatus,
  modeFor,
  parseRetryAfter,
  retryDelayMs,
  signWebhook,
  verifyWebhook,
  weekStart,
} from "./delivery.js";

describe("retry delays", () => {
  it("grow exponentially from 30 s and stop growing at 6 h, with at most 20% jitter", () => {
    expect(retryDelayMs(1, () => 0)).toBe(30_000);
    expect(retryDelayMs(2, () => 0)).toBe(60_000);
    expect(retryDelayMs(3, () => 0)).toBe(120_000);
    expect(retryDelayMs(30, () => 0)).toBe(6 * 3_600_000);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 0.9999, noNaN: true }),
        (attempt, r) => {
          const base = retryDelayMs(attempt, () => 0);
          const delay = retryDelayMs(attempt, () => r);
          expect(delay).toBeGreaterThanOrEqual(base);
          expect(delay).toBeLessThanOrEqual(Math.round(base * 1.2));
          expect(retryDelayMs(attempt + 1, () => 0)).toBeGreaterThanOrEqual(base);
        },
      ),
    );
  });

  it("honour a longer Retry-After, within the cap", () => {
    expect(retryDelayMs(1, () => 0, 120_000)).toBe(120_000);
    expect(retryDelayMs(1, () => 0, 1_000)).toBe(30_000);
    expect(retryDelayMs(1, () => 0, 10 * 86_400_000)).toBe(6 * 3_600_000);
    expect(parseRetryAfter("7", 0)).toBe(7_000);
    expect(parseRetryAfter("Wed, 21 Oct 2026 07:28:00 GMT", Date.parse("2026-10-21T07:27:00Z"))).toBe(60_000);
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });

  it("retry server errors, timeouts and rate limits, not other client errors", () => {
    expect([500, 502, 503, 408, 429].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 410, 422].some(isRetryableStatus)).toBe(false);
  });
});

describe("webhook signatures", () => {
  it("verify what was signed and nothing else", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 16, maxLength: 64 }),
        fc.string({ maxLength: 500 }),
        fc.integer({ min: 1_600_000_000, max: 2_000_000_000 }),
        (secret, body, t) => {
          const header = signWebhook(secret, t, body);
          expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
          expect(verifyWebhook(secret, header, body, t)).toBe(true);
          expect(verifyWebhook(`${secret}x`, header, body, t)).toBe(false);
          expect(verifyWebhook(secret, header, `${body} `, t)).toBe(false);
        },
      ),
    );
  });

  it("reject old timestamps (replays) and malformed headers", () => {
    const header = signWebhook("a-secret-of-16-chars", 1_800_000_000, "{}");
    expect(verifyWebhook("a-secret-of-16-chars", header, "{}", 1_800_000_000 + 301)).toBe(false);
    expect(verifyWebhook("a-secret-of-16-chars", "garbage", "{}", 1_800_000_000)).toBe(false);
    expect(verifyWebhook("a-secret-of-16-chars", "t=1800000000,v1=zz", "{}", 1_800_000_000)).toBe(false);
  });
});

describe("routing", () => {
  const channel = {
    kind: "slack" as const,
    events: ["limit_breached" as const],
    systemIds: null,
    enabled: true,
  };
  it("sends a channel the kinds it listens to, for its systems, while it is on", () => {
    expect(channelTakes(channel, { kind: "limit_breached", systemId: "s1" })).toBe(true);
    expect(channelTakes(channel, { kind: "finding_raised", systemId: "s1" })).toBe(false);
    expect(channelTakes({ ...channel, systemIds: ["s2"] }, { kind: "limit_breached", systemId: "s1" })).toBe(
      false,
    );
    expect(channelTakes({ ...channel, systemIds: ["s1"] }, { kind: "limit_breached", systemId: "s1" })).toBe(
      true,
    );
    expect(channelTakes({ ...channel, enabled: false }, { kind: "limit_breached", systemId: "s1" })).toBe(
      false,
    );
  });

  it("uses a person's choice, else alarms at once and reminders in the digest", () => {
    expect(modeFor("limit_breached", undefined)).toBe("immediate");
    expect(modeFor("answer_awaited", undefined)).toBe("digest");
    expect(modeFor("limit_breached", new Map([["limit_breached", "off"]]))).toBe("off");
    expect(Object.keys(DEFAULT_MODES)).toHaveLength(10);
  });

  it("starts digest weeks on Monday 00:00 UTC", () => {
    expect(weekStart(new Date("2026-11-28T15:00:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(weekStart(new Date("2026-11-23T00:00:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(weekStart(new Date("2026-11-29T23:59:59Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });
});
