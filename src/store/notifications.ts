import type {
  Channel,
  ChannelKind,
  Delivery,
  EventKind,
  NotificationEvent,
  PreferenceMode,
  Severity,
} from "../contract/notifications.js";
import { EVENT_KINDS } from "../contract/notifications.js";
import { channelTakes, FAILING_AFTER, LEASE_MS, modeFor } from "../core/notifications/delivery.js";
import {
  acceptanceText,
  conversationText,
  findingText,
  limitStateText,
  reviewRoundText,
  type EventText,
} from "../core/notifications/messages.js";
import { describeLimitRule } from "../core/limits.js";
import type { Db, Tx } from "./database.js";
import { limitRuleOf } from "./limits.js";
import type {
  NotificationChannelsTable,
  NotificationDeliveriesTable,
  NotificationEventsTable,
} from "./schema.js";

const DAY_MS = 86_400_000;
/** Scans look back this far, so a server that was down for a day still notices what happened. */
const LOOKBACK_MS = 2 * DAY_MS;
/** An acceptance is announced as due this many days before its review-by date. */
export const REVIEW_DUE_DAYS = 14;
/** A question or answer is announced as waiting after this long. */
export const WAITING_DAYS = 2;

export interface NewEvent {
  key: string;
  kind: EventKind;
  systemId: string | null;
  occurredAt: string;
  text: EventText;
  link: string;
  personIds: string[];
  data: Record<string, unknown>;
}

function newId(): string {
  return crypto.randomUUID();
}

function parseList<T>(text: string | null): T[] | null {
  return text === null ? null : (JSON.parse(text) as T[]);
}

/**
 * Records an event once (by its key) and fans it out to the channels that take it and to the people
 * it concerns who want it by e-mail at once. Returns false when the event was already on record.
 */
