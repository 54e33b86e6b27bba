import { randomBytes } from "node:crypto";
import type {
  Channel,
  ChannelCreate,
  ChannelUpdate,
  EventKind,
  PreferenceMode,
  PreferencesUpdate,
  ReviewCadence,
} from "../contract/notifications.js";
import { invalid, notFound } from "../core/errors.js";
import { adminPermission } from "../core/people.js";
import { appendAudit } from "../store/audit.js";
import { inTransaction, type Db, type Tx } from "../store/database.js";
import {
  maskUrl,
  nextDueOn,
  presentChannel,
  preferencesOf,
  reviewCadenceRows,
} from "../store/notifications.js";
import type { NotificationChannelsTable } from "../store/schema.js";
import { findSystemRow } from "../store/systems.js";
import { sendToChannel, type SendResult, type Transport } from "../notify/send.js";
import { enforce, newId, type CommandContext } from "./context.js";

/** A signing secret for a webhook channel: 32 random bytes, base64url. */
function generateSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

function checkChannelShape(kind: string, url: string | null, recipients: readonly string[]): void {
  if ((kind === "slack" || kind === "webhook") && !url) {
    throw invalid("channel_url_required", `A ${kind} channel needs a URL to POST to. Add "url".`, {
      field: "url",
    });
  }
  if (kind === "email" && recipients.length === 0) {
    throw invalid(
      "channel_recipients_required",
      'An e-mail channel needs at least one address in "recipients".',
      {
        field: "recipients",
      },
    );
  }
}

/** Systems named by id or key, as ids; an unknown one is a clear 400. */
async function resolveSystems(db: Db | Tx, refs: readonly string[] | null): Promise<string[] | null> {
  if (refs === null) return null;
  const ids: string[] = [];
  for (const ref of refs) {
    const row = await db
      .selectFrom("systems")
      .select("id")
      .where((eb) => eb.or([eb("id", "=", ref), eb("key", "=", ref.toLowerCase())]))
      .executeTakeFirst();
    if (!row)
      throw invalid("unknown_system", `No system "${ref}". Use a system's key or id.`, {
        field: "systemIds",
        ref,
      });
    ids.push(row.id);
  }
  return [...new Set(ids)];
}

function auditView(
  row: Pick<
    NotificationChannelsTable,
    "name" | "kind" | "url" | "recipients" | "events" | "systemIds" | "enabled"
  >,
) {
  return {
    name: row.name,
    kind: row.kind,
    url: maskUrl(row.url),
    recipients: JSON.parse(row.recipients) as string[],
    events: JSON.parse(row.events) as string[],
    systemIds: row.systemIds === null ? null : (JSON.parse(row.systemIds) as string[]),
    enabled: row.enabled === 1,
  };
}

export async function createChannel(ctx: CommandContext, input: ChannelCreate): Promise<Channel> {
  enforce(adminPermission(ctx.actor));
  checkChannelShape(input.kind, input.url, input.recipients);
  const secret = input.kind === "webhook" ? (input.secret ?? generateSecret()) : null;
  return inTransaction(ctx.database.db, async (tx) => {
    const at = ctx.now.toISOString();
    const row: NotificationChannelsTable = {
      id: newId(),
      name: input.name,
      kind: input.kind,
      url: input.kind === "email" ? null : input.url,
      secret,
      recipients: JSON.stringify(input.kind === "email" ? input.recipients : []),
      events: JSON.stringify([...new Set(input.events)]),
      systemIds: JSON.stringify(await resolveSystems(tx, input.systemIds)),
      enabled: input.enabled ? 1 : 0,
      consecutiveFailures: 0,
      failingSince: null,
      lastError: null,
      lastSuccessAt: null,
      createdBy: ctx.actor.id,
      createdAt: at,
      updatedAt: at,
      archived: 0,
    };
    if (input.systemIds === null) row.systemIds = null;
    await tx.insertInto("notificationChannels").values(row).execute();
    await appendAudit(tx, {
      at,
      actorId: ctx.actor.id,
      systemId: null,
      entity: "notification_channel",
      entityId: row.id,
      action: "create",
      summary: `${ctx.actor.name} added the ${input.kind} notification channel "${input.name}"`,
      after: auditView(row),
    });
    return presentChannel(row, secret ?? undefined);
  });
}

