// The scale rehearsal on a system's page: "what breaks first" in plain words with its range, the
// chart of each limit's use as load grows, and a what-if form whose changes move the projection
// at once; the plan and limits form; both sizes scanned with axe and screenshotted.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkPage, DESKTOP, launchBrowser, openSession, signIn, TABLET, visit } from "./support/browser.js";
import { ENGINEER, LEADER, startParley, type RunningParley } from "./support/server.js";

const SYSTEM = "support-assistant";

let browser: Browser;
let parley: RunningParley;
beforeAll(async () => {
  [browser, parley] = await Promise.all([launchBrowser(), startParley({ demo: true })]);
});
afterAll(async () => {
  await browser?.close();
  await parley?.stop();
});

test("the what-if moves the first break at once, and a rehearsal can be saved", async () => {
  const { page, context, errors } = await openSession(browser, parley.url);
  await signIn(page, LEADER.email);
  await page.goto(`/systems/${SYSTEM}`);
  const card = page.locator(".rehearsal-card");
  const first = card.getByTestId("first-break");
  // The demo is over its spend budget today: the budget is what breaks first.
  await expect.poll(() => first.textContent(), { timeout: 10_000 }).toMatch(/Monthly model spend/);
  await card.locator("svg.rehearsal-chart").waitFor();
  const table = card.getByRole("table", { name: /Each limit at today's load/ });
  await expect
    .poll(() => table.textContent())
    .toMatch(/Azure OpenAI gpt-4o tokens per minute.*Breaks before the planned scale/);
  await expect.poll(() => table.textContent()).toMatch(/Reply latency budget.*Cannot be projected yet/);
  await checkPage(page, "rehearsal-panel");

  // A model at a quarter of the price: the spend budget moves out and the token quota is first.
  await card.getByLabel(/^Price multiplier/).fill("0.25");
  await expect
    .poll(() => first.textContent(), { timeout: 10_000 })
    .toMatch(/token-per-minute quota runs out/);
  await expect.poll(() => first.textContent()).toMatch(/before the 3\.5x planned/);

  // More cases sent to people cannot delay anything; a smaller scale fits the plan.
  await card.getByLabel(/^Scale/).fill("1.5");
  await expect
    .poll(() => first.textContent(), { timeout: 10_000 })
    .toMatch(/after the 1\.5x, so the plan fits/);

  // A bad value is refused in the form, in words, before it reaches the server.
  await card.getByLabel(/^Retry rate/).fill("150");
  await expect.poll(() => card.locator(".field-error").textContent()).toMatch(/between 0 and 100%/);
  await card.getByLabel(/^Retry rate/).fill("10");

  // The keyboard reaches the form; saving records who saved which scale.
  await card.getByRole("button", { name: "Save this rehearsal" }).focus();
  await page.keyboard.press("Enter");
  await expect
    .poll(() => card.getByTestId("latest-rehearsal").textContent(), { timeout: 10_000 })
    .toMatch(/by Maya Okafor: At about .* after the 1\.5x/);
  await card.getByRole("button", { name: "Back to the plan" }).click();
  await expect.poll(() => first.textContent(), { timeout: 10_000 }).toMatch(/Monthly model spend/);
  await card.locator("summary", { hasText: "How this was projected" }).click();
  await expect.poll(() => card.locator(".rehearsal-method").textContent()).toMatch(/trailing 7-day totals/);
  await checkPage(page, "rehearsal-method");
  expect(errors).toEqual([]);
  await context.close();
});

test("engineering records a capacity limit and it joins the projection", async () => {
  const { page, context, errors } = await openSession(browser, parley.url);
  await signIn(page, ENGINEER.email);
  await page.goto(`/systems/${SYSTEM}/rehearsal`);
  await page.getByRole("heading", { name: "Capacity limits" }).waitFor();
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Record a capacity limit" }) });
  await form.getByRole("combobox", { name: "Kind" }).selectOption("human_review_per_day");
  await form.getByRole("textbox", { name: "Name" }).fill("Refund approvals by the support leads");
  await form.getByRole("spinbutton", { name: /^Limit/ }).fill("1000");
  await form.getByRole("textbox", { name: "Unit" }).fill("cases/day");
  await form.getByRole("textbox", { name: /^Source/ }).fill("Support leads' rota, November");
  await form.getByRole("button", { name: "Add the limit" }).click();
  await expect
    .poll(() => page.locator(".plain-list").first().textContent())
    .toContain("Refund approvals by the support leads");
  await checkPage(page, "rehearsal-setup");
  await page.goto(`/systems/${SYSTEM}`);
  const table = page.locator(".rehearsal-card").getByRole("table", { name: /Each limit at today's load/ });
  await expect
    .poll(() => table.textContent(), { timeout: 10_000 })
    .toContain("Refund approvals by the support leads");
  expect(errors).toEqual([]);
  await context.close();
});

for (const viewport of [DESKTOP, TABLET]) {
  describe(`at ${viewport.width}x${viewport.height}`, () => {
    test("the panel, an empty one, and the setup page", async () => {
      const session = await openSession(browser, parley.url, viewport);
      await signIn(session.page, LEADER.email);
      await visit(session, `/systems/invoice-extraction`, `rehearsal-invoices-${viewport.width}`, {
        waitFor: ".rehearsal-card svg.rehearsal-chart",
      });
      await visit(session, `/systems/sales-followups`, `rehearsal-empty-${viewport.width}`, {
        waitFor: ".rehearsal-card .state-empty",
      });
      await visit(session, `/systems/${SYSTEM}/rehearsal`, `rehearsal-setup-${viewport.width}`, {
        waitFor: "form",
      });
      await session.context.close();
    });
  });
}
