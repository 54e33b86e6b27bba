// Engineering proposes a risk; leadership decides it and decides again (the first decision is
// superseded, not edited). Engineering sees why it cannot decide, and the API refuses it anyway.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { apiFromPage } from "./support/api.js";
import { checkPage, launchBrowser, openSession, signIn } from "./support/browser.js";
import { ENGINEER, LEADER, startParley, type RunningParley } from "./support/server.js";

const SYSTEM = "sales-followups";
const TITLE = "Drafts quote last year's price list";

let browser: Browser;
let parley: RunningParley;
let riskPath = "";
let riskId = "";
beforeAll(async () => {
  [browser, parley] = await Promise.all([launchBrowser(), startParley({ demo: true })]);
});
afterAll(async () => {
  await browser?.close();
  await parley?.stop();
});

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test("engineering proposes a risk with both views", async () => {
  const { page, context, errors } = await openSession(browser, parley.url);
  await signIn(page, ENGINEER.email);
  await page.goto(`/systems/${SYSTEM}/risks`);
  await page.getByRole("link", { name: "Propose a risk" }).click();
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Class").selectOption("data_quality");
  await page
    .getByLabel("Failure mode")
    .fill("The price list in the retrieval index is not refreshed when finance publishes a new one.");
  await page.getByLabel("Triggers and edge cases").fill("January price changes; regional price lists.");
  await page
    .getByLabel("Impact on outcomes")
    .fill("Sales reps send prices we no longer honour; margin loss and awkward corrections.");
  await page.getByRole("checkbox", { name: "Money" }).check();
  await page.getByRole("group", { name: "Likelihood" }).getByRole("radio", { name: "4 · High" }).check();
  await page.getByRole("group", { name: "Impact" }).getByRole("radio", { name: "5 · Very high" }).check();
  await page.getByLabel("From", { exact: true }).fill("2000");
  await page.getByLabel("To", { exact: true }).fill("25000");
  await page.getByRole("button", { name: "Propose the risk" }).click();
  await page.waitForURL((url) => /\/risks\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith("/new"));
  riskPath = new URL(page.url()).pathname;
  riskId = riskPath.split("/").pop() ?? "";
  await expect.poll(() => page.getByRole("heading", { name: TITLE }).isVisible()).toBe(true);
  await expect.poll(() => page.locator(".view-engineering").textContent()).toContain("not refreshed");
  await expect.poll(() => page.locator(".view-leadership").textContent()).toContain("USD 2,000 – 25,000");
  expect(errors).toEqual([]);
  await context.close();
});

test("engineering cannot decide: the page says why, and a forced API call gets 403", async () => {
  const { page, context } = await openSession(browser, parley.url);
  await signIn(page, ENGINEER.email);
  await page.goto(riskPath);
  const decide = page.getByRole("region", { name: /Decide/ });
  await expect.poll(() => decide.textContent()).toContain("Only leadership decides what happens to a risk");
  expect(await decide.getByRole("radio", { name: /^Accept/ }).isDisabled()).toBe(true);
  expect(await decide.getByRole("button", { name: "Record the decision" }).isDisabled()).toBe(true);
  await checkPage(page, "risk-refused-engineering");

  const accept = await apiFromPage(page, "POST", `/risks/${riskId}/decisions`, {
    outcome: "accept",
    rationale: "Trying anyway",
    reviewBy: inDays(30),
  });
  expect(accept.status).toBe(403);
  expect((accept.body as { error: { code: string } }).error.code).toBe("risk_acceptance_requires_leadership");
  const mitigate = await apiFromPage(page, "POST", `/risks/${riskId}/decisions`, {
    outcome: "mitigate",
    rationale: "Trying anyway",
  });
  expect(mitigate.status).toBe(403);
  expect((mitigate.body as { error: { code: string } }).error.code).toBe("decision_requires_leadership");
  await context.close();
});

test("leadership decides, then decides again: the history keeps the superseded decision", async () => {
  const { page, context, errors } = await openSession(browser, parley.url);
  await signIn(page, LEADER.email);
  await page.goto(riskPath);
  const decide = page.getByRole("region", { name: /Decide/ });

  // An acceptance needs a review-by date: the form will not send one without it.
  await decide.getByRole("radio", { name: /^Accept/ }).check();
  await decide
    .getByLabel("Why this is the right call now")
    .fill("The holiday campaign needs the drafts now.");
  await decide.getByLabel("Conditions (optional)").fill("while reps check every price against the list");
  await decide.getByLabel("Review by").fill("");
  await decide.getByRole("button", { name: "Record the decision" }).click();
  const refused = await page.evaluate(
    () => (document.querySelector("input[type=date]") as HTMLInputElement).validity.valid,
  );
  expect(refused).toBe(false); // the browser asks for the date first: it is required for an acceptance
  await decide.getByLabel("Review by").fill(inDays(20));
  await decide.getByRole("button", { name: "Record the decision" }).click();

  const history = page.getByRole("region", { name: "Decision history" });
  await expect.poll(() => history.textContent()).toContain("Accept");
  await expect.poll(() => history.textContent()).toContain("Current");
  await expect
    .poll(() => page.locator(".risk-page .section-head").textContent())
    .toContain("Accepted, review in 20 days");

  await decide.getByRole("radio", { name: /^Mitigate/ }).check();
  await decide
    .getByLabel("Why this is the right call now")
    .fill("Finance will publish prices weekly; engineering adds a freshness check.");
  await decide.getByRole("button", { name: "Record the decision" }).click();
  await expect.poll(() => history.locator("li").count()).toBe(2);
  await expect.poll(() => history.locator(".decision-superseded").textContent()).toContain("Superseded");
  await expect.poll(() => history.locator(".decision-live").textContent()).toContain("Mitigate");
  await checkPage(page, "risk-decided");

  // A risk that no longer applies can be closed and reopened; its history stays.
  await page.getByRole("button", { name: "Close the risk" }).click();
  await expect.poll(() => page.locator(".risk-page .section-head").textContent()).toContain("Closed");
  await page.getByRole("button", { name: "Reopen the risk" }).click();
  await expect
    .poll(() => page.locator(".risk-page .section-head").textContent())
    .toContain("Being mitigated");

  // The register shows it with its posture.
  await page.goto(`/systems/${SYSTEM}/risks`);
  const card = page.locator(".risk-card", { hasText: TITLE });
  await expect.poll(() => card.textContent()).toContain("Being mitigated");
  expect(errors).toEqual([]);
  await context.close();
});

test("an expired acceptance stands out on the map, the register and the risk", async () => {
  const { page, context } = await openSession(browser, parley.url);
  await signIn(page, LEADER.email);
  await page.goto("/?status=expired");
  await expect
    .poll(() => page.getByRole("row", { name: /Support reply assistant/ }).textContent())
    .toContain("1 expired");
  await page.goto("/risks");
  const expired = page.locator(".risk-card.risk-expired");
  await expect.poll(() => expired.count()).toBeGreaterThan(0);
  await expired.first().getByRole("link").first().click();
  await expect
    .poll(() => page.locator(".notice-danger").textContent())
    .toContain("This acceptance has expired");
  await context.close();
});
