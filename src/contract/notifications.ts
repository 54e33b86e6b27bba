import { z } from "zod";
import { Id, IsoDateTime, RequiredText } from "./common.js";
import { Email } from "./people.js";

/** What Parley tells people about. Each kind has a stable name used in payloads and preferences. */
export const EVENT_KINDS = [
  "limit_at_risk",
  "limit_breached",
  "budget_at_risk",
  "budget_breached",
  "finding_raised",
  "acceptance_review_due",
  "acceptance_expired",
  "answer_awaited",
  "read_back_awaited",
  "review_round_due",
] as const;
export const EventKind = z.enum(EVENT_KINDS);
export type EventKind = z.infer<typeof EventKind>;

export const CHANNEL_KINDS = ["slack", "webhook", "email"] as const;
export const ChannelKind = z.enum(CHANNEL_KINDS);
export type ChannelKind = z.infer<typeof ChannelKind>;

export const SEVERITIES = ["info", "warning", "critical"] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

const HttpUrl = z
  .url({ protocol: /^https?$/, error: "use an http:// or https:// URL" })
  .max(2000)
  .describe("Where Parley POSTs the notification");

export const ChannelCreate = z.object({
  name: RequiredText(120).describe('What the channel is, e.g. "#ai-risk in Slack"'),
  kind: ChannelKind,
  url: HttpUrl.nullable()
    .default(null)
    .describe("Slack-compatible incoming-webhook URL, or your webhook endpoint"),
  secret: z
    .string()
    .min(16, "use at least 16 characters")
    .max(200)
    .nullable()
    .default(null)
    .describe("Webhook only: the HMAC-SHA256 key. Leave empty and Parley generates one (shown once)."),
  recipients: z.array(Email).max(50).default([]).describe("E-mail only: who receives it"),
  events: z
    .array(EventKind)
    .min(1, "choose at least one event kind")
    .default([...EVENT_KINDS])
    .describe("Which events go to this channel"),
  systemIds: z
    .array(Id)
    .max(500)
    .nullable()
    .default(null)
    .describe("Only events about these systems (ids or keys); null = every system"),
  enabled: z.boolean().default(true),
});
export type ChannelCreate = z.infer<typeof ChannelCreate>;

export const ChannelUpdate = z.object({
  name: RequiredText(120).optional(),
  url: HttpUrl.optional(),
  recipients: z.array(Email).max(50).optional(),
  events: z.array(EventKind).min(1, "choose at least one event kind").optional(),
  systemIds: z.array(Id).max(500).nullable().optional(),
  enabled: z.boolean().optional(),
  rotateSecret: z.boolean().optional().describe("Webhook only: generate a new signing secret"),
});
export type ChannelUpdate = z.infer<typeof ChannelUpdate>;

export const ChannelHealth = z.enum(["ok", "failing", "untested", "disabled"]);

export const Channel = z.object({
  id: Id,
  name: z.string(),
  kind: ChannelKind,
  url: z.string().nullable().describe("Shown with its path hidden: it is a credential"),
  recipients: z.array(z.string()),
  events: z.array(EventKind),
  systemIds: z.array(Id).nullable(),
  enabled: z.boolean(),
  health: ChannelHealth,
  consecutiveFailures: z.number().int(),
  failingSince: IsoDateTime.nullable(),
  lastError: z.string().nullable(),
  lastSuccessAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  /** Only in the answer to create or rotate: the webhook signing secret. */
  secret: z.string().optional(),
});
export type Channel = z.infer<typeof Channel>;

export const NotificationEvent = z.object({
  id: Id,
  kind: EventKind,
  systemId: Id.nullable(),
  systemKey: z.string().nullable(),
  occurredAt: IsoDateTime,
  title: z.string(),
  body: z.string(),
  link: z.string().describe("Path in the web app, e.g. /systems/claims-triage/production"),
  severity: Severity,
  createdAt: IsoDateTime,
});
export type NotificationEvent = z.infer<typeof NotificationEvent>;

export const DeliveryStatus = z.enum(["pending", "sent", "failed", "skipped"]);
export const Delivery = z.object({
  id: Id,
  eventId: Id.nullable(),
  eventTitle: z.string().nullable(),
  target: z.string().describe("Channel name, or the person's e-mail"),
  channelId: Id.nullable(),
  personId: Id.nullable(),
  digest: z.boolean(),
  status: DeliveryStatus,
  attempts: z.number().int(),
  nextAttemptAt: IsoDateTime.nullable(),
  lastError: z.string().nullable(),
  sentAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type Delivery = z.infer<typeof Delivery>;

export const DeliveriesQuery = z.object({
  status: DeliveryStatus.optional(),
  channelId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const EventsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  mine: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .describe("Only events that concern me (systems I own, decisions I took)"),
});

export const PREFERENCE_MODES = ["immediate", "digest", "off"] as const;
export const PreferenceMode = z.enum(PREFERENCE_MODES);
export type PreferenceMode = z.infer<typeof PreferenceMode>;

export const Preferences = z.object({
  email: z.boolean().describe("Whether this server can send e-mail at all (PARLEY_SMTP_URL)"),
  modes: z
    .record(EventKind, PreferenceMode)
    .describe("Per event kind: e-mail at once, in the weekly digest, or not"),
});
export type Preferences = z.infer<typeof Preferences>;

export const PreferencesUpdate = z.object({
  modes: z.partialRecord(EventKind, PreferenceMode),
});
export type PreferencesUpdate = z.infer<typeof PreferencesUpdate>;

export const ReviewCadence = z.object({
  systemId: Id,
  everyDays: z
    .number()
    .int()
    .nullable()
    .describe("A conversation round is due this often; null = no cadence"),
  lastRoundOn: z.string().nullable(),
  nextDueOn: z.string().nullable(),
  overdue: z.boolean(),
});
export type ReviewCadence = z.infer<typeof ReviewCadence>;

export const ReviewCadenceSet = z.object({
  everyDays: z
    .number()
    .int()
    .min(7, "use at least 7 days")
    .max(730, "use at most 730 days")
    .nullable()
    .describe("e.g. 90 for a quarterly round; null removes the cadence"),
});

export const Job = z.object({
  name: z.string(),
  description: z.string(),
  everySeconds: z.number(),
  nextRunAt: IsoDateTime,
  lastStartedAt: IsoDateTime.nullable(),
  lastFinishedAt: IsoDateTime.nullable(),
  lastRunBy: z.string().nullable(),
  lastResult: z.string().nullable(),
  lastError: z.string().nullable(),
  runs: z.number().int(),
});
export type Job = z.infer<typeof Job>;

export const NotificationStatus = z.object({
  failingChannels: z.array(z.object({ id: Id, name: z.string(), since: IsoDateTime.nullable() })),
  pendingDeliveries: z.number().int(),
  email: z.boolean(),
});
export type NotificationStatus = z.infer<typeof NotificationStatus>;

export const TestResult = z.object({
  ok: z.boolean(),
  status: z.number().int().nullable().describe("HTTP status from the receiver, when there is one"),
  error: z.string().nullable(),
});
