// Accounts in the browser: forgot password → the e-mail → the link → a new password → signed in;
// an invitation from the people page accepted from the e-mailed link; the link to pass on when
// e-mail is off; and user text holding HTML or script shown as text, never run.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SmtpReceiver, type ReceivedMail } from "../support/smtp-receiver.js";
import { apiFromPage } from "./support/api.js";
import { checkPage, DESKTOP, launchBrowser, openSession, signIn, TABLET } from "./support/browser.js";
import { ENGINEER, LEADER, startParley, type RunningParley } from "./support/server.js";

const NEW_PASSWORD = "a-fresh-password-2026";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The path of the e-mailed link, after checking it points at this server's public URL. */
function linkPath(mail: ReceivedMail, kind: "invite" | "reset", parley: RunningParley): string {
  const port = new URL(parley.url).port;
  const match = new RegExp(`http://localhost:${port}(/${kind}/[A-Za-z0-9_-]{43})`).exec(mail.text);
  if (!match) throw new Error(`no ${kind} link for port ${port} in:\n${mail.text}`);
  return match[1]!;
}

async function signInWith(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

describe("with e-mail configured", () => {
  let parley: RunningParley;
  let receiver: SmtpReceiver;
  beforeAll(async () => {
    receiver = await SmtpReceiver.start();
    parley = await startParley({ demo: true, env: { PARLEY_SMTP_URL: receiver.url } });
  });
  afterAll(async () => {
    await parley?.stop();
    await receiver?.close();
  });

  test("forgot password → e-mail → link → new password → signed in; the old password stops working", async () => {
    const { page, context, errors } = await openSession(browser, parley.url);
    await page.goto("/");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Forgot your password?");
    await checkPage(page, "forgot-password");
    await page.getByLabel("E-mail").fill(ENGINEER.email);
    await page.getByRole("button", { name: "Send me a link" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Check your e-mail");
    await checkPage(page, "forgot-password-sent");

    const mail = await receiver.waitFor(
      (m) => m.to.includes(ENGINEER.email) && m.headers["x-parley-kind"] === "password-reset",
      10_000,
    );
    expect(mail.subject).toBe("Reset your Parley password");
    await page.goto(linkPath(mail, "reset", parley));
    await expect.poll(() => page.getByText(`For ${ENGINEER.email}`).isVisible()).toBe(true);
    await page.getByLabel("New password").fill(NEW_PASSWORD);
    await page.getByLabel("The same password again").fill("not-the-same-password");
    await expect.poll(() => page.getByText("The two passwords differ").isVisible()).toBe(true);
    await checkPage(page, "reset-password");
    await page.getByLabel("The same password again").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Save the new password and sign in" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await expect.poll(() => page.getByRole("banner").textContent()).toContain(ENGINEER.name);
    expect(new URL(page.url()).pathname).toBe("/");

    // The link is used up; the old password no longer works, the new one does.
    await page.goto(linkPath(mail, "reset", parley));
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/already used/);
    await checkPage(page, "reset-password-used");
    const again = await openSession(browser, parley.url);
    await again.page.goto("/");
    await again.page.getByLabel("E-mail").fill(ENGINEER.email);
    await again.page.getByLabel("Password").fill("parley-demo-2026");
    await again.page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => again.page.getByRole("alert").textContent()).toMatch(/do not match/);
    await signInWith(again.page, ENGINEER.email, NEW_PASSWORD);
    await again.context.close();
    expect(errors).toEqual([]);
    await context.close();
  });

  test("an admin invites from the people page; the invitee accepts from the e-mail and is signed in", async () => {
    const admin = await openSession(browser, parley.url);
    await signIn(admin.page, LEADER.email);
    await admin.page.goto("/people");
    const panel = admin.page.getByRole("region", { name: "Invite someone" });
    await panel.getByLabel("Name").fill("Noor Haddad");
    await panel.getByLabel("E-mail").fill("noor@example.com");
    await panel.getByRole("radio", { name: "Leadership" }).check();
    await panel.getByRole("button", { name: "Send the invitation" }).click();
    await expect
      .poll(() => panel.getByRole("status").first().textContent())
      .toContain("e-mailed to noor@example.com");
    await expect.poll(() => panel.getByRole("table").textContent()).toContain("Noor Haddad");
    await checkPage(admin.page, "people-invitations");

    const mail = await receiver.waitFor(
      (m) => m.to.includes("noor@example.com") && m.headers["x-parley-kind"] === "invitation",
      10_000,
    );
    expect(mail.subject).toBe(`${LEADER.name} invited you to Parley`);
    for (const viewport of [TABLET, DESKTOP]) {
      const invitee = await openSession(browser, parley.url, viewport);
      await invitee.page.goto(linkPath(mail, "invite", parley));
      await expect
        .poll(() => invitee.page.getByRole("heading", { level: 1 }).textContent())
        .toBe("Join Parley");
      await expect.poll(() => invitee.page.locator("main").textContent()).toContain(`${LEADER.name} invited`);
      await checkPage(invitee.page, "accept-invitation");
      if (viewport === DESKTOP) {
        await invitee.page.getByLabel("New password").fill(NEW_PASSWORD);
        await invitee.page.getByLabel("The same password again").fill(NEW_PASSWORD);
        await invitee.page.getByRole("button", { name: "Join and sign in" }).click();
        await invitee.page.getByRole("button", { name: "Sign out" }).waitFor();
        await expect.poll(() => invitee.page.getByRole("banner").textContent()).toContain("Noor Haddad");
        expect(invitee.errors).toEqual([]);
      }
      await invitee.context.close();
    }
    await admin.page.reload();
    await expect
      .poll(() => admin.page.getByRole("table").first().textContent())
      .toContain("noor@example.com");
    await expect
      .poll(() => admin.page.getByRole("region", { name: "Invite someone" }).textContent())
      .toContain("No open invitations");
    await admin.context.close();
  });

  test("text holding HTML or script is shown as text: no dialog, no injected element, literal on the page", async () => {
    const { page, context, errors } = await openSession(browser, parley.url);
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signInWith(page, "maya@example.com", "parley-demo-2026");
    const imgName = `<img src=x onerror="window.__pwned=1;alert('name')">`;
    const scriptPurpose = `<script>window.__pwned=2;alert('purpose')</script>`;
    const riskTitle = `<img src=x onerror=alert(1)> =HYPERLINK("http://evil.example","x")`;
    const system = await apiFromPage(page, "POST", "/systems", {
      key: "xss-probe",
      name: imgName,
      purpose: scriptPurpose,
    });
    expect(system.status).toBe(201);
    const risk = await apiFromPage(page, "POST", "/systems/xss-probe/risks", {
      title: riskTitle,
      class: "security",
      failureMode: `<script>alert('failure')</script><b onmouseover=alert(4)>bold?</b>`,
      impact: 5,
    });
    expect(risk.status).toBe(201);

    await page.goto("/risks");
    await expect.poll(() => page.getByText(riskTitle).first().isVisible()).toBe(true);
    await page.goto("/systems/xss-probe");
    await expect.poll(() => page.getByText(scriptPurpose).first().isVisible()).toBe(true);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain(imgName);
    await checkPage(page, "hostile-text-system");
    await page.goto("/");
    await expect.poll(() => page.getByText(imgName).first().isVisible()).toBe(true);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);

    // The register's CSV download neutralises the formula and keeps the text.
    await page.goto("/risks");
    const href = await page.getByRole("link", { name: "the register (CSV)" }).getAttribute("href");
    const download = await page.evaluate(async (url) => {
      const bytes = new Uint8Array(await (await fetch(url!)).arrayBuffer());
      return { head: Array.from(bytes.slice(0, 3)), text: new TextDecoder().decode(bytes) };
    }, href);
    expect(download.head).toEqual([0xef, 0xbb, 0xbf]); // the byte order mark Excel looks for
    const csv = download.text;
    // Not a formula at its start, so no quote; the quotes and comma inside are escaped (RFC 4180).
    expect(csv).toContain(`"<img src=x onerror=alert(1)> =HYPERLINK(""http://evil.example"",""x"")"`);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("without e-mail", () => {
  let parley: RunningParley;
  beforeAll(async () => {
    parley = await startParley({ demo: true });
  });
  afterAll(async () => {
    await parley?.stop();
  });

  test("the people page says e-mail is off and gives the admin the link to pass on", async () => {
    const { page, context, errors } = await openSession(browser, parley.url);
    await signIn(page, LEADER.email);
    await page.goto("/people");
    const panel = page.getByRole("region", { name: "Invite someone" });
    await expect.poll(() => panel.textContent()).toContain("E-mail is not set up on this Parley");
    await panel.getByLabel("Name").fill("Sam Ortiz");
    await panel.getByLabel("E-mail").fill("sam@example.com");
    await panel.getByRole("radio", { name: "Engineering" }).check();
    await panel.getByRole("button", { name: "Create the invitation link" }).click();
    const link = panel.getByLabel("Invitation link for Sam Ortiz");
    await expect.poll(() => link.inputValue()).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await checkPage(page, "people-invitation-link");
    const path = new URL(await link.inputValue()).pathname;

    const forgot = await openSession(browser, parley.url, TABLET);
    await forgot.page.goto("/forgot-password");
    await expect.poll(() => forgot.page.locator("main").textContent()).toContain("cannot send e-mail");
    await checkPage(forgot.page, "forgot-password-no-email");
    await forgot.page.goto(path);
    await forgot.page.getByLabel("New password").fill(NEW_PASSWORD);
    await forgot.page.getByLabel("The same password again").fill(NEW_PASSWORD);
    await forgot.page.getByRole("button", { name: "Join and sign in" }).click();
    await forgot.page.getByRole("button", { name: "Sign out" }).waitFor();
    await expect.poll(() => forgot.page.getByRole("banner").textContent()).toContain("Sam Ortiz");
    await forgot.context.close();
    expect(errors).toEqual([]);
    await context.close();
  });
});
