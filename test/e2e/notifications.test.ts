// Notifications in the browser: everyone picks what they receive by e-mail; an admin adds a signed
// webhook channel, copies its secret once and sends a test that a real local receiver checks.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { verifyWebhook } from "../../src/core/notifications/delivery.js";
import { HttpReceiver } from "../support/http-receiver.js";
import { checkPage, DESKTOP, launchBrowser, openSession, signIn, TABLET, visit } from "./support/browser.js";
import { ENGINEER, LEADER, startParley, type RunningParley } from "./support/server.js";

let browser: Browser;
let parley: RunningParley;
let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await HttpReceiver.start();
  [browser, parley] = await Promise.all([launchBrowser(), startParley({ demo: true })]);
});
afterAll(async () => {
  await browser?.close();
  await parley?.stop();
  await receiver?.close();
});

test("a person chooses what reaches them by e-mail, and it is kept", async () => {
  const session = await openSession(browser, parley.url);
  const { page, context } = session;
  await signIn(page, ENGINEER.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Notifications" }).click();
  await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
  // Engineers are not admins in the demo: no channels section for them.
  expect(await page.getByRole("heading", { name: "Channels" }).count()).toBe(0);
  const digest = page.getByRole("radio", { name: "Quiet change found: Weekly digest" });
  await digest.check();
  await page.getByRole("button", { name: "Save my choices" }).click();
  await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
  await expect
    .poll(() => page.getByRole("radio", { name: "Quiet change found: Weekly digest" }).isChecked())
    .toBe(true);
  await checkPage(page, "notifications-engineer");
  expect(session.errors).toEqual([]);
  await context.close();
});

test("an admin adds a signed webhook, sees its secret once, and a test reaches the receiver", async () => {
  const session = await openSession(browser, parley.url);
  const { page, context } = session;
  await signIn(page, LEADER.email);
  await visit(session, "/notifications", "notifications-admin", { heading: "Notifications" });

  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Add the channel" }) });
  await form.getByRole("radio", { name: /Webhook/ }).check();
  await form.getByRole("textbox", { name: /^Name/ }).fill("Risk desk hook");
  await form.getByRole("textbox", { name: /^URL/ }).fill(`${receiver.url}/parley`);
  await form.getByRole("button", { name: "Add the channel" }).click();

  const secretBox = page.locator("code.secret");
  await secretBox.waitFor();
  const secret = (await secretBox.textContent())!.trim();
  expect(secret).toMatch(/^whsec_/);
  const row = page.getByRole("row", { name: /Risk desk hook/ });
  await expect.poll(() => row.textContent()).toContain("Not used yet");

  await row.getByRole("button", { name: "Send a test to Risk desk hook" }).click();
  await page.getByText("Test sent to Risk desk hook.").waitFor();
  await receiver.waitFor(() => receiver.on("/parley").length === 1);
  const request = receiver.on("/parley")[0]!;
  expect(
    verifyWebhook(
      secret,
      String(request.headers["parley-signature"]),
      request.body,
      Math.floor(Date.now() / 1000),
    ),
  ).toBe(true);

  // A channel whose receiver refuses: the test says so in words.
  receiver.answer("/broken", { status: 410, body: "gone" });
  await form.getByRole("radio", { name: /Chat/ }).check();
  await form.getByRole("textbox", { name: /^Name/ }).fill("#old-channel");
  await form.getByRole("textbox", { name: /^URL/ }).fill(`${receiver.url}/broken`);
  await form.getByRole("button", { name: "Add the channel" }).click();
  const broken = page.getByRole("row", { name: /#old-channel/ });
  await broken.waitFor();
  await broken.getByRole("button", { name: "Send a test to #old-channel" }).click();
  await page.getByRole("alert").filter({ hasText: "answered 410" }).waitFor();

  // The secret is not shown again after a reload.
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
  await page.getByRole("row", { name: /Risk desk hook/ }).waitFor();
  expect(await page.locator("code.secret").count()).toBe(0);
  await page.setViewportSize(TABLET);
  await checkPage(page, "notifications-admin-channels");
  await page.setViewportSize(DESKTOP);
  expect(session.errors).toEqual([]);
  await context.close();
});

test("owners agree a review cadence on the conversations tab", async () => {
  const session = await openSession(browser, parley.url);
  const { page, context } = session;
  await signIn(page, ENGINEER.email);
  await visit(session, "/systems/support-assistant/conversations", "review-cadence", { heading: /Support/ });
  await page.getByLabel("Review cadence").selectOption("90");
  await page.getByRole("button", { name: "Save cadence" }).click();
  await expect.poll(() => page.locator(".review-cadence").textContent()).toContain("A round every 90 days.");
  await page.reload();
  await expect.poll(() => page.locator(".review-cadence").textContent()).toContain("next due");
  expect(session.errors).toEqual([]);
  await context.close();
});
