import type { ChannelKind, NotificationEvent } from "../contract/notifications.js";
import {
  isRetryableStatus,
  MAX_ATTEMPTS,
  parseRetryAfter,
  retryDelayMs,
  SIGNATURE_HEADER,
  signWebhook,
} from "../core/notifications/delivery.js";
import { digestMessage, emailMessage, slackMessage, webhookBody } from "../core/notifications/messages.js";
import type { Mailer } from "../mail/mailer.js";
import { MailError } from "../mail/mailer.js";
import type { Database } from "../store/database.js";
import type { NotificationChannelsTable, NotificationDeliveriesTable } from "../store/schema.js";
import { digestEvents, presentEvents, recordAttempt, type AttemptOutcome } from "../store/notifications.js";
import { PARLEY_VERSION } from "../version.js";

/** How long Parley waits for a webhook receiver before counting the attempt as failed. */
export const HTTP_TIMEOUT_MS = 10_000;

export interface Transport {
  mailer: Mailer;
  /** The address people use to reach Parley, for links (PARLEY_PUBLIC_URL). */
  publicUrl: string;
  fetch?: typeof fetch;
}

/** One attempt at one destination: what happened, in words a person can act on. */
export interface SendResult {
  ok: boolean;
  status: number | null;
  error: string | null;
  retryable: boolean;
  retryAfterMs?: number;
}

function describeFetchError(err: unknown): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) {
    return `No answer within ${HTTP_TIMEOUT_MS / 1000} s.`;
  }
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : "";
  return `Could not reach the receiver${cause ? `: ${cause}` : ""}.`;
}

/** POSTs a JSON body; 2xx is success, anything else is a failure that may be retried. */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  transport: Transport,
  now: number,
): Promise<SendResult> {
  const doFetch = transport.fetch ?? fetch;
  try {
    const response = await doFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": `Parley/${PARLEY_VERSION}`, ...headers },
      body,
      redirect: "error",
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
    const text = (await response.text().catch(() => "")).slice(0, 200);
    if (response.ok) return { ok: true, status: response.status, error: null, retryable: false };
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now);
    return {
      ok: false,
      status: response.status,
      error: `The receiver answered ${response.status}${text ? `: ${text}` : ""}.`,
      retryable: isRetryableStatus(response.status),
      ...(retryAfterMs !== undefined && { retryAfterMs }),
    };
  } catch (err) {
    return { ok: false, status: null, error: describeFetchError(err), retryable: true };
  }
}

async function sendMail(
  transport: Transport,
  to: string,
  message: { subject: string; text: string },
  id: string,
): Promise<SendResult> {
  try {
    await transport.mailer.sendMail({ to, ...message, headers: { "X-Parley-Delivery": id } });
    return { ok: true, status: null, error: null, retryable: false };
  } catch (err) {
    if (err instanceof MailError)
      return { ok: false, status: err.responseCode ?? null, error: err.message, retryable: err.transient };
    return {
      ok: false,
      status: null,
      error: err instanceof Error ? err.message : String(err),
      retryable: true,
    };
  }
}

/** Sends one event through one channel. Also used by "send a test". */
export async function sendToChannel(
  channel: Pick<NotificationChannelsTable, "kind" | "url" | "secret" | "recipients">,
  event: NotificationEvent,
  deliveryId: string,
  data: unknown,
  transport: Transport,
  now: Date,
): Promise<SendResult> {
  const kind = channel.kind as ChannelKind;
  if (kind === "slack") {
    return postJson(
      channel.url!,
      JSON.stringify(slackMessage(event, transport.publicUrl)),
      {},
      transport,
      now.getTime(),
    );
  }
  if (kind === "webhook") {
    const body = webhookBody(event, deliveryId, transport.publicUrl, data);
    const timestamp = Math.floor(now.getTime() / 1000);
    return postJson(
      channel.url!,
      body,
      {
        [SIGNATURE_HEADER]: signWebhook(channel.secret ?? "", timestamp, body),
        "idempotency-key": deliveryId,
        "parley-event": event.kind,
        "parley-delivery": deliveryId,
      },
      transport,
      now.getTime(),
    );
  }
  const recipients = JSON.parse(channel.recipients) as string[];
  for (const to of recipients) {
    const result = await sendMail(transport, to, emailMessage(event, transport.publicUrl), deliveryId);
    if (!result.ok) return result;
  }
  return { ok: true, status: null, error: null, retryable: false };
}

/** What to record after an attempt: sent, retry later (with backoff), or give up. */
export function outcomeOf(
  result: SendResult,
  attemptsSoFar: number,
  now: Date,
  random: () => number = Math.random,
): AttemptOutcome {
  if (result.ok) return { ok: true, error: null, retryAt: null };
  const attempt = attemptsSoFar + 1;
  const retry = result.retryable && attempt < MAX_ATTEMPTS;
  return {
    ok: false,
    error: result.error,
    retryAt: retry ? new Date(now.getTime() + retryDelayMs(attempt, random, result.retryAfterMs)) : null,
  };
}

/** Sends one claimed delivery and records the outcome. */
export async function deliver(
  database: Database,
  delivery: NotificationDeliveriesTable,
  workerId: string,
  transport: Transport,
  clock: () => Date,
): Promise<SendResult> {
  const db = database.db;
  let result: SendResult;
  if (delivery.digestFrom && delivery.digestTo && delivery.personId) {
    const person = await db
      .selectFrom("people")
      .select(["email"])
      .where("id", "=", delivery.personId)
      .executeTakeFirst();
    const events = await digestEvents(db, delivery.personId, delivery.digestFrom, delivery.digestTo);
    if (!person || events.length === 0) {
      result = { ok: true, status: null, error: null, retryable: false };
    } else {
      result = await sendMail(
        transport,
        person.email,
        digestMessage(
          events,
          delivery.digestFrom.slice(0, 10),
          delivery.digestTo.slice(0, 10),
          transport.publicUrl,
        ),
        delivery.id,
      );
    }
  } else {
    const row = await db
      .selectFrom("notificationEvents")
      .selectAll()
      .where("id", "=", delivery.eventId!)
      .executeTakeFirstOrThrow();
    const [event] = await presentEvents(db, [row]);
    if (delivery.channelId) {
      const channel = await db
        .selectFrom("notificationChannels")
        .selectAll()
        .where("id", "=", delivery.channelId)
        .executeTakeFirstOrThrow();
      result =
        channel.archived === 1 || channel.enabled !== 1
          ? {
              ok: false,
              status: null,
              error: "The channel was switched off before this was sent.",
              retryable: false,
            }
          : await sendToChannel(channel, event!, delivery.id, JSON.parse(row.data), transport, clock());
    } else {
      const person = await db
        .selectFrom("people")
        .select(["email", "disabled"])
        .where("id", "=", delivery.personId!)
        .executeTakeFirst();
      result =
        !person || person.disabled === 1
          ? { ok: false, status: null, error: "The person's account is disabled.", retryable: false }
          : await sendMail(transport, person.email, emailMessage(event!, transport.publicUrl), delivery.id);
    }
  }
  await recordAttempt(db, delivery, workerId, outcomeOf(result, delivery.attempts, clock()), clock());
  return result;
}
