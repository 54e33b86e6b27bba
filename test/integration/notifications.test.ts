import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyWebhook } from "../../src/core/notifications/delivery.js";
import { smtpMailer } from "../../src/mail/mailer.js";
import { Scheduler } from "../../src/scheduler/scheduler.js";
import { HttpReceiver } from "../support/http-receiver.js";
import { SmtpReceiver } from "../support/smtp-receiver.js";
import { createWorld, DIALECTS, PASSWORD, type TestWorld } from "./harness.js";

const DAY = 86_400_000;
const NOW = new Date("2026-06-15T12:00:00Z");
const wobble = (i: number) => Math.sin(i * 2.3) * 0.5 + Math.sin(i * 0.9) * 0.3;

interface WebhookPayload {
  id: string;
  type: string;
  system: string;
  title: string;
  url: string;
}

describe.each(DIALECTS)("notifications and the scheduler [%s]", (dialect) => {
  let w: TestWorld;
  let http: HttpReceiver;
  let smtp: SmtpReceiver;
  let secret: string;
  let webhookId: string;
  const schedulers: Scheduler[] = [];

  /** A scheduler as a server would run it, on the world's clock (which tests move by hand). */
  const scheduler = (workerId: string) => {
    const s = new Scheduler({
      database: w.database,
      transport: { mailer: smtpMailer({ url: smtp.url }), publicUrl: "https://parley.example.com" },
      clock: () => w.clock.now,
      workerId,
      onError: (err) => {
        throw err;
      },
    });
    schedulers.push(s);
    return s;
  };
  const advance = (ms: number) => (w.clock.now = new Date(w.clock.now.getTime() + ms));
  /** Signs in again: moving the clock by weeks ends the world's sessions, as it would for people. */
  const signedIn = async (email: string) => {
    const res = await w.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email, password: PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === "parley_session");
    if (!cookie) throw new Error(`sign-in failed: ${res.body}`);
    return w.as({ cookie: cookie.value });
  };
  const webhooks = () => http.on("/hook").map((r) => JSON.parse(r.body) as WebhookPayload);

  beforeAll(async () => {
    http = await HttpReceiver.start();
    smtp = await SmtpReceiver.start();
    w = await createWorld(dialect, NOW);
    await w.engineer.post("/api/v1/systems", {
      key: "bot",
      name: "Support bot",
      leadershipOwnerId: w.leader.person.id,
      engineeringOwnerId: w.engineer.person.id,
    });
    await w.engineer.post("/api/v1/systems", { key: "other", name: "Other system" });
    await w.engineer.post("/api/v1/systems/bot/signals", {
      key: "manual",
      name: "Manual-work rate",
      kind: "manual_work",
      aggregation: "ratio",
      unit: "",
    });
    const start = NOW.getTime() - 60 * DAY;
    const manual = Array.from({ length: 60 }, (_, i) => ({
      t: start + i * DAY,
      v: Math.round(100 * (0.1 + (0.1 * i) / 60) + wobble(i) * 2),
      n: 100,
    }));
    expect((await w.engineer.post("/api/v1/signals/bot%2Fmanual/points", manual)).body.accepted).toBe(60);
  });
  afterAll(async () => {
    for (const s of schedulers) await s.stop();
    await w.close();
    await http.close();
    await smtp.close();
  });

  it("lets only admins manage channels, and shows a webhook's secret once", async () => {
    const refused = await w.engineer.post("/api/v1/notifications/channels", {
      name: "Hook",
      kind: "webhook",
      url: `${http.url}/hook`,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("admin_required");

    const missing = await w.admin.post("/api/v1/notifications/channels", { name: "Hook", kind: "webhook" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("channel_url_required");

    const created = await w.admin.post("/api/v1/notifications/channels", {
      name: "Risk hook",
      kind: "webhook",
      url: `${http.url}/hook`,
      systemIds: ["bot"],
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    expect(created.body.url).toBe(`${http.url}/…`);
    expect(created.body.health).toBe("untested");
    secret = created.body.secret;
    webhookId = created.body.id;
    const listed = await w.admin.get("/api/v1/notifications/channels");
    expect(listed.body.items[0].secret).toBeUndefined();

    const slack = await w.admin.post("/api/v1/notifications/channels", {
      name: "#ai-risk",
      kind: "slack",
      url: `${http.url}/slack`,
      events: ["limit_breached", "budget_breached", "acceptance_expired"],
    });
    expect(slack.status).toBe(201);
    expect(slack.body.secret).toBeUndefined();
  });

  it("sends a breached limit once to each channel and to the owners by e-mail, signed", async () => {
    const limit = await w.leader.post("/api/v1/limits", {
      signalId: "bot/manual",
      windowDays: 7,
      aggregate: "ratio",
      comparator: "above",
      threshold: 0.15,
    });
    expect(limit.body.evaluation.state).toBe("breached");

    const one = scheduler("server-one");
    const first = await one.tick();
    expect(first.jobs).toEqual(expect.arrayContaining(["evaluate", "notify-scan"]));

    const breach = webhooks().filter((p) => p.type === "limit_breached");
    expect(breach).toHaveLength(1);
    expect(breach[0]!.system).toBe("bot");
    expect(breach[0]!.url).toBe("https://parley.example.com/systems/bot/signals");
    const request = http.on("/hook").find((r) => JSON.parse(r.body).type === "limit_breached")!;
    expect(request.headers["idempotency-key"]).toBe(breach[0]!.id);
    expect(
      verifyWebhook(
        secret,
        String(request.headers["parley-signature"]),
        request.body,
        Math.floor(Date.now() / 1000),
        10 ** 9,
      ),
    ).toBe(true);
    expect(
      verifyWebhook(
        "whsec_wrong-secret-value",
        String(request.headers["parley-signature"]),
        request.body,
        Math.floor(Date.now() / 1000),
        10 ** 9,
      ),
    ).toBe(false);

    const slack = http.on("/slack").map((r) => JSON.parse(r.body) as { text: string; blocks: unknown[] });
    expect(slack).toHaveLength(1);
    expect(slack[0]!.text).toContain("Support bot");
    expect(slack[0]!.blocks.length).toBeGreaterThan(0);

    const mails = smtp.messages.filter((m) => m.subject.includes("breached"));
    expect(mails.map((m) => m.to[0]).sort()).toEqual(["eli@test.dev", "lena@test.dev"]);
    expect(mails[0]!.text).toContain("https://parley.example.com/systems/bot/signals");

    // Nothing is sent twice: not by the same server again, not by a second server ticking with it.
    const counts = [http.requests.length, smtp.messages.length];
    const two = scheduler("server-two");
    await Promise.all([one.tick(), two.tick(), one.tick(), two.tick()]);
    expect([http.requests.length, smtp.messages.length]).toEqual(counts);

    const channels = (await w.admin.get("/api/v1/notifications/channels")).body.items;
    expect(channels.every((c: { health: string }) => c.health === "ok")).toBe(true);
    const events = (await w.leader.get("/api/v1/notifications/events?mine=true")).body.items;
    expect(events.some((e: { kind: string }) => e.kind === "limit_breached")).toBe(true);
  });

  it("retries a failing receiver with backoff, marks the channel failing, and recovers", async () => {
    http.answer("/hook", { status: 503, headers: { "retry-after": "1" }, body: "down" });
    const hook = await w.admin.post(`/api/v1/notifications/channels/${webhookId}/test`);
    expect(hook.body).toMatchObject({ ok: false, status: 503 });
    expect(hook.body.error).toContain("503");

    // An acceptance due for review in 10 days is news for the webhook.
    const risk = await w.engineer.post("/api/v1/systems/bot/risks", {
      title: "Refund abuse",
      class: "security",
    });
    const reviewBy = new Date(w.clock.now.getTime() + 10 * DAY).toISOString().slice(0, 10);
    const decided = await w.leader.post(`/api/v1/risks/${risk.body.id}/decisions`, {
      outcome: "accept",
      rationale: "Low volume for now",
      reviewBy,
    });
    expect(decided.status).toBe(201);
    const s = scheduler("server-three");
    advance(61_000);
    await s.tick();
    const due = () => http.on("/hook").filter((r) => JSON.parse(r.body).type === "acceptance_review_due");
    expect(due()).toHaveLength(1);
    for (let i = 0; i < 3; i++) {
      advance(2 * 3_600_000);
      await s.tick();
    }
    expect(due()).toHaveLength(4);
    const status = (await w.leader.get("/api/v1/notifications/status")).body;
    expect(status.failingChannels.map((c: { name: string }) => c.name)).toEqual(["Risk hook"]);
    const deliveries = (
      await w.admin.get(`/api/v1/notifications/deliveries?channelId=${webhookId}&status=pending`)
    ).body.items;
    expect(deliveries[0].attempts).toBe(4);
    expect(deliveries[0].lastError).toContain("503");

    http.answer("/hook", { status: 204 });
    advance(7 * 3_600_000);
    await s.tick();
    expect(due()).toHaveLength(5);
    // The same delivery each time: receivers dedupe on the idempotency key.
    expect(new Set(due().map((r) => r.headers["idempotency-key"])).size).toBe(1);
    const after = (await w.leader.get("/api/v1/notifications/status")).body;
    expect(after.failingChannels).toEqual([]);
  });

  it("follows each person's preferences, and expires acceptances on time", async () => {
    const prefs = await w.leader.put("/api/v1/me/notification-preferences", {
      modes: { acceptance_expired: "off" },
    });
    expect(prefs.status).toBe(200);
    expect(prefs.body.modes.acceptance_expired).toBe("off");
    expect(prefs.body.modes.limit_breached).toBe("immediate");
    const bad = await w.leader.put("/api/v1/me/notification-preferences", {
      modes: { limit_breached: "sometimes" },
    });
    expect(bad.status).toBe(400);

    const before = smtp.messages.length;
    advance(12 * DAY);
    await scheduler("server-four").tick();
    const expired = webhooks().filter((p) => p.type === "acceptance_expired");
    expect(expired).toHaveLength(1);
    expect(http.on("/slack").filter((r) => r.body.includes("expired"))).toHaveLength(1);
    const newMail = smtp.messages.slice(before).filter((m) => m.subject.includes("expired"));
    expect(newMail).toEqual([]); // Lena turned these off and she decided it
  });

  it("reminds of a due review round and of unanswered questions, and sends the weekly digest", async () => {
    const cadence = await w.engineer.put("/api/v1/systems/bot/review-cadence", { everyDays: 30 });
    expect(cadence.status).toBe(200);
    expect(cadence.body.everyDays).toBe(30);
    expect((await w.engineer.put("/api/v1/systems/bot/review-cadence", { everyDays: 3 })).status).toBe(400);
    const round = await w.engineer.post("/api/v1/systems/bot/rounds", {
      title: "Monthly review",
      customQuestions: [{ text: "What would make you stop trusting this bot?", askedBy: "engineering" }],
    });
    expect(round.status).toBe(201);
    const s = scheduler("server-five");
    advance(3 * DAY);
    await s.tick();
    const leader = await signedIn("lena@test.dev");
    const events = (await leader.get("/api/v1/notifications/events?mine=true")).body.items;
    const awaited = events.find((e: { kind: string }) => e.kind === "answer_awaited");
    expect(awaited.body).toContain("What would make you stop trusting this bot?");

    advance(31 * DAY);
    await s.tick();
    const engineer = await signedIn("eli@test.dev");
    const review = (await engineer.get("/api/v1/notifications/events?mine=true")).body.items.find(
      (e: { kind: string }) => e.kind === "review_round_due",
    );
    expect(review.title).toBe("Support bot: a review round is due");
    expect((await engineer.get("/api/v1/systems/bot/review-cadence")).body.overdue).toBe(true);

    // The digest goes out on Monday 08:00 UTC with the week's reminders, once.
    const digestsBefore = smtp.messages.filter((m) => m.subject.includes("Weekly digest")).length;
    advance(8 * DAY);
    await s.tick();
    await s.tick();
    const digests = smtp.messages.filter((m) => m.subject.includes("Weekly digest"));
    expect(digests.length).toBeGreaterThan(digestsBefore);
    expect(new Set(digests.map((d) => `${d.to[0]}|${d.subject}`)).size).toBe(digests.length);

    const admin = await signedIn("admin@test.dev");
    const jobs = (await admin.get("/api/v1/scheduler/jobs")).body.items;
    expect(jobs.map((j: { name: string }) => j.name)).toEqual(["evaluate", "notify-scan", "weekly-digest"]);
    expect(jobs.every((j: { runs: number }) => j.runs > 0)).toBe(true);
    expect((await (await signedIn("eli@test.dev")).get("/api/v1/scheduler/jobs")).status).toBe(403);
  });

  it("stops sending through a removed channel", async () => {
    const admin = await signedIn("admin@test.dev");
    const del = await admin.del(`/api/v1/notifications/channels/${webhookId}`);
    expect(del.status).toBe(204);
    expect(
      (await admin.get("/api/v1/notifications/channels")).body.items.map((c: { name: string }) => c.name),
    ).toEqual(["#ai-risk"]);
    expect((await admin.del(`/api/v1/notifications/channels/${webhookId}`)).status).toBe(404);
  });
});
