import { describe, expect, it } from "vitest";
import { escapeHtml, invitationMail, passwordResetMail } from "./account-messages.js";
import { MailError, type Mailer } from "./mailer.js";
import { sendWithRetries } from "./retry.js";

describe("account e-mails", () => {
  it("an invitation names the inviter, the side and the deadline; user text cannot add HTML or headers", () => {
    const mail = invitationMail({
      to: "ivy@example.com",
      name: "Ivy <b>bold</b>",
      invitedBy: "Ada\r\nBcc: everyone@example.com",
      side: "leadership",
      isAdmin: true,
      url: "https://parley.example.com/invite/abc",
      expiresAt: "2026-12-05T10:30:00.000Z",
    });
    expect(mail.subject).toBe("Ada Bcc: everyone@example.com invited you to Parley");
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain("leadership side, as an admin");
    expect(mail.text).toContain("until 5 Dec 2026, 10:30 UTC");
    expect(mail.text).toContain("https://parley.example.com/invite/abc");
    expect(mail.html).toContain("Ivy &lt;b&gt;bold&lt;/b&gt;");
    expect(mail.html).not.toContain("<b>bold</b>");
    expect(mail.headers).toEqual({ "X-Parley-Kind": "invitation" });
  });

  it("a reset e-mail has the link, the hour and what to do if it was not you", () => {
    const mail = passwordResetMail({
      to: "a@example.com",
      name: "Ana",
      url: "https://p.example/reset/xyz",
      expiresAt: "2026-06-01T13:00:00.000Z",
    });
    expect(mail.text).toContain("https://p.example/reset/xyz");
    expect(mail.text).toContain("If you did not ask for this");
    expect(mail.html).toContain('href="https://p.example/reset/xyz"');
    expect(escapeHtml(`"'&<>`)).toBe("&quot;&#39;&amp;&lt;&gt;");
  });
});

describe("sendWithRetries", () => {
  function flaky(failures: MailError[]): Mailer & { calls: number } {
    const mailer = {
      configured: true,
      from: "x",
      calls: 0,
      close: () => undefined,
      sendMail: async () => {
        mailer.calls++;
        const failure = failures.shift();
        if (failure) throw failure;
        return { messageId: "<id@x>" };
      },
    };
    return mailer;
  }
  const message = { to: "a@example.com", subject: "s", text: "t" };

  it("retries transient failures and stops at a permanent one", async () => {
    const transient = flaky([new MailError("email_failed", "busy", true, 451)]);
    expect(await sendWithRetries(transient, message, { firstDelayMs: 1 })).toMatchObject({ attempts: 2 });
    const permanent = flaky([new MailError("email_failed", "no such user", false, 550)]);
    await expect(sendWithRetries(permanent, message, { firstDelayMs: 1 })).rejects.toMatchObject({
      responseCode: 550,
    });
    expect(permanent.calls).toBe(1);
    const down = flaky([1, 2, 3].map(() => new MailError("email_failed", "down", true)));
    await expect(sendWithRetries(down, message, { attempts: 3, firstDelayMs: 1 })).rejects.toThrow("down");
    expect(down.calls).toBe(3);
  });
});