export async function recordEvent(tx: Tx, event: NewEvent, now: Date, email: boolean): Promise<boolean> {
  const id = newId();
  const inserted = await tx
    .insertInto("notificationEvents")
    .values({
      id,
      key: event.key,
      kind: event.kind,
      systemId: event.systemId,
      occurredAt: event.occurredAt,
      title: event.text.title,
      body: event.text.body,
      link: event.link,
      severity: event.text.severity,
      personIds: JSON.stringify([...new Set(event.personIds)]),
      data: JSON.stringify(event.data),
      createdAt: now.toISOString(),
    })
    .onConflict((oc) => oc.column("key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) return false;

  const deliveries: NotificationDeliveriesTable[] = [];
  const base = (dedupeKey: string) => pendingDelivery(dedupeKey, now, { eventId: id });
  const channels = await tx
    .selectFrom("notificationChannels")
    .selectAll()
    .where("archived", "=", 0)
    .execute();
  for (const channel of channels) {
    const view = {
      kind: channel.kind as ChannelKind,
      events: JSON.parse(channel.events) as EventKind[],
      systemIds: parseList<string>(channel.systemIds),
      enabled: channel.enabled === 1,
    };
    if (channelTakes(view, event))
      deliveries.push({ ...base(`${id}:channel:${channel.id}`), channelId: channel.id });
  }
  if (email && event.personIds.length > 0) {
    const modes = await preferenceMaps(tx, event.personIds);
    const people = await tx
      .selectFrom("people")
      .select("id")
      .where("id", "in", [...new Set(event.personIds)])
      .where("disabled", "=", 0)
      .execute();
    for (const person of people) {
      if (modeFor(event.kind, modes.get(person.id)) === "immediate") {
        deliveries.push({ ...base(`${id}:person:${person.id}`), personId: person.id });
      }
    }
  }
  if (deliveries.length > 0) await tx.insertInto("notificationDeliveries").values(deliveries).execute();
  return true;
}

/** A delivery waiting for its first attempt; `fields` says what and to whom. */
function pendingDelivery(
  dedupeKey: string,
  now: Date,
  fields: Partial<
    Pick<NotificationDeliveriesTable, "eventId" | "channelId" | "personId" | "digestFrom" | "digestTo">
  >,
): NotificationDeliveriesTable {
  return {
    id: newId(),
    dedupeKey,
    eventId: null,
    channelId: null,
    personId: null,
    digestFrom: null,
    digestTo: null,
    ...fields,
    status: "pending",
    attempts: 0,
    nextAttemptAt: now.toISOString(),
    leaseUntil: null,
    leasedBy: null,
    lastError: null,
    sentAt: null,
    createdAt: now.toISOString(),
  };
}

export async function preferenceMaps(
  db: Db | Tx,
  personIds: string[],
): Promise<Map<string, Map<EventKind, PreferenceMode>>> {
  const result = new Map<string, Map<EventKind, PreferenceMode>>();
  if (personIds.length === 0) return result;
  const rows = await db
    .selectFrom("notificationPreferences")
    .selectAll()
    .where("personId", "in", [...new Set(personIds)])
    .execute();
  for (const row of rows) {
    const map = result.get(row.personId) ?? new Map<EventKind, PreferenceMode>();
    map.set(row.eventKind as EventKind, row.mode as PreferenceMode);
    result.set(row.personId, map);
  }
  return result;
}

function owners(row: { leadershipOwnerId: string | null; engineeringOwnerId: string | null }): string[] {
  return [row.leadershipOwnerId, row.engineeringOwnerId].filter((x): x is string => x !== null);
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Looks for everything worth telling people about and records each as an event, once. Safe to run
 * on several servers at the same time: event keys are unique, so a second scan records nothing.
 */
export async function scanForEvents(tx: Tx, now: Date, email: boolean): Promise<number> {
  const since = new Date(now.getTime() - LOOKBACK_MS).toISOString();
  let recorded = 0;
  const record = async (event: NewEvent) => {
    if (await recordEvent(tx, event, now, email)) recorded += 1;
  };

  // Trust limits and budgets that went at risk or were breached.
  for (const target of ["limit", "budget"] as const) {
    // Both tables have the columns read here; typed as one of them to keep the builder simple.
    const table = (target === "limit" ? "trustLimits as t" : "riskBudgets as t") as "trustLimits as t";
    const rows = await tx
      .selectFrom("evaluationStates as e")
      .innerJoin(table, "t.id", "e.targetId")
      .innerJoin("systems as s", "s.id", "t.systemId")
      .innerJoin("signals as g", "g.id", "t.signalId")
      .select([
        "e.targetId",
        "e.at",
        "e.state",
        "e.value",
        "t.name",
        "t.systemId",
        "s.key as systemKey",
        "s.name as systemName",
        "s.leadershipOwnerId",
        "s.engineeringOwnerId",
        "g.unit",
        "g.key as signalKey",
        "g.name as signalName",
      ])
      .where("e.at", ">=", since)
      .where("e.state", "in", ["at_risk", "breached"])
      .execute();
    for (const row of rows) {
      const state = row.state as "at_risk" | "breached";
      let name = row.name;
      if (!name && target === "limit") {
        // An unnamed limit is called by its rule, as everywhere else.
        const limit = await tx
          .selectFrom("trustLimits")
          .selectAll()
          .where("id", "=", row.targetId)
          .executeTakeFirst();
        if (limit) name = describeLimitRule(limitRuleOf(limit), row.signalName, row.unit);
      }
      await record({
        key: `${target}:${row.targetId}:${row.state}:${row.at}`,
        kind: `${target}_${state}` as EventKind,
        systemId: row.systemId,
        occurredAt: row.at,
        text: limitStateText({
          target,
          state,
          systemName: row.systemName,
          name: name || row.signalName,
          value: row.value === null ? null : Number(row.value),
          unit: row.unit,
          forecastAt: null,
        }),
        link: `/systems/${encodeURIComponent(row.systemKey)}/signals`,
        personIds: owners(row),
        data: { targetId: row.targetId, signal: row.signalKey, state, value: row.value },
      });
    }
  }

  // Quiet-failure findings.
  const findings = await tx
    .selectFrom("findings as f")
    .innerJoin("systems as s", "s.id", "f.systemId")
    .innerJoin("signals as g", "g.id", "f.signalId")
    .select([
      "f.id",
      "f.systemId",
      "f.detectedAt",
      "f.summary",
      "f.confidenceLabel",
      "f.kind",
      "s.key as systemKey",
      "s.name as systemName",
      "s.leadershipOwnerId",
      "s.engineeringOwnerId",
      "g.key as signalKey",
    ])
    .where("f.detectedAt", ">=", since)
    .where("f.status", "=", "open")
    .execute();
  for (const f of findings) {
    await record({
      key: `finding:${f.id}`,
      kind: "finding_raised",
      systemId: f.systemId,
      occurredAt: f.detectedAt,
      text: findingText(f),
      link: `/systems/${encodeURIComponent(f.systemKey)}/signals`,
      personIds: owners(f),
      data: { findingId: f.id, signal: f.signalKey, kind: f.kind },
    });
  }

  // Acceptances nearing their review-by date, or past it.
  const today = isoDay(now.getTime());
  const acceptances = await tx
    .selectFrom("decisions as d")
    .innerJoin("risks as r", "r.id", "d.riskId")
    .innerJoin("systems as s", "s.id", "r.systemId")
    .select([
      "d.id",
      "d.reviewBy",
      "d.decidedBy",
      "r.id as riskId",
      "r.title",
      "r.systemId",
      "s.key as systemKey",
      "s.name as systemName",
      "s.leadershipOwnerId",
      "s.engineeringOwnerId",
    ])
    .where("d.outcome", "=", "accept")
    .where("d.supersededBy", "is", null)
    .where("d.reviewBy", "is not", null)
    .where("r.closed", "=", 0)
    .where("d.reviewBy", ">=", isoDay(now.getTime() - 30 * DAY_MS))
    .where("d.reviewBy", "<=", isoDay(now.getTime() + REVIEW_DUE_DAYS * DAY_MS))
    .execute();
  for (const a of acceptances) {
    const reviewBy = a.reviewBy!;
    const expired = reviewBy < today;
    const daysLeft = Math.round(
      (Date.parse(`${reviewBy}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS,
    );
    await record({
      key: `${expired ? "acceptance_expired" : "acceptance_review_due"}:${a.id}`,
      kind: expired ? "acceptance_expired" : "acceptance_review_due",
      systemId: a.systemId,
      occurredAt: expired ? `${reviewBy}T23:59:59.999Z` : now.toISOString(),
      text: acceptanceText({ systemName: a.systemName, riskTitle: a.title, reviewBy, expired, daysLeft }),
      link: `/systems/${encodeURIComponent(a.systemKey)}/risks/${a.riskId}`,
      personIds: [a.decidedBy, ...(a.leadershipOwnerId ? [a.leadershipOwnerId] : [])],
      data: { decisionId: a.id, riskId: a.riskId, reviewBy },
    });
  }

  await scanConversations(tx, now, record);
  await scanCadences(tx, now, record);
  return recorded;
}

/** Rounds whose questions wait for an answer, or whose answers wait for a read-back. */
async function scanConversations(tx: Tx, now: Date, record: (e: NewEvent) => Promise<void>): Promise<void> {
  const waitingSince = new Date(now.getTime() - WAITING_DAYS * DAY_MS).toISOString();
  const oldest = new Date(now.getTime() - 60 * DAY_MS).toISOString();
  const asks = await tx
    .selectFrom("asks as a")
    .innerJoin("rounds as r", "r.id", "a.roundId")
    .innerJoin("systems as s", "s.id", "r.systemId")
    .select([
      "a.id",
      "a.text",
      "a.askedBy",
      "a.createdAt",
      "r.id as roundId",
      "r.title as roundTitle",
      "r.systemId",
      "s.key as systemKey",
      "s.name as systemName",
      "s.leadershipOwnerId",
      "s.engineeringOwnerId",
    ])
    .where("a.createdAt", ">=", oldest)
    .where("s.stage", "!=", "retired")
    .execute();
  if (asks.length === 0) return;
  const askIds = asks.map((a) => a.id);
  const answers = await tx
    .selectFrom("answers")
    .select(["id", "askId", "createdAt"])
    .where("askId", "in", askIds)
    .orderBy("createdAt")
    .execute();
  const readBacks = await tx
    .selectFrom("readBacks")
    .select(["answerId"])
    .where("askId", "in", askIds)
    .execute();
  const readAnswers = new Set(readBacks.map((r) => r.answerId));
  const latest = new Map<string, { id: string; createdAt: string }>();
  for (const answer of answers) latest.set(answer.askId, answer);

  // One reminder per round and side, naming the oldest waiting question.
  const waiting = new Map<
    string,
    { ask: (typeof asks)[number]; kind: "answer" | "read_back"; side: string; since: string; count: number }
  >();
  for (const ask of asks) {
    const answer = latest.get(ask.id);
    const answeringSide = ask.askedBy === "leadership" ? "engineering" : "leadership";
    const item = !answer
      ? { kind: "answer" as const, side: answeringSide, since: ask.createdAt }
      : readAnswers.has(answer.id)
        ? null
        : { kind: "read_back" as const, side: ask.askedBy, since: answer.createdAt };
    if (!item || item.since > waitingSince) continue;
    const key = `${item.kind}:${ask.roundId}:${item.side}`;
    const seen = waiting.get(key);
    if (!seen) waiting.set(key, { ask, ...item, count: 1 });
    else {
      seen.count += 1;
      if (item.since < seen.since) Object.assign(seen, { ask, since: item.since });
    }
  }
  for (const [key, w] of waiting) {
    const personId = w.side === "leadership" ? w.ask.leadershipOwnerId : w.ask.engineeringOwnerId;
    const text = conversationText({
      systemName: w.ask.systemName,
      roundTitle: w.ask.roundTitle,
      question: w.ask.text.length > 140 ? `${w.ask.text.slice(0, 137)}...` : w.ask.text,
      waitingFor: w.kind,
      side: w.side,
      days: (now.getTime() - Date.parse(w.since)) / DAY_MS,
    });
    if (w.count > 1) text.body += ` ${w.count - 1} more in this round wait too.`;
    await record({
      key: `${w.kind === "answer" ? "answer_awaited" : "read_back_awaited"}:${key}`,
      kind: w.kind === "answer" ? "answer_awaited" : "read_back_awaited",
      systemId: w.ask.systemId,
      occurredAt: now.toISOString(),
      text,
      link: `/systems/${encodeURIComponent(w.ask.systemKey)}/rounds/${w.ask.roundId}`,
      personIds: personId ? [personId] : [],
      data: { roundId: w.ask.roundId, side: w.side, waiting: w.count },
    });
  }
}

/** Systems whose agreed review cadence says a conversation round is due. */
async function scanCadences(tx: Tx, now: Date, record: (e: NewEvent) => Promise<void>): Promise<void> {
  const cadences = await reviewCadenceRows(tx, null);
  const today = isoDay(now.getTime());
  for (const c of cadences) {
    const due = nextDueOn(c);
    if (due === null || due > today) continue;
    await record({
      key: `review_round_due:${c.systemId}:${due}`,
      kind: "review_round_due",
      systemId: c.systemId,
      occurredAt: `${due}T00:00:00.000Z`,
      text: reviewRoundText({ systemName: c.systemName, everyDays: c.everyDays, lastRoundOn: c.lastRoundOn }),
      link: `/systems/${encodeURIComponent(c.systemKey)}/conversations`,
      personIds: owners(c),
      data: { everyDays: c.everyDays, lastRoundOn: c.lastRoundOn, dueOn: due },
    });
  }
}

export interface CadenceRow {
  systemId: string;
  systemKey: string;
  systemName: string;
  everyDays: number;
  since: string;
  lastRoundOn: string | null;
  leadershipOwnerId: string | null;
  engineeringOwnerId: string | null;
}

export async function reviewCadenceRows(db: Db | Tx, systemId: string | null): Promise<CadenceRow[]> {
  let query = db
    .selectFrom("reviewCadences as c")
    .innerJoin("systems as s", "s.id", "c.systemId")
    .select([
      "c.systemId",
      "c.everyDays",
      "c.updatedAt as since",
      "s.key as systemKey",
      "s.name as systemName",
      "s.leadershipOwnerId",
      "s.engineeringOwnerId",
      (eb) =>
        eb
          .selectFrom("rounds as r")
          .select((e) => e.fn.max("r.heldOn").as("last"))
          .whereRef("r.systemId", "=", "c.systemId")
          .as("lastRoundOn"),
    ])
    .where("s.stage", "!=", "retired");
  if (systemId) query = query.where("c.systemId", "=", systemId);
  const rows = await query.execute();
  return rows.map((r) => ({
    ...r,
    everyDays: Number(r.everyDays),
    lastRoundOn: (r.lastRoundOn as string | null) ?? null,
  }));
}

/** The day the next round is due: the last round plus the cadence, or the cadence's start plus it. */
export function nextDueOn(c: {
  everyDays: number;
  lastRoundOn: string | null;
  since: string;
}): string | null {
  const from = c.lastRoundOn ?? c.since.slice(0, 10);
  const start = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(start)) return null;
  return isoDay(start + c.everyDays * DAY_MS);
}

// ---- deliveries ----------------------------------------------------------------------------------

/**
 * Claims up to `limit` due deliveries for this server: each claim is a compare-and-set on the lease,
 * so when several servers look at once every delivery is taken by exactly one of them.
 */
export async function claimDueDeliveries(
  db: Db,
  workerId: string,
  now: Date,
  limit = 20,
): Promise<NotificationDeliveriesTable[]> {
  const at = now.toISOString();
  const candidates = await db
    .selectFrom("notificationDeliveries")
    .selectAll()
    .where("status", "=", "pending")
    .where("nextAttemptAt", "<=", at)
    .where((eb) => eb.or([eb("leaseUntil", "is", null), eb("leaseUntil", "<", at)]))
    .orderBy("nextAttemptAt")
    .limit(limit)
    .execute();
  const claimed: NotificationDeliveriesTable[] = [];
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  for (const c of candidates) {
    const result = await db
      .updateTable("notificationDeliveries")
      .set({ leaseUntil, leasedBy: workerId })
      .where("id", "=", c.id)
      .where("status", "=", "pending")
      .where((eb) => eb.or([eb("leaseUntil", "is", null), eb("leaseUntil", "<", at)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) claimed.push({ ...c, leaseUntil, leasedBy: workerId });
  }
  return claimed;
}

export interface AttemptOutcome {
  ok: boolean;
  error: string | null;
  /** When to try again; null = give up (status failed). */
  retryAt: Date | null;
}

/** Records how an attempt went, and the channel's health, in one transaction. */
export async function recordAttempt(
  db: Db,
  delivery: NotificationDeliveriesTable,
  workerId: string,
  outcome: AttemptOutcome,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const at = now.toISOString();
    const updated = await tx
      .updateTable("notificationDeliveries")
      .set({
        status: outcome.ok ? "sent" : outcome.retryAt ? "pending" : "failed",
        attempts: delivery.attempts + 1,
        sentAt: outcome.ok ? at : null,
        lastError: outcome.error,
        nextAttemptAt: outcome.retryAt ? outcome.retryAt.toISOString() : delivery.nextAttemptAt,
        leaseUntil: null,
        leasedBy: null,
      })
      .where("id", "=", delivery.id)
      .where("leasedBy", "=", workerId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1 || !delivery.channelId) return;
    if (outcome.ok) {
      await tx
        .updateTable("notificationChannels")
        .set({ consecutiveFailures: 0, failingSince: null, lastError: null, lastSuccessAt: at })
        .where("id", "=", delivery.channelId)
        .execute();
    } else {
      await tx
        .updateTable("notificationChannels")
        .set((eb) => ({
          consecutiveFailures: eb("consecutiveFailures", "+", 1),
          lastError: outcome.error,
          failingSince: eb
            .case()
            .when(
              eb.and([eb("failingSince", "is", null), eb("consecutiveFailures", ">=", FAILING_AFTER - 1)]),
            )
            .then(at)
            .else(eb.ref("failingSince"))
            .end(),
        }))
        .where("id", "=", delivery.channelId)
        .execute();
    }
  });
}

// ---- presenting ----------------------------------------------------------------------------------

/** A URL with its path and query hidden: incoming-webhook URLs carry their credential in the path. */
export function maskUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    const hidden = u.pathname.length > 1 || u.search ? "/…" : "";
    return `${u.protocol}//${u.host}${hidden}`;
  } catch {
    return "…";
  }
}

export function presentChannel(row: NotificationChannelsTable, secret?: string): Channel {
  const failing = row.failingSince !== null;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as ChannelKind,
    url: maskUrl(row.url),
    recipients: JSON.parse(row.recipients) as string[],
    events: JSON.parse(row.events) as EventKind[],
    systemIds: parseList<string>(row.systemIds),
    enabled: row.enabled === 1,
    health: row.enabled !== 1 ? "disabled" : failing ? "failing" : row.lastSuccessAt ? "ok" : "untested",
    consecutiveFailures: row.consecutiveFailures,
    failingSince: row.failingSince,
    lastError: row.lastError,
    lastSuccessAt: row.lastSuccessAt,
    createdAt: row.createdAt,
    ...(secret !== undefined && { secret }),
  };
}

export async function presentEvents(
  db: Db | Tx,
  rows: NotificationEventsTable[],
): Promise<NotificationEvent[]> {
  const systemIds = [...new Set(rows.map((r) => r.systemId).filter((x): x is string => x !== null))];
  const keys = new Map(
    systemIds.length === 0
      ? []
      : (await db.selectFrom("systems").select(["id", "key"]).where("id", "in", systemIds).execute()).map(
          (s) => [s.id, s.key],
        ),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as EventKind,
    systemId: r.systemId,
    systemKey: r.systemId ? (keys.get(r.systemId) ?? null) : null,
    occurredAt: r.occurredAt,
    title: r.title,
    body: r.body,
    link: r.link,
    severity: r.severity as Severity,
    createdAt: r.createdAt,
  }));
}

export async function listEvents(
  db: Db,
  options: { limit: number; personId: string | null },
): Promise<NotificationEvent[]> {
  let query = db
    .selectFrom("notificationEvents")
    .selectAll()
    .orderBy("createdAt", "desc")
    .orderBy("occurredAt", "desc");
  // person_ids is a JSON list of ids; a LIKE on the quoted id is exact because ids are UUIDs.
  if (options.personId) query = query.where("personIds", "like", `%"${options.personId}"%`);
  return presentEvents(db, await query.limit(options.limit).execute());
}

export async function listDeliveries(
  db: Db,
  options: { status?: string; channelId?: string; limit: number },
): Promise<Delivery[]> {
  let query = db
    .selectFrom("notificationDeliveries as d")
    .leftJoin("notificationEvents as e", "e.id", "d.eventId")
    .leftJoin("notificationChannels as c", "c.id", "d.channelId")
    .leftJoin("people as p", "p.id", "d.personId")
    .select([
      "d.id",
      "d.eventId",
      "d.channelId",
      "d.personId",
      "d.digestFrom",
      "d.status",
      "d.attempts",
      "d.nextAttemptAt",
      "d.lastError",
      "d.sentAt",
      "d.createdAt",
      "e.title as eventTitle",
      "c.name as channelName",
      "p.email as personEmail",
    ])
    .orderBy("d.createdAt", "desc")
    .orderBy("d.id");
  if (options.status) query = query.where("d.status", "=", options.status);
  if (options.channelId) query = query.where("d.channelId", "=", options.channelId);
  const rows = await query.limit(options.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    eventId: r.eventId,
    eventTitle: r.eventTitle ?? (r.digestFrom ? `Weekly digest from ${r.digestFrom}` : null),
    target: r.channelName ?? r.personEmail ?? "—",
    channelId: r.channelId,
    personId: r.personId,
    digest: r.digestFrom !== null,
    status: r.status as Delivery["status"],
    attempts: Number(r.attempts),
    nextAttemptAt: r.status === "pending" ? r.nextAttemptAt : null,
    lastError: r.lastError,
    sentAt: r.sentAt,
    createdAt: r.createdAt,
  }));
}

export async function pendingCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom("notificationDeliveries")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Everyone's chosen modes, filled in with the defaults. */
export async function preferencesOf(db: Db, personId: string): Promise<Record<EventKind, PreferenceMode>> {
  const chosen = (await preferenceMaps(db, [personId])).get(personId);
  return Object.fromEntries(EVENT_KINDS.map((k) => [k, modeFor(k, chosen)])) as Record<
    EventKind,
    PreferenceMode
  >;
}

/**
 * The weekly digest: for each person who reads some kinds in a digest, one delivery collecting the
 * week's events that concern them. Keyed by person and week, so it is created once.
 */
export async function createDigests(tx: Tx, from: Date, to: Date, now: Date): Promise<number> {
  const events = await tx
    .selectFrom("notificationEvents")
    .select(["id", "kind", "personIds"])
    .where("createdAt", ">=", from.toISOString())
    .where("createdAt", "<", to.toISOString())
    .execute();
  const perPerson = new Map<string, { id: string; kind: EventKind }[]>();
  for (const e of events) {
    for (const personId of JSON.parse(e.personIds) as string[]) {
      const list = perPerson.get(personId) ?? [];
      list.push({ id: e.id, kind: e.kind as EventKind });
      perPerson.set(personId, list);
    }
  }
  if (perPerson.size === 0) return 0;
  const modes = await preferenceMaps(tx, [...perPerson.keys()]);
  const active = new Set(
    (
      await tx
        .selectFrom("people")
        .select("id")
        .where("id", "in", [...perPerson.keys()])
        .where("disabled", "=", 0)
        .execute()
    ).map((p) => p.id),
  );
  let created = 0;
  for (const [personId, list] of perPerson) {
    if (!active.has(personId)) continue;
    if (!list.some((e) => modeFor(e.kind, modes.get(personId)) === "digest")) continue;
    const inserted = await tx
      .insertInto("notificationDeliveries")
      .values(
        pendingDelivery(`digest:${personId}:${from.toISOString().slice(0, 10)}`, now, {
          personId,
          digestFrom: from.toISOString(),
          digestTo: to.toISOString(),
        }),
      )
      .onConflict((oc) => oc.column("dedupeKey").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) created += 1;
  }
  return created;
}

/** The events of a digest delivery: the week's events for that person in digest mode. */
export async function digestEvents(
  db: Db,
  personId: string,
  from: string,
  to: string,
): Promise<NotificationEvent[]> {
  const modes = (await preferenceMaps(db, [personId])).get(personId);
  const rows = await db
    .selectFrom("notificationEvents")
    .selectAll()
    .where("createdAt", ">=", from)
    .where("createdAt", "<", to)
    .where("personIds", "like", `%"${personId}"%`)
    .orderBy("createdAt")
    .execute();
  return presentEvents(
    db,
    rows.filter((r) => modeFor(r.kind as EventKind, modes) === "digest"),
  );
}
