// "Not ready" from engineering and "go faster" from leadership, each asking for its structure and
// each becoming a record on the system page. The other side sees why it cannot make the statement.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { apiFromPage } from "./support/api.js";
import { checkPage, launchBrowser, openSession, signIn } from "./support/browser.js";
import { ENGINEER, LEADER, startParley, type RunningParley } from "./support/server.js";

const SYSTEM = "invoice-extraction";

let browser: Browser;
let parley: RunningParley;
beforeAll(async () => {
  [browser, parley] = await Promise.all([launchBrowser(), startParley({ demo: true })]);
});
afterAll(async () => {
  await browser?.close();
  await parley?.stop();
});

test("engineering says “not ready” with the missing conditions and the risk of shipping now", async () => {
  const { page, context, errors } = await openSession(browser, parley.url);
  await signIn(page, ENGINEER.email);
  await page.goto(`/systems/${SYSTEM}`);
  await page.getByRole("link", { name: "Say “not ready”" }).click();
  await page.getByLabel("Condition 1").fill("Totals match the ledger on 500 sampled invoices");
  await page.getByRole("button", { name: "Add another condition" }).click();
  await page.getByLabel("Condition 2").fill("A person reviews every invoice above 10,000 EUR");
  await page
    .getByLabel("What would shipping now risk?")
    .fill("Overpaying suppliers by up to 80,000 EUR a quarter before anyone notices.");
  await page.getByRole("button", { name: "Record “not ready”" }).click();
  await page.waitForURL(new RegExp(`/systems/${SYSTEM}$`));
  const record = page.locator(".record-not_ready").first();
  await expect.poll(() => record.textContent()).toContain("Totals match the ledger on 500 sampled invoices");
  await expect.poll(() => record.textContent()).toContain("A person reviews every invoice above 10,000 EUR");
  await expect.poll(() => record.textContent()).toContain("Overpaying suppliers");
  await expect.poll(() => record.textContent()).toContain(ENGINEER.name);
  await checkPage(page, "statement-not-ready");

  // "Go faster" is leadership's: engineering sees why, and the API refuses it.
  await page.goto(`/systems/${SYSTEM}/say/go-faster`);
  await expect
    .poll(() => page.getByRole("note").textContent())
    .toContain("only leadership can accept risks for speed");
  const forced = await apiFromPage(page, "POST", `/systems/${SYSTEM}/statements`, {
    kind: "go_faster",
    acceptedUntil: "2027-01-31",
    reason: "Trying anyway",
  });
  expect(forced.status).toBe(403);
  expect(errors).toEqual([]);
  await context.close();
});

test("leadership says “go faster” naming the risks it accepts and until when", async () => {
  const { page, context, errors } = await openSession(browser, parley.url);
  await signIn(page, LEADER.email);
  await page.goto(`/systems/${SYSTEM}`);
  await page.getByRole("link", { name: "Say “go faster”" }).click();
  const risks = page.getByRole("group", { name: /Which registered risks/ });
  await risks.getByRole("checkbox").first().check();
  const accepted = (await risks.locator("label").first().locator(".choice-label").textContent()) ?? "";
  await page
    .getByLabel("Other risks you are accepting (optional)")
    .fill("Slower month-end close for two weeks");
  await page.getByLabel("Accepted until").fill("2027-02-28");
  await page
    .getByLabel("Why does speed matter more here?")
    .fill("The payables team loses two people in January; manual keying cannot keep up.");
  await page.getByRole("button", { name: "Record “go faster”" }).click();
  await page.waitForURL(new RegExp(`/systems/${SYSTEM}$`));
  const record = page.locator(".record-go_faster").first();
  await expect.poll(() => record.textContent()).toContain(accepted);
  await expect.poll(() => record.textContent()).toContain("Slower month-end close");
  await expect.poll(() => record.textContent()).toContain("28 Feb 2027");
  await expect.poll(() => record.textContent()).toContain("payables team");
  await checkPage(page, "statement-go-faster");

  // Both statements are visible records on the system page, for both sides.
  expect(await page.locator(".record-not_ready").count()).toBeGreaterThan(0);
  expect(errors).toEqual([]);
  await context.close();
});

test("moving a stage that is not ready shows the missing conditions from the server", async () => {
  const { page, context } = await openSession(browser, parley.url);
  await signIn(page, LEADER.email);
  await page.goto(`/systems/${SYSTEM}`);
  const stage = page.getByRole("region", { name: /^Stage/ });
  await expect.poll(() => stage.textContent()).toContain("still missing");
  await stage.getByText("Change the stage").click();
  await stage.getByLabel("Move to stage").selectOption("production");
  await stage.getByRole("button", { name: "Move to Production" }).click();
  const refusal = stage.getByRole("alert");
  await expect.poll(() => refusal.textContent()).toContain("Not moved.");
  expect(await refusal.locator("li").count()).toBeGreaterThan(0);
  await checkPage(page, "stage-refused");
  await context.close();
});
