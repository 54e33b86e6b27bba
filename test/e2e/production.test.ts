// Production signals as both sides read them: a chart per signal with its trust-limit line and the
// findings flagged where they began (plus the same numbers as a table), the budget burn-down, a trust
// limit set from leadership's answer, a budget set by engineering, and triage reaching the map.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apiFromPage } from "./support/api.js";
import { DESKTOP, launchBrowser, openSession, signIn, TABLET, visit, checkPage } from "./support/browser.js";
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

test("each signal has a chart with its trust-limit line, findings flagged, and the numbers as a table", async () => {
  const { page, context, errors } = await openSession(browser, parley.url);
  await signIn(page, LEADER.email);
  await page.goto(`/systems/${SYSTEM}/signals`);

  const panel = page.locator(".signal-panel", {
    has: page.getByRole("heading", { name: "Agent edit rate" }),
  });
  await panel.locator("canvas").first().waitFor();
  const legend = panel.locator(".chart-legend");
  await expect.poll(() => legend.textContent()).toContain("Trust limit: above 25% (7-day share)");
  // The window line is what the limit checks, read by the server from the raw points: exact, so
  // no "approx." label, and it ends on the limit's own reading.
  await expect.poll(() => legend.textContent()).toContain("7-day share");
  expect(await panel.textContent()).not.toContain("approx");
  const limits = (await apiFromPage(page, "GET", `/systems/${SYSTEM}/limits`)).body as {
    items: { id: string; signal: { name: string }; windowDays: number; evaluation: { value: number } }[];
  };
  const editRate = limits.items.find((l) => l.signal.name === "Agent edit rate" && l.windowDays === 7);
  if (!editRate) throw new Error("the demo lacks the 7-day limit on the agent edit rate");
  const window = (await apiFromPage(page, "GET", `/limits/${editRate.id}/series`)).body as {
    points: { v: number | null }[];
  };
  expect(window.points.at(-1)?.v).toBeCloseTo(editRate.evaluation.value, 9);
  const card = page.locator(`#limit-${editRate.id}`);
  const now = /Now ([\d.]+%)/.exec((await card.textContent()) ?? "")?.[1];
  expect(now).toBeTruthy();
  await expect.poll(() => panel.locator(".time-chart-caption").textContent()).toContain(`it is ${now} now`);
  await expect.poll(() => legend.textContent()).toMatch(/Finding 1: Agent edit rate up [\d.]+% a week/);
  await expect.poll(() => panel.locator(".time-chart-caption").textContent()).toMatch(/one value per day/);

  // The table is always there for screen readers, and shown on request for everyone else.
  const table = panel.getByRole("table", { name: "Agent edit rate, week by week" });
  expect(await table.locator("tbody tr").count()).toBeGreaterThan(8);
  await expect.poll(() => table.textContent()).toContain("Finding 1 starts");
  expect(await panel.locator(".chart-table").count()).toBe(0);
  await panel.getByRole("button", { name: /Show the numbers as a table/ }).click();
  await expect.poll(() => panel.locator(".chart-table").count()).toBe(1);
  await expect.poll(() => table.isVisible()).toBe(true);

  // Pointing at the chart reads out that day's values.
  const box = await panel.locator(".u-over").boundingBox();
  if (!box) throw new Error("the chart has no plotting area");
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  await expect
    .poll(() => panel.locator(".time-chart-readout").textContent())
    .toMatch(/Agent edit rate \(daily\): \d/);

  // The budget: used so far against an even pace, with the forecast to the day it runs out.
  const budget = page.locator(".limit-card", { hasText: "Monthly model spend" });
  await budget.locator("canvas").first().waitFor();
  const legend2 = budget.locator(".chart-legend");
  await expect.poll(() => legend2.textContent()).toContain("Budget: USD 5,500");
  await expect.poll(() => legend2.textContent()).toContain("Even pace over the period");
  // The demo's spend runs out before the month ends, except in its first days (dates are relative).
  if (new Date().getUTCDate() > 10)
    await expect.poll(() => legend2.textContent()).toMatch(/Forecast: runs out on \d+ \w+ \d{4}/);
  await expect.poll(() => budget.getByRole("table").textContent()).toContain("Even pace by now");
  expect(errors).toEqual([]);
  await context.close();
});

