// The shared map with 500 systems: it must open and filter quickly. Also checks the filters, the
// sort and the search on the demo workspace.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { apiFromPage } from "./support/api.js";
import { checkPage, launchBrowser, openSession, signIn, TABLET } from "./support/browser.js";
import { LEADER, startParley, type RunningParley } from "./support/server.js";

let browser: Browser;
let parley: RunningParley;
beforeAll(async () => {
  [browser, parley] = await Promise.all([launchBrowser(), startParley({ demo: true })]);
});
afterAll(async () => {
  await browser?.close();
  await parley?.stop();
});

test("filters, sort and search on the map", async () => {
  const { page, context, errors } = await openSession(browser, parley.url);
  await signIn(page, LEADER.email);
  const rows = page.locator(".map-table tbody tr");

  await page.getByLabel("Stage").selectOption("pilot");
  await expect.poll(() => rows.count()).toBe(2);
  expect(new URL(page.url()).searchParams.get("stage")).toBe("pilot");

  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await page.getByLabel("Status").selectOption("needs-decision");
  await expect.poll(() => rows.count()).toBe(1);
  await expect.poll(() => rows.first().textContent()).toContain("Invoice field extraction");

  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await page.getByLabel("Sort by").selectOption("name");
  await expect.poll(() => rows.first().locator(".map-name").textContent()).toBe("Churn early warning");

  // The top bar's search fills the map's search.
  await page.getByRole("searchbox", { name: "Search systems" }).fill("contract");
  await page.keyboard.press("Enter");
  await expect.poll(() => rows.count()).toBe(1);
  await expect.poll(() => page.getByLabel("Search", { exact: true }).inputValue()).toBe("contract");

  await page.getByLabel("Search", { exact: true }).fill("nothing matches this");
  await expect.poll(() => page.getByText("No system matches these filters").isVisible()).toBe(true);
  await checkPage(page, "map-no-match");
  expect(errors).toEqual([]);
  await context.close();
});

test("the map stays fast with 500 systems", async () => {
  const { page, context, errors } = await openSession(browser, parley.url, TABLET);
  await signIn(page, LEADER.email);
  const created = await page.evaluate(async () => {
    const stages = ["idea", "demo", "pilot", "production", "retired"];
    let ok = 0;
    for (let start = 0; start < 494; start += 19) {
      const batch = [];
      for (let i = start; i < Math.min(start + 19, 494); i++) {
        batch.push(
          fetch("/api/v1/systems", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              key: `load-${String(i).padStart(3, "0")}`,
              name: `Load test system ${i}`,
              stage: stages[i % stages.length],
              purpose: "Generated to measure how the map copes with a large portfolio.",
            }),
          }).then((r) => (r.ok ? ok++ : undefined)),
        );
      }
      await Promise.all(batch);
    }
    return ok;
  });
  expect(created).toBe(494);
  const portfolio = await apiFromPage(page, "GET", "/portfolio");
  expect((portfolio.body as { systems: unknown[] }).systems.length).toBe(500);

  const started = Date.now();
  await page.goto("/");
  await page.getByText("Showing 100 of 500 systems").waitFor();
  const openMs = Date.now() - started;
  expect(openMs, `the map took ${openMs} ms to show 500 systems`).toBeLessThan(4_000);

  const rows = page.locator(".map-table tbody tr");
  const typed = Date.now();
  await page.getByLabel("Search", { exact: true }).fill("Load test system 421");
  await expect.poll(() => rows.count()).toBe(1);
  const filterMs = Date.now() - typed;
  expect(filterMs, `filtering took ${filterMs} ms`).toBeLessThan(2_000);

  await page.getByLabel("Search", { exact: true }).fill("");
  await page.getByRole("button", { name: "Show 100 more" }).click();
  await expect.poll(() => rows.count()).toBe(200);
  await checkPage(page, "map-500");
  console.log(`map with 500 systems: shown in ${openMs} ms, filtered in ${filterMs} ms`);
  expect(errors).toEqual([]);
  await context.close();
});

test("keyboard: skip link, heat-map cells and the glossary drawer work without a mouse", async () => {
  const { page, context } = await openSession(browser, parley.url);
  await signIn(page, LEADER.email);
  await page.goto("/risks");
  await page.getByRole("heading", { name: "Risk register" }).waitFor();
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
  await page.keyboard.press("Enter");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");

  // Every heat-map cell with risks is a button that says both axes and its count.
  const cell = page.getByRole("button", { name: /^Likelihood medium, impact very high/ });
  await cell.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => cell.getAttribute("aria-pressed")).toBe("true");
  const count = Number(await cell.textContent());
  await expect.poll(() => page.locator(".risk-card").count()).toBe(count);
  await page.keyboard.press("Enter");
  await expect.poll(() => cell.getAttribute("aria-pressed")).toBe("false");

  // Help opens a modal drawer with focus inside; Escape returns.
  await page.getByRole("button", { name: "Help" }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest("dialog") !== null)).toBe(true);
  await page.keyboard.press("Escape");
  await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
  await context.close();
});
