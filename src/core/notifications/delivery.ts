import { createHmac, timingSafeEqual } from "node:crypto";
import type { ChannelKind, EventKind, PreferenceMode } from "../../contract/notifications.js";

/** Attempts before a delivery is given up (status failed). About a day of retrying in all. */
export const MAX_ATTEMPTS = 8;
/** Consecutive failed attempts after which a channel is shown as failing. */
export const FAILING_AFTER = 3;
/** How long a server may hold a claimed delivery before another may take it over. */
export const LEASE_MS = 60_000;

const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 6 * 3_600_000;

/**
 * Delay before retry number `attempt` (1 = the first retry): exponential from 30 s, doubled each
 * time, capped at 6 h, with up to 20% jitter so a recovering receiver is not hit by every server at
 * once. `random` is injectable for tests. A receiver's Retry-After wins when it asks for longer.
 */
export function retryDelayMs(
  attempt: number,
  random: () => number = Math.random,
  retryAfterMs?: number,
): number {
  const exponential = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(exponential * (1 + 0.2 * random()));
  return retryAfterMs !== undefined && retryAfterMs > jittered
    ? Math.min(retryAfterMs, MAX_DELAY_MS)
    : jittered;
}

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Whether an HTTP status is worth retrying: server errors, timeouts and rate limits. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

export const SIGNATURE_HEADER = "parley-signature";

/**
 * The webhook signature: HMAC-SHA256 over `${timestamp}.${body}` with the channel's secret, sent as
 * `t=<unix seconds>,v1=<hex>`. Receivers recompute it and reject old timestamps (replays).
 */
export function signWebhook(secret: string, timestampSeconds: number, body: string): string {
  const digest = createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex");
  return `t=${timestampSeconds},v1=${digest}`;
}

/** Checks a signature header; what a receiver does (documented in docs/notifications.md). */
export function verifyWebhook(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(
    header.split(",").map((p) => {
      const i = p.indexOf("=");
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()];
    }),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !parts.v1) return false;
  const expected = Buffer.from(signWebhook(secret, t, body).split("v1=")[1]!, "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A channel takes an event when it listens for that kind and, if it names systems, this one. */
export function channelTakes(
  channel: {
    kind: ChannelKind;
    events: readonly EventKind[];
    systemIds: readonly string[] | null;
    enabled: boolean;
  },
  event: { kind: EventKind; systemId: string | null },
): boolean {
  if (!channel.enabled || !channel.events.includes(event.kind)) return false;
  if (channel.systemIds === null) return true;
  return event.systemId !== null && channel.systemIds.includes(event.systemId);
}

/**
 * What a person gets by e-mail for an event kind unless they chose otherwise: alarms about their own
 * systems at once, reminders in the weekly digest.
 */
export const DEFAULT_MODES: Record<EventKind, PreferenceMode> = {
  limit_at_risk: "immediate",
  limit_breached: "immediate",
  budget_at_risk: "immediate",
  budget_breached: "immediate",
  finding_raised: "immediate",
  acceptance_review_due: "immediate",
  acceptance_expired: "immediate",
  answer_awaited: "digest",
  read_back_awaited: "digest",
  review_round_due: "digest",
};

export function modeFor(
  kind: EventKind,
  chosen: ReadonlyMap<EventKind, PreferenceMode> | undefined,
): PreferenceMode {
  return chosen?.get(kind) ?? DEFAULT_MODES[kind];
}

/** Start of the digest week (Monday 00:00 UTC) that contains `at`. */
export function weekStart(at: Date): Date {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  return new Date(day - weekday * 86_400_000);
}