async function channelRow(db: Db | Tx, id: string): Promise<NotificationChannelsTable> {
  const row = await db
    .selectFrom("notificationChannels")
    .selectAll()
    .where("id", "=", id)
    .where("archived", "=", 0)
    .executeTakeFirst();
  if (!row) throw notFound("notification channel", id);
  return row;
}

export async function updateChannel(ctx: CommandContext, id: string, input: ChannelUpdate): Promise<Channel> {
  enforce(adminPermission(ctx.actor));
  return inTransaction(ctx.database.db, async (tx) => {
    const before = await channelRow(tx, id);
    const after: NotificationChannelsTable = { ...before, updatedAt: ctx.now.toISOString() };
    if (input.name !== undefined) after.name = input.name;
    if (input.url !== undefined) {
      if (before.kind === "email")
        throw invalid("channel_url_not_used", 'An e-mail channel has no URL; set "recipients".', {
          field: "url",
        });
      after.url = input.url;
    }
    if (input.recipients !== undefined) {
      if (before.kind !== "email")
        throw invalid(
          "channel_recipients_not_used",
          `A ${before.kind} channel has no recipients; set "url".`,
          { field: "recipients" },
        );
      after.recipients = JSON.stringify(input.recipients);
    }
    if (input.events !== undefined) after.events = JSON.stringify([...new Set(input.events)]);
    if (input.systemIds !== undefined) {
      const ids = await resolveSystems(tx, input.systemIds);
      after.systemIds = ids === null ? null : JSON.stringify(ids);
    }
    if (input.enabled !== undefined) after.enabled = input.enabled ? 1 : 0;
    let secret: string | undefined;
    if (input.rotateSecret) {
      if (before.kind !== "webhook")
        throw invalid("channel_has_no_secret", "Only webhook channels are signed.", {
          field: "rotateSecret",
        });
      secret = generateSecret();
      after.secret = secret;
    }
    // A changed destination or a re-enabled channel starts with a clean record.
    if (
      after.url !== before.url ||
      after.recipients !== before.recipients ||
      (after.enabled === 1 && before.enabled === 0)
    ) {
      Object.assign(after, { consecutiveFailures: 0, failingSince: null, lastError: null });
    }
    checkChannelShape(after.kind, after.url, JSON.parse(after.recipients) as string[]);
    await tx.updateTable("notificationChannels").set(after).where("id", "=", id).execute();
    await appendAudit(tx, {
      at: after.updatedAt,
      actorId: ctx.actor.id,
      systemId: null,
      entity: "notification_channel",
      entityId: id,
      action: "update",
      summary: `${ctx.actor.name} changed the notification channel "${after.name}"${secret ? " and rotated its signing secret" : ""}`,
      before: auditView(before),
      after: auditView(after),
    });
    return presentChannel(after, secret);
  });
}

export async function archiveChannel(ctx: CommandContext, id: string): Promise<void> {
  enforce(adminPermission(ctx.actor));
  await inTransaction(ctx.database.db, async (tx) => {
    const before = await channelRow(tx, id);
    await tx
      .updateTable("notificationChannels")
      .set({ archived: 1, enabled: 0, updatedAt: ctx.now.toISOString() })
      .where("id", "=", id)
      .execute();
    // Nothing more goes out through a removed channel.
    await tx
      .updateTable("notificationDeliveries")
      .set({ status: "skipped", lastError: "The channel was removed." })
      .where("channelId", "=", id)
      .where("status", "=", "pending")
      .execute();
    await appendAudit(tx, {
      at: ctx.now.toISOString(),
      actorId: ctx.actor.id,
      systemId: null,
      entity: "notification_channel",
      entityId: id,
      action: "archive",
      summary: `${ctx.actor.name} removed the notification channel "${before.name}"`,
      before: auditView(before),
    });
  });
}

export async function listChannels(ctx: CommandContext): Promise<Channel[]> {
  enforce(adminPermission(ctx.actor));
  const rows = await ctx.database.db
    .selectFrom("notificationChannels")
    .selectAll()
    .where("archived", "=", 0)
    .orderBy("createdAt")
    .execute();
  return rows.map((r) => presentChannel(r));
}

