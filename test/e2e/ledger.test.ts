// The invisible-work ledger: engineering records what a safeguard prevented, with a value range, how
// it was estimated and evidence; the rollup moves; only the author (or an admin) can correct it; and
// the system page shows its share. Also: the workspace's name in the top bar.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apiFromPage } from "./support/api.js";
import { checkPage, DESKTOP, launchBrowser, openSession, signIn, TABLET, visit } from "./support/browser.js";
import { ENGINEER, LEADER, startParley, type RunningParley } from "./support/server.js";

const WORKSPACE = "Northwind Insurance";
const DANIEL = "daniel@example.com";
const SUMMARY =
  "Totals cross-check held 4 invoices with swapped net and gross amounts before the payment run.";

let browser: Browser;
let parley: RunningParley;
beforeAll(async () => {
  [browser, parley] = await Promise.all([
    launchBrowser(),
    startParley({ demo: true, env: { PARLEY_WORKSPACE_NAME: WORKSPACE } }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await parley?.stop();
});

test("the top bar names the workspace", async () => {
  const { page, context } = await openSession(browser, parley.url);
  await signIn(page, LEADER.email);
  await expect.poll(() => page.locator(".topbar .brand").textContent()).toContain(WORKSPACE);
  await context.close();
});

test("engineering records what a safeguard prevented, and the rollup counts it", async () => {
  const { page, context, errors } = await openSession(browser, parley.url);
  await signIn(page, ENGINEER.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Ledger" }).click();
  await page.getByRole("heading", { level: 1, name: "Invisible-work ledger" }).waitFor();
  const totals = page.locator(".ledger-headline");
  await expect.poll(() => totals.textContent()).toMatch(/EUR [\d,]+ – [\d,]+/);
  const eurBefore = /EUR ([\d,]+) – ([\d,]+)/.exec((await totals.textContent()) ?? "");
  const number = (text: string | undefined) => Number((text ?? "0").replace(/,/g, ""));

  await page.getByText("Record what a safeguard caught or prevented").click();
  const form = page.locator(".ledger-add form");
  await form.getByLabel("System").selectOption({ label: "Invoice field extraction" });
  await form.getByLabel("What kind of work").selectOption("prevented");
  const safeguard = form.getByLabel("The safeguard that did it");
  await expect.poll(() => safeguard.locator("option", { hasText: "Totals cross-check" }).count()).toBe(1);
  await safeguard.selectOption({ label: "Totals cross-check" });
  await form.getByLabel("What happened").fill(SUMMARY);
  await form.getByLabel("At least").fill("500");
  await form.getByLabel("At most").fill("4000");
  await form.getByLabel("Currency").fill("EUR");
  await form.getByLabel("Evidence link").fill("https://grafana.example.com/d/invoices");

  // A value without its reasoning is refused, and the form says where.
  await form.getByRole("button", { name: "Record it" }).click();
  const basis = form.getByLabel(/How it was estimated/);
  await expect.poll(() => basis.getAttribute("aria-invalid")).toBe("true");
  await expect
    .poll(() => form.locator(".field-invalid").textContent())
    .toContain("Say how the value was estimated, e.g.");
  await basis.fill("4 invoices × 125–1,000 EUR average difference, from the October payment run.");
  await form.getByRole("button", { name: "Record it" }).click();
  await expect.poll(() => form.getByRole("status").textContent()).toContain("Recorded:");

  const first = page.locator(".ledger-entry").first();
  await expect.poll(() => first.textContent()).toContain(SUMMARY);
  await expect.poll(() => first.textContent()).toContain("EUR 500 – 4,000");
  await expect.poll(() => first.textContent()).toContain("Totals cross-check");
  await expect
    .poll(async () => /EUR ([\d,]+) – ([\d,]+)/.exec((await totals.textContent()) ?? "")?.[2])
    .toBe((number(eurBefore?.[2]) + 4000).toLocaleString("en-US"));

  // Filters and the monthly rollup.
  await page.getByLabel("Kind", { exact: true }).selectOption("prevented");
  await expect.poll(() => new URL(page.url()).searchParams.get("kind")).toBe("prevented");
  const chips = page.locator(".ledger-entry-head .chip");
  await expect
    .poll(async () => (await chips.allTextContents()).every((t) => t.includes("Prevented")))
    .toBe(true);
  // The totals follow the kind filter too, so there is no "every kind" caveat.
  const prevented = (await apiFromPage(page, "GET", "/ledger/rollup?kind=prevented")).body as {
    totals: { entries: number };
  };
  await expect
    .poll(() => page.locator(".ledger-headline .total-number").textContent())
    .toBe(String(prevented.totals.entries));
  await expect.poll(() => totals.textContent()).toContain("only “Prevented a failure”");
  expect(await totals.textContent()).not.toContain("every kind");
  await page.getByRole("button", { name: "By month" }).click();
  await expect.poll(() => page.locator(".rollup-table thead").textContent()).toContain("Month");

  // A window with nothing in it says so.
  await page.goto("/ledger?from=2020-01-01&to=2020-01-31");
  await page.getByText("Nothing recorded here yet").waitFor();

  // The author corrects her entry.
  await page.goto("/ledger");
  const mine = page.locator(".ledger-entry", { hasText: SUMMARY });
  await mine.getByText("Correct it").click();
  await mine.getByLabel("At most").fill("5000");
  await mine.getByRole("button", { name: "Save the correction" }).click();
  await expect.poll(() => mine.locator(".ledger-value").textContent()).toContain("EUR 500 – 5,000");
  expect(errors).toEqual([]);
  await context.close();
});

test("only the author or an admin can correct an entry; the system page shows its ledger", async () => {
  const { page, context, errors } = await openSession(browser, parley.url);
  await signIn(page, DANIEL);
  await page.goto("/systems/invoice-extraction/ledger");
  const entry = page.locator(".ledger-entry", { hasText: SUMMARY });
  await entry.waitFor();
  expect(await entry.getByText("Correct it").count()).toBe(0);
  await expect.poll(() => page.getByRole("region", { name: /Value protected/ }).textContent()).toMatch(/EUR/);

  const list = (await apiFromPage(page, "GET", "/systems/invoice-extraction/ledger")).body as {
    items: { id: string; summary: string; version: number }[];
  };
  const target = list.items.find((e) => e.summary === SUMMARY);
  const refused = await apiFromPage(page, "PATCH", `/ledger/${target?.id ?? ""}`, {
    summary: "Rewritten by someone else",
    version: target?.version,
  });
  expect(refused.status).toBe(403);
  expect((refused.body as { error: { code: string } }).error.code).toBe("ledger_entry_not_yours");
  expect(errors).toEqual([]);
  await context.close();
});

for (const viewport of [DESKTOP, TABLET]) {
  describe(`at ${viewport.width}x${viewport.height}`, () => {
    test("the ledger pages: screenshots and accessibility", async () => {
      const session = await openSession(browser, parley.url, viewport);
      await signIn(session.page, ENGINEER.email);
      await visit(session, "/ledger", "ledger", {
        heading: "Invisible-work ledger",
        waitFor: ".ledger-entry",
      });
      await visit(session, "/ledger?by=month", "ledger-by-month", { waitFor: ".rollup-table" });
      await visit(session, "/ledger?kind=caught", "ledger-kind-caught", { waitFor: ".ledger-entry" });
      // The form, open, with the refusal a value without its reasoning gets.
      const { page } = session;
      await page.getByText("Record what a safeguard caught or prevented").click();
      const form = page.locator(".ledger-add form");
      await form.getByLabel("System").selectOption({ label: "Support reply assistant" });
      await form.getByLabel("What happened").fill("Blocked 1,204 prompts carrying personal data this week.");
      await form.getByLabel("At least").fill("1000");
      await form.getByRole("button", { name: "Record it" }).click();
      await form.locator(".field-invalid").first().waitFor();
      await checkPage(page, "ledger-form-refused");
      await visit(session, "/systems/support-assistant/ledger", "system-ledger", {
        waitFor: ".ledger-entry",
      });
      await session.context.close();
    });
  });
}