test("leadership turns its answer to the trust question into a trust limit", async () => {
  const session = await openSession(browser, parley.url);
  const { page } = session;
  await signIn(page, LEADER.email);
  const rounds = (await apiFromPage(page, "GET", `/systems/${SYSTEM}/rounds`)).body as {
    items: { id: string; title: string }[];
  };
  const prelaunch = rounds.items.find((r) => r.title === "Pre-launch");
  if (!prelaunch) throw new Error("the demo lacks the Pre-launch round");
  await page.goto(`/systems/${SYSTEM}/rounds/${prelaunch.id}`);
  await page.getByRole("link", { name: "Set a trust limit from this answer" }).click();
  await page.getByRole("heading", { name: /Set a trust limit/ }).waitFor();

  // The form arrives linked to the answer and quotes it.
  await expect.poll(() => page.getByLabel("Based on leadership's answer").inputValue()).not.toBe("");
  await expect
    .poll(() => page.locator(".source-quote").textContent())
    .toContain("more than a quarter of drafts");
  await page.getByLabel("Signal").selectOption({ label: "Agent edit rate (manual work)" });
  await page.getByLabel("Threshold (%)").fill("30");
  await page.getByLabel("Over how many days").fill("14");
  await expect
    .poll(() => page.locator(".notice-info").textContent())
    .toBe("Trust is lost when the 14-day share of Agent edit rate goes above 30%.");
  await checkPage(page, "limit-new");
  await page.getByRole("button", { name: "Set the limit" }).click();

  await page.getByRole("heading", { name: /Trust limits/ }).waitFor();
  const created = page.locator(".limit-card", { hasText: "trust is lost above 30% (14-day share)" });
  await created.waitFor();
  await expect.poll(() => created.locator(".source-quote").textContent()).toContain("Maya Okafor");
  const limits = (await apiFromPage(page, "GET", `/systems/${SYSTEM}/limits`)).body as {
    items: { threshold: number; windowDays: number; sourceAnswerId: string | null }[];
  };
  const saved = limits.items.find((l) => l.windowDays === 14);
  expect(saved?.threshold).toBeCloseTo(0.3);
  expect(saved?.sourceAnswerId).toBeTruthy();
  expect(session.errors).toEqual([]);
  await session.context.close();
});

test("engineering sets a budget, sees its burn-down, and removes it", async () => {
  const session = await openSession(browser, parley.url, TABLET);
  const { page } = session;
  await signIn(page, ENGINEER.email);
  await page.goto(`/systems/${SYSTEM}/signals`);
  await page.getByRole("link", { name: "Set a budget" }).click();
  await page.getByLabel("Name").fill("Weekly model spend");
  await page.getByText("A rolling window").click();
  await page.getByLabel("Window in days").fill("7");
  await page.getByLabel(/Most the period may total/).fill("1500");
  await checkPage(page, "budget-new");
  await page.getByRole("button", { name: "Set the budget" }).click();

  const card = page.locator(".limit-card", { hasText: "Weekly model spend" });
  await card.locator("canvas").first().waitFor();
  await expect.poll(() => card.textContent()).toMatch(/of USD 1,500 used/);
  await card.getByRole("button", { name: /Remove/ }).click();
  await card.getByRole("button", { name: "Yes, remove it" }).click();
  await expect.poll(() => page.locator(".limit-card", { hasText: "Weekly model spend" }).count()).toBe(0);
  expect(session.errors).toEqual([]);
  await session.context.close();
});

test("a finding triaged on the signals page leaves the map's count of open findings", async () => {
  const session = await openSession(browser, parley.url);
  const { page } = session;
  await signIn(page, LEADER.email);
  await page.goto("/");
  const findingsTotal = page.locator(".total-card", { hasText: "Quiet-failure findings to triage" });
  const before = Number(await findingsTotal.locator(".total-number").textContent());
  const row = page.locator(".map-table tbody tr", { hasText: "Support reply assistant" });
  await expect.poll(() => row.locator(".map-health").textContent()).toContain(`${before} open findings`);

  await page.goto(`/systems/${SYSTEM}/signals`);
  const finding = page.locator("li.finding", { hasText: "Tickets drafted up" });
  await finding.getByLabel(/What is it\?/).selectOption("resolved");
  await finding.getByLabel(/Note/).fill("Adoption growing as planned; nothing wrong.");
  await finding.getByRole("button", { name: "Save" }).click();
  await expect.poll(() => finding.textContent()).toContain("Resolved");

  await page.goto("/");
  await expect
    .poll(async () => Number(await findingsTotal.locator(".total-number").textContent()))
    .toBe(before - 1);
  await expect.poll(() => row.locator(".map-health").textContent()).toContain(`${before - 1} open findings`);

  // The production totals filter the map.
  await page.locator(".total-card", { hasText: "Trust limits and budgets breached" }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get("status")).toBe("breached");
  const rows = page.locator(".map-table tbody tr");
  await expect.poll(() => rows.count()).toBe(1);
  await expect.poll(() => rows.first().textContent()).toContain("Invoice field extraction");
  await expect.poll(() => rows.first().locator(".map-health").textContent()).toContain("1 breached");
  await checkPage(page, "map-breached");
  expect(session.errors).toEqual([]);
  await session.context.close();
});

for (const viewport of [DESKTOP, TABLET]) {
  describe(`at ${viewport.width}x${viewport.height}`, () => {
    test("the signals tab with its charts", async () => {
      const session = await openSession(browser, parley.url, viewport);
      await signIn(session.page, LEADER.email);
      await visit(session, `/systems/${SYSTEM}/signals`, "signals-charts", {
        waitFor: ".signal-panel canvas",
      });
      await visit(session, `/systems/invoice-extraction/signals`, "signals-breached", {
        waitFor: ".signal-panel canvas",
      });
      await visit(session, "/systems/invoice-extraction", "system-readiness-checks");
      await visit(session, `/systems/${SYSTEM}/signals/limits/new`, "limit-new-empty", { waitFor: "form" });
      await visit(session, `/systems/${SYSTEM}/signals/budgets/new`, "budget-new-empty", { waitFor: "form" });
      await session.context.close();
    });
  });
}