/** Sends a sample notification through a channel now, and records the result on its health. */
export async function testChannel(
  ctx: CommandContext,
  id: string,
  transport: Transport,
): Promise<SendResult> {
  enforce(adminPermission(ctx.actor));
  const row = await channelRow(ctx.database.db, id);
  const at = ctx.now.toISOString();
  const result = await sendToChannel(
    row,
    {
      id: `test-${newId()}`,
      kind: "limit_at_risk",
      systemId: null,
      systemKey: null,
      occurredAt: at,
      title: "Test from Parley: this channel works",
      body: `${ctx.actor.name} sent this test. Real notifications look like this one and link to the page to act on.`,
      link: "/notifications",
      severity: "info",
      createdAt: at,
    },
    `test-${newId()}`,
    { test: true },
    transport,
    ctx.now,
  );
  await ctx.database.db
    .updateTable("notificationChannels")
    .set(
      result.ok
        ? { consecutiveFailures: 0, failingSince: null, lastError: null, lastSuccessAt: at }
        : { lastError: result.error },
    )
    .where("id", "=", id)
    .execute();
  return result;
}

export async function setPreferences(
  ctx: CommandContext,
  input: PreferencesUpdate,
): Promise<Record<EventKind, PreferenceMode>> {
  await inTransaction(ctx.database.db, async (tx) => {
    const before = await tx
      .selectFrom("notificationPreferences")
      .select(["eventKind", "mode"])
      .where("personId", "=", ctx.actor.id)
      .execute();
    for (const [kind, mode] of Object.entries(input.modes)) {
      if (!mode) continue;
      await tx
        .insertInto("notificationPreferences")
        .values({ personId: ctx.actor.id, eventKind: kind, mode })
        .onConflict((oc) => oc.columns(["personId", "eventKind"]).doUpdateSet({ mode }))
        .execute();
    }
    await appendAudit(tx, {
      at: ctx.now.toISOString(),
      actorId: ctx.actor.id,
      systemId: null,
      entity: "notification_preferences",
      entityId: ctx.actor.id,
      action: "update",
      summary: `${ctx.actor.name} changed what they receive by e-mail`,
      before: Object.fromEntries(before.map((b) => [b.eventKind, b.mode])),
      after: input.modes,
    });
  });
  return preferencesOf(ctx.database.db, ctx.actor.id);
}

export async function reviewCadenceOf(db: Db, ref: string, now: Date): Promise<ReviewCadence> {
  const system = await findSystemRow(db, ref);
  const [row] = await reviewCadenceRows(db, system.id);
  if (!row)
    return { systemId: system.id, everyDays: null, lastRoundOn: null, nextDueOn: null, overdue: false };
  const due = nextDueOn(row);
  return {
    systemId: system.id,
    everyDays: row.everyDays,
    lastRoundOn: row.lastRoundOn,
    nextDueOn: due,
    overdue: due !== null && due <= now.toISOString().slice(0, 10),
  };
}

/** Sets how often the system's owners hold a conversation round (e.g. every 90 days). */
export async function setReviewCadence(
  ctx: CommandContext,
  ref: string,
  everyDays: number | null,
): Promise<ReviewCadence> {
  const system = await findSystemRow(ctx.database.db, ref);
  await inTransaction(ctx.database.db, async (tx) => {
    const before = await tx
      .selectFrom("reviewCadences")
      .select("everyDays")
      .where("systemId", "=", system.id)
      .executeTakeFirst();
    if (everyDays === null) {
      await tx.deleteFrom("reviewCadences").where("systemId", "=", system.id).execute();
    } else {
      const values = {
        systemId: system.id,
        everyDays,
        updatedBy: ctx.actor.id,
        updatedAt: ctx.now.toISOString(),
      };
      await tx
        .insertInto("reviewCadences")
        .values(values)
        .onConflict((oc) =>
          oc
            .column("systemId")
            .doUpdateSet({ everyDays, updatedBy: ctx.actor.id, updatedAt: values.updatedAt }),
        )
        .execute();
    }
    await appendAudit(tx, {
      at: ctx.now.toISOString(),
      actorId: ctx.actor.id,
      systemId: system.id,
      entity: "review_cadence",
      entityId: system.id,
      action: everyDays === null ? "remove" : "set",
      summary:
        everyDays === null
          ? `${ctx.actor.name} removed the review cadence of ${system.name}`
          : `${ctx.actor.name} set a conversation round every ${everyDays} days for ${system.name}`,
      before: { everyDays: before?.everyDays ?? null },
      after: { everyDays },
    });
  });
  return reviewCadenceOf(ctx.database.db, system.id, ctx.now);
}
