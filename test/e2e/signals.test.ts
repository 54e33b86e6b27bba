// Signals and limits as a person reads them: the budget's forecast in words, limits with their state,
// and a quiet-failure finding triaged by engineering for both sides to see.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { checkPage, launchBrowser, openSession, signIn } from "./support/browser.js";
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

test("budgets say when they run out, and engineering triages a finding that leadership then sees", async () => {
  const priya = await openSession(browser, parley.url);
  await signIn(priya.page, ENGINEER.email);
  await priya.page.goto(`/systems/${SYSTEM}`);
  await priya.page.getByRole("link", { name: "Signals", exact: true }).click();

  const budgets = priya.page.getByRole("region", { name: /Budgets and burn rate/ });
  await expect.poll(() => budgets.textContent()).toMatch(/At this rate the budget runs out on \d+ \w+ \d{4}/);
  const limits = priya.page.getByRole("region", { name: /Trust limits/ });
  await expect.poll(() => limits.locator(".limit-card").count()).toBeGreaterThan(0);

  const findings = priya.page.getByRole("region", { name: /Quiet-failure findings/ });
  const first = findings.locator("li.finding").first();
  await first.waitFor();
  const summary = (await first.locator(".finding-summary").textContent()) ?? "";
  await first.getByLabel(/What is it\?/).selectOption("expected");
  await first.getByLabel(/Note/).fill("Longer conversations after the new returns flow; watching it.");
  await first.getByRole("button", { name: "Save" }).click();
  await expect.poll(() => first.textContent()).toContain(ENGINEER.name);
  await checkPage(priya.page, "signals-triaged");
  expect(priya.errors).toEqual([]);
  await priya.context.close();

  const maya = await openSession(browser, parley.url);
  await signIn(maya.page, LEADER.email);
  await maya.page.goto(`/systems/${SYSTEM}/signals`);
  const seen = maya.page.locator("li.finding", { hasText: summary });
  await expect.poll(() => seen.textContent()).toContain("Expected");
  await expect.poll(() => seen.textContent()).toContain("Longer conversations after the new returns flow");
  await maya.context.close();
});
