import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SmtpReceiver } from "../../test/support/smtp-receiver.js";
import { MailError, mailerFromEnv, parseSmtpUrl, smtpMailer, type Mailer } from "./mailer.js";
import { linkTo, publicUrlFrom } from "./public-url.js";

describe("mailer with the local SMTP receiver", () => {
  let receiver: SmtpReceiver;
  let mailer: Mailer;
  beforeAll(async () => {
    receiver = await SmtpReceiver.start();
    mailer = mailerFromEnv({
      PARLEY_SMTP_URL: receiver.url,
      PARLEY_MAIL_FROM: "Acme Parley <parley@acme.test>",
    });
  });
  afterAll(async () => {
    mailer.close();
    await receiver.close();
  });
  beforeEach(() => receiver.clear());

  it("delivers a message that the receiver parses (text, html, headers, from)", async () => {
    const sent = await mailer.sendMail({
      to: "ana@example.com",
      subject: "Reset your Parley password — ünïcode",
      text: "Open https://parley.test/reset/abc\nwithin an hour.",
      html: '<p>Open <a href="https://parley.test/reset/abc">the link</a></p>',
      headers: { "X-Parley-Kind": "password-reset" },
    });
    expect(sent.messageId).toMatch(/@/);
    const mail = await receiver.waitFor((m) => m.subject.startsWith("Reset"));
    expect(mail.to).toEqual(["ana@example.com"]);
    expect(mail.from).toBe("parley@acme.test");
    expect(mail.fromHeader).toContain("Acme Parley");
    expect(mail.subject).toBe("Reset your Parley password — ünïcode");
    expect(mail.text).toContain("https://parley.test/reset/abc");
    expect(mail.html).toContain('href="https://parley.test/reset/abc"');
    expect(mail.headers["x-parley-kind"]).toBe("password-reset");
    expect(receiver.messagesTo("ANA@example.com")).toHaveLength(1);
  });

  it("signs in when the URL carries a user name and password", async () => {
    const withAuth = smtpMailer({ url: `smtp://parley:s%40cret@127.0.0.1:${receiver.port}` });
    await withAuth.sendMail({ to: "b@example.com", subject: "auth", text: "x" });
    const mail = await receiver.waitFor((m) => m.subject === "auth");
    expect(mail.user).toBe("parley");
    expect(mail.fromHeader).toContain("parley@localhost");
    withAuth.close();
  });

  it("a 4xx refusal is a transient MailError, a 5xx a permanent one, then delivery works again", async () => {
    receiver.failNext(1, 451, "Try again later");
    receiver.failNext(1, 550, "Mailbox unavailable");
    const first = await mailer
      .sendMail({ to: "c@example.com", subject: "one", text: "x" })
      .catch((e: unknown) => e);
    expect(first).toBeInstanceOf(MailError);
    expect(first).toMatchObject({ code: "email_failed", transient: true, responseCode: 451 });
    const second = await mailer
      .sendMail({ to: "c@example.com", subject: "two", text: "x" })
      .catch((e: unknown) => e);
    expect(second).toMatchObject({ code: "email_failed", transient: false, responseCode: 550 });
    expect((second as MailError).message).toContain("refused");
    await mailer.sendMail({ to: "c@example.com", subject: "three", text: "x" });
    expect(receiver.messages.map((m) => m.subject)).toEqual(["three"]);
  });

  it("an unreachable server is a transient MailError, not a hang", async () => {
    const dead = smtpMailer({ url: "smtp://127.0.0.1:1", timeoutMs: 2_000 });
    const err = await dead
      .sendMail({ to: "d@example.com", subject: "x", text: "x" })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "email_failed", transient: true });
    expect((err as Error).message).toContain("127.0.0.1:1");
  });

  it("waitFor rejects with what did arrive when nothing matches", async () => {
    await expect(receiver.waitFor((m) => m.subject === "never", 100)).rejects.toThrow(/No matching e-mail/);
  });
});

describe("mailer configuration", () => {
  it("without PARLEY_SMTP_URL the mailer says e-mail is not configured", async () => {
    const mailer = mailerFromEnv({});
    expect(mailer.configured).toBe(false);
    expect(mailer.from).toBe("Parley <parley@localhost>");
    const err = await mailer
      .sendMail({ to: "a@example.com", subject: "s", text: "t" })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "email_not_configured", transient: false });
    expect((err as Error).message).toMatch(/PARLEY_SMTP_URL/);
  });

  it("refuses a URL that is not smtp:// or smtps://", () => {
    expect(() => parseSmtpUrl("http://mail.example.com")).toThrow(/smtp:\/\//);
    expect(() => parseSmtpUrl("not a url")).toThrow(/not a URL/);
    expect(parseSmtpUrl("smtps://u:p@mail.example.com").protocol).toBe("smtps:");
  });

  it("public URL comes from configuration, defaulting to localhost and the port", () => {
    expect(publicUrlFrom(undefined, 7301)).toBe("http://localhost:7301");
    expect(publicUrlFrom("https://parley.acme.com/", 1)).toBe("https://parley.acme.com");
    expect(() => publicUrlFrom("javascript:alert(1)", 1)).toThrow(/http/);
    expect(linkTo("https://p.example/base/", "/reset/x")).toBe("https://p.example/base/reset/x");
  });
});
