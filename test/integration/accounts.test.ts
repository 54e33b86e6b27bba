import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { unconfiguredMailer } from "../../src/mail/mailer.js";
import { buildApp } from "../../src/server/app.js";
import { SmtpReceiver, type ReceivedMail } from "../support/smtp-receiver.js";
import { createWorld, DIALECTS, PASSWORD, type Caller, type TestWorld } from "./harness.js";

const PUBLIC_URL = "https://parley.example.test";
const NEW_PASSWORD = "a-brand-new-password-456";
const DAY = 86_400_000;

function linkIn(mail: ReceivedMail, kind: "invite" | "reset"): { url: string; token: string } {
  const match = new RegExp(`${PUBLIC_URL.replace(/\./g, "\\.")}/${kind}/([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${kind} link in: ${mail.text}`);
  return { url: match[0], token: match[1]! };
}

describe.each(DIALECTS)("accounts: invitations and password reset by e-mail [%s]", (dialect) => {
  let w: TestWorld;
  let receiver: SmtpReceiver;

  /** Signs in through the API and returns a caller with that session. */
  async function signInAs(email: string, password: string): Promise<{ status: number; caller?: Caller }> {
    const res = await w.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email, password },
    });
    const cookie = res.cookies.find((c) => c.name === "parley_session");
    return { status: res.statusCode, ...(cookie && { caller: w.as({ cookie: cookie.value }) }) };
  }

  async function invite(email: string, extra: Record<string, unknown> = {}) {
    return w.admin.post("/api/v1/invitations", { email, name: "Ivy Invitee", side: "leadership", ...extra });
  }

  async function person(email: string) {
    const res = await w.admin.post("/api/v1/people", {
      name: `Pat ${email}`,
      email,
      side: "engineering",
      password: PASSWORD,
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  beforeAll(async () => {
    receiver = await SmtpReceiver.start();
    process.env.PARLEY_SMTP_URL = receiver.url;
    process.env.PARLEY_PUBLIC_URL = PUBLIC_URL;
    try {
      w = await createWorld(dialect);
    } finally {
      delete process.env.PARLEY_SMTP_URL;
      delete process.env.PARLEY_PUBLIC_URL;
    }
  });
  afterAll(async () => {
    await w.close();
    await receiver.close();
  });
  beforeEach(() => receiver.clear());

  it("says e-mail is configured", async () => {
    const res = await w.anonymous.get("/api/v1/accounts/settings");
    expect(res.body).toEqual({ emailConfigured: true, invitationDays: 7, passwordResetMinutes: 60 });
  });

  it("invite → the e-mail arrives with a link → accept → signed in as the invited person", async () => {
    const res = await invite("ivy@test.dev", { side: "leadership", isAdmin: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ emailed: true, acceptUrl: null });
    expect(res.body.invitation).toMatchObject({
      email: "ivy@test.dev",
      status: "pending",
      delivery: "email",
      isAdmin: true,
      invitedBy: { name: "Ada Admin" },
    });
    const mail = await receiver.waitFor((m) => m.to.includes("ivy@test.dev"));
    expect(mail.subject).toBe("Ada Admin invited you to Parley");
    expect(mail.headers["x-parley-kind"]).toBe("invitation");
    const { token, url } = linkIn(mail, "invite");
    expect(mail.html).toContain(url);

    const listed = await w.admin.get("/api/v1/invitations");
    expect(listed.body.items.map((i: { email: string }) => i.email)).toContain("ivy@test.dev");

    const preview = await w.anonymous.post("/api/v1/invitations/preview", { token });
    expect(preview.body).toMatchObject({ email: "ivy@test.dev", side: "leadership", invitedBy: "Ada Admin" });

    const accepted = await w.app.inject({
      method: "POST",
      url: "/api/v1/invitations/accept",
      payload: { token, password: NEW_PASSWORD, name: "Ivy Ivanova" },
    });
    expect(accepted.statusCode).toBe(201);
    const cookie = accepted.cookies.find((c) => c.name === "parley_session");
    expect(cookie?.httpOnly).toBe(true);
    const me = await w.as({ cookie: cookie!.value }).get("/api/v1/auth/me");
    expect(me.body.person).toMatchObject({ email: "ivy@test.dev", name: "Ivy Ivanova", isAdmin: true });
    expect((await signInAs("ivy@test.dev", NEW_PASSWORD)).status).toBe(200);

    // Accepted invitations leave the pending list; the audit trail names the steps without secrets.
    const after = await w.admin.get("/api/v1/invitations");
    expect(after.body.items.map((i: { email: string }) => i.email)).not.toContain("ivy@test.dev");
    const audit = await w.database.db
      .selectFrom("auditEvents")
      .selectAll()
      .where("entity", "=", "invitation")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["create", "accept"]));
    const stored = await w.database.db.selectFrom("invitations").select("tokenHash").execute();
    for (const row of [...audit.map((a) => JSON.stringify(a)), ...stored.map((s) => s.tokenHash)]) {
      expect(row).not.toContain(token);
    }
  });

  it("an invitation link works once", async () => {
    await invite("once@test.dev");
    const { token } = linkIn(await receiver.waitFor(), "invite");
    expect(
      (await w.anonymous.post("/api/v1/invitations/accept", { token, password: NEW_PASSWORD })).status,
    ).toBe(201);
    const again = await w.anonymous.post("/api/v1/invitations/accept", { token, password: NEW_PASSWORD });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("invitation_used");
    expect((await w.anonymous.post("/api/v1/invitations/preview", { token })).body.error.code).toBe(
      "invitation_used",
    );
    const unknown = await w.anonymous.post("/api/v1/invitations/preview", { token: "x".repeat(43) });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("invitation_not_found");
  });

  it("inviting again replaces the earlier link; revoking stops a link; only admins manage invitations", async () => {
    await invite("twice@test.dev");
    const first = linkIn(await receiver.waitFor(), "invite").token;
    receiver.clear();
    const second = await invite("twice@test.dev", { side: "engineering" });
    expect(second.status).toBe(201);
    const secondToken = linkIn(await receiver.waitFor(), "invite").token;
    const old = await w.anonymous.post("/api/v1/invitations/preview", { token: first });
    expect(old.body.error.code).toBe("invitation_replaced");
    const pending = (await w.admin.get("/api/v1/invitations")).body.items.filter(
      (i: { email: string }) => i.email === "twice@test.dev",
    );
    expect(pending).toHaveLength(1);
    expect(pending[0].side).toBe("engineering");

    const revoked = await w.admin.del(`/api/v1/invitations/${second.body.invitation.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe("revoked");
    const gone = await w.anonymous.post("/api/v1/invitations/accept", {
      token: secondToken,
      password: NEW_PASSWORD,
    });
    expect(gone.status).toBe(409);
    expect(gone.body.error.code).toBe("invitation_revoked");

    expect((await w.leader.get("/api/v1/invitations")).body.error.code).toBe("admin_required");
    expect(
      (await w.engineer.post("/api/v1/invitations", { email: "x@test.dev", name: "X", side: "leadership" }))
        .status,
    ).toBe(403);
    const taken = await invite("lena@test.dev");
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe("email_taken");
  });

  it("re-inviting a disabled person re-activates that account on acceptance", async () => {
    const pat = await person("pat-disabled@test.dev");
    expect((await w.admin.patch(`/api/v1/people/${pat.id}`, { disabled: true })).status).toBe(200);
    await invite("pat-disabled@test.dev");
    const { token } = linkIn(await receiver.waitFor(), "invite");
    const res = await w.anonymous.post("/api/v1/invitations/accept", { token, password: NEW_PASSWORD });
    expect(res.status).toBe(201);
    expect(res.body.person).toMatchObject({ id: pat.id, disabled: false, side: "leadership" });
  });

  it("a mail server refusal gives 502 email_failed, keeps the invitation, and sending again works", async () => {
    receiver.failNext(1, 550, "Mailbox unavailable");
    const failed = await invite("bounce@test.dev");
    expect(failed.status).toBe(502);
    expect(failed.body.error).toMatchObject({
      code: "email_failed",
      details: { transient: false, smtpCode: 550 },
    });
    expect(failed.body.error.message).toMatch(/saved/);
    const pending = (await w.admin.get("/api/v1/invitations")).body.items;
    expect(pending.find((i: { email: string }) => i.email === "bounce@test.dev")?.status).toBe("pending");
    const retried = await invite("bounce@test.dev");
    expect(retried.status).toBe(201);
    // The OpenAPI document names the 502 with the one error body shape.
    const openapi = (await w.anonymous.get("/api/openapi.json")).body;
    expect(Object.keys(openapi.paths["/api/v1/invitations"].post.responses)).toContain("502");
    expect(linkIn(await receiver.waitFor(), "invite").token).toBeTruthy();
  });

  it("password reset: mail → link → new password; all sessions end, API tokens stay, lockout clears", async () => {
    const pat = await person("pat-reset@test.dev");
    const first = (await signInAs(pat.email, PASSWORD)).caller!;
    const second = (await signInAs(pat.email, PASSWORD)).caller!;
    const token = (await first.post("/api/v1/tokens", { name: "ci", scopes: ["read"] })).body.token as string;
    // Lock the account with wrong passwords first: the reset must clear the lockout.
    for (let i = 0; i < 5; i++) await signInAs(pat.email, "wrong-password-x");
    expect((await signInAs(pat.email, PASSWORD)).status).toBe(429);

    const res = await w.anonymous.post("/api/v1/auth/password-reset", { email: "PAT-RESET@test.dev" });
    expect(res.status).toBe(202);
    const mail = await receiver.waitFor((m) => m.to.includes(pat.email));
    expect(mail.subject).toBe("Reset your Parley password");
    const link = linkIn(mail, "reset");
    expect(
      (await w.anonymous.post("/api/v1/auth/password-reset/check", { token: link.token })).body.email,
    ).toBe(pat.email);

    const confirmed = await w.app.inject({
      method: "POST",
      url: "/api/v1/auth/password-reset/confirm",
      payload: { token: link.token, password: NEW_PASSWORD },
    });
    expect(confirmed.statusCode).toBe(200);
    const fresh = w.as({ cookie: confirmed.cookies.find((c) => c.name === "parley_session")!.value });
    expect((await fresh.get("/api/v1/auth/me")).body.person.email).toBe(pat.email);
    expect((await first.get("/api/v1/auth/me")).status).toBe(401);
    expect((await second.get("/api/v1/auth/me")).status).toBe(401);
    expect((await w.as({ token }).get("/api/v1/auth/me")).status).toBe(200);
    expect((await signInAs(pat.email, PASSWORD)).status).toBe(401);
    expect((await signInAs(pat.email, NEW_PASSWORD)).status).toBe(200);

    const reused = await w.anonymous.post("/api/v1/auth/password-reset/confirm", {
      token: link.token,
      password: NEW_PASSWORD,
    });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe("password_reset_used");
    const audit = await w.database.db
      .selectFrom("auditEvents")
      .selectAll()
      .where("entityId", "=", pat.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["password_reset_requested", "password_reset"]),
    );
    expect(JSON.stringify(audit)).not.toContain(link.token);
  });

  it("does not reveal which addresses have accounts: same status and body, no mail for unknown", async () => {
    await person("pat-known@test.dev");
    const unknown = await w.anonymous.post("/api/v1/auth/password-reset", { email: "nobody-here@test.dev" });
    const known = await w.anonymous.post("/api/v1/auth/password-reset", { email: "pat-known@test.dev" });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    await receiver.waitFor((m) => m.to.includes("pat-known@test.dev"));
    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.messagesTo("nobody-here@test.dev")).toHaveLength(0);
  });

  it("limits reset requests per address (429 too_many_reset_requests), unknown addresses included", async () => {
    for (let i = 0; i < 3; i++) {
      expect((await w.anonymous.post("/api/v1/auth/password-reset", { email: "spam@test.dev" })).status).toBe(
        202,
      );
    }
    const limited = await w.anonymous.post("/api/v1/auth/password-reset", { email: "spam@test.dev" });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("too_many_reset_requests");
    expect(limited.headers["retry-after"]).toBeDefined();
  });

  it("a newer reset link replaces the older one, and links expire after an hour", async () => {
    const pat = await person("pat-expire@test.dev");
    await w.anonymous.post("/api/v1/auth/password-reset", { email: pat.email });
    const older = linkIn(await receiver.waitFor((m) => m.to.includes(pat.email)), "reset").token;
    receiver.clear();
    await w.anonymous.post("/api/v1/auth/password-reset", { email: pat.email });
    const newer = linkIn(await receiver.waitFor((m) => m.to.includes(pat.email)), "reset").token;
    const replaced = await w.anonymous.post("/api/v1/auth/password-reset/confirm", {
      token: older,
      password: NEW_PASSWORD,
    });
    expect(replaced.body.error.code).toBe("password_reset_replaced");

    w.clock.now = new Date(w.clock.now.getTime() + 61 * 60_000);
    const expired = await w.anonymous.post("/api/v1/auth/password-reset/confirm", {
      token: newer,
      password: NEW_PASSWORD,
    });
    expect(expired.status).toBe(409);
    expect(expired.body.error.code).toBe("password_reset_expired");
    expect((await signInAs(pat.email, PASSWORD)).status).toBe(200);
  });

  it("invitations expire after 7 days", async () => {
    await invite("late@test.dev");
    const { token } = linkIn(await receiver.waitFor(), "invite");
    w.clock.now = new Date(w.clock.now.getTime() + 7 * DAY + 60_000);
    const res = await w.anonymous.post("/api/v1/invitations/accept", { token, password: NEW_PASSWORD });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("invitation_expired");
    const listed = (await w.admin.get("/api/v1/invitations")).body.items;
    expect(listed.find((i: { email: string }) => i.email === "late@test.dev")?.status).toBe("expired");
  });

  it("without e-mail, an invitation returns the link to the admin and reset by e-mail says it is unavailable", async () => {
    const app = await buildApp({
      database: w.database,
      mailer: unconfiguredMailer(),
      publicUrl: PUBLIC_URL,
      clock: () => w.clock.now,
    });
    try {
      const headers = { cookie: `parley_session=${w.admin.cookie}`, "content-type": "application/json" };
      const settings = await app.inject({ method: "GET", url: "/api/v1/accounts/settings" });
      expect(settings.json().emailConfigured).toBe(false);
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/invitations",
        headers,
        payload: { email: "offline@test.dev", name: "Off Line", side: "engineering" },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ emailed: false, invitation: { delivery: "link" } });
      expect(res.json().acceptUrl).toMatch(new RegExp(`^${PUBLIC_URL}/invite/[A-Za-z0-9_-]{43}$`));
      const token = (res.json().acceptUrl as string).split("/").at(-1);
      const accepted = await app.inject({
        method: "POST",
        url: "/api/v1/invitations/accept",
        payload: { token, password: NEW_PASSWORD },
      });
      expect(accepted.statusCode).toBe(201);
      const reset = await app.inject({
        method: "POST",
        url: "/api/v1/auth/password-reset",
        payload: { email: "offline@test.dev" },
      });
      expect(reset.statusCode).toBe(409);
      expect(reset.json().error.code).toBe("email_not_configured");
      expect(receiver.messages).toHaveLength(0);
    } finally {
      await app.close();
    }
  });
});
