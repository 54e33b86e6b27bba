// A full round between the two sides: leadership starts it, each side answers the other's question,
// each reads the answer back — one understood, one disagreement — and the round is compared with
// the previous one.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { checkPage, launchBrowser, openSession, signIn, type Session } from "./support/browser.js";
import { ENGINEER, LEADER, startParley, type RunningParley } from "./support/server.js";

const SYSTEM = "code-review-helper";

let browser: Browser;
let parley: RunningParley;
beforeAll(async () => {
  [browser, parley] = await Promise.all([launchBrowser(), startParley({ demo: true })]);
});
afterAll(async () => {
  await browser?.close();
  await parley?.stop();
});

function askedBy(page: Page, side: "Leadership" | "Engineering"): Locator {
  const other = side === "Leadership" ? "engineering" : "leadership";
  return page.locator("li.ask", { hasText: `${side} asks ${other}` });
}

test("a full round with answers, read-backs and a disagreement", async () => {
  const maya: Session = await openSession(browser, parley.url);
  const priya: Session = await openSession(browser, parley.url);
  await signIn(maya.page, LEADER.email);
  await signIn(priya.page, ENGINEER.email);

  // Leadership starts a round with one question from each side of the bank.
  await maya.page.goto(`/systems/${SYSTEM}/conversations`);
  await maya.page.getByRole("link", { name: "Start a round" }).click();
  await maya.page.getByLabel("Round title").fill("Launch readiness");
  await maya.page
    .getByRole("group", { name: "Leadership asks engineering" })
    .getByRole("checkbox")
    .first()
    .check();
  await maya.page
    .getByRole("group", { name: "Engineering asks leadership" })
    .getByRole("checkbox")
    .first()
    .check();
  await maya.page.getByRole("button", { name: "Start the round with 2 questions" }).click();
  await maya.page.waitForURL(/\/rounds\//);
  const roundUrl = new URL(maya.page.url()).pathname;
  await expect
    .poll(() => maya.page.getByRole("heading", { name: "Launch readiness" }).isVisible())
    .toBe(true);

  // Leadership cannot answer its own question; it answers engineering's.
  await expect
    .poll(() => askedBy(maya.page, "Leadership").textContent())
    .toContain("Waiting for engineering to answer");
  const engineeringQuestion = askedBy(maya.page, "Engineering");
  await engineeringQuestion
    .getByLabel("Your answer")
    .fill("Up to one wrong suggestion in fifty is fine while a person reviews every merge.");
  await engineeringQuestion.getByRole("button", { name: "Send the answer" }).click();
  await expect
    .poll(() => engineeringQuestion.textContent())
    .toContain("Waiting for engineering to read your answer back");

  // Engineering answers leadership's question and reads leadership's answer back: a disagreement.
  await priya.page.goto(roundUrl);
  const leadershipQuestion = askedBy(priya.page, "Leadership");
  await leadershipQuestion
    .getByLabel("Your answer")
    .fill("Reviewer time per pull request; we track it weekly and alert when it rises 20%.");
  await leadershipQuestion.getByRole("button", { name: "Send the answer" }).click();
  await expect
    .poll(() => leadershipQuestion.textContent())
    .toContain("Waiting for leadership to read your answer back");

  const theirAnswer = askedBy(priya.page, "Engineering");
  await theirAnswer
    .getByLabel("Read it back in your own words")
    .fill("Two percent wrong suggestions are acceptable as long as humans review.");
  await theirAnswer.getByRole("radio", { name: /^Understood, and we disagree/ }).check();
  await theirAnswer
    .getByLabel("What do you see differently?")
    .fill("Reviewers skim when suggestions look plausible; we think one in a hundred is the limit.");
  await theirAnswer.getByRole("button", { name: "Save the read-back" }).click();
  await expect.poll(() => theirAnswer.textContent()).toContain("Aligned: we disagree");
  await expect.poll(() => theirAnswer.textContent()).toContain("A disagreement is a legitimate outcome");
  // Disagreement is shown as information, not as an error.
  expect(await theirAnswer.locator(".readback-disagree").count()).toBe(1);
  expect(await theirAnswer.locator(".chip-danger, .state-error, [role=alert]").count()).toBe(0);
  await checkPage(priya.page, "round-engineering");

  // Leadership reads engineering's answer back: understood. The round is fully aligned.
  await maya.page.reload();
  const ourQuestion = askedBy(maya.page, "Leadership");
  await ourQuestion
    .getByLabel("Read it back in your own words")
    .fill("You watch reviewer time weekly and get alerted at a 20% rise.");
  await ourQuestion.getByRole("radio", { name: /^Understood(?!,)/ }).check();
  await ourQuestion.getByRole("button", { name: "Save the read-back" }).click();
  await expect.poll(() => ourQuestion.textContent()).toContain("Aligned: understood");
  const summary = maya.page.locator(".round-summary");
  await expect.poll(() => summary.textContent()).toContain("2 of 2 read back");
  await expect.poll(() => summary.textContent()).toContain("1 disagreement");
  await checkPage(maya.page, "round-aligned");

  // What changed since the previous round.
  await maya.page.getByRole("link", { name: "Compare with the previous round" }).click();
  await expect
    .poll(() => maya.page.getByRole("heading", { name: /What changed/ }).textContent())
    .toContain("since");
  await checkPage(maya.page, "round-compare-new");

  // The shared map now shows the new round's alignment for this system.
  await maya.page.goto(`/?q=${SYSTEM}`);
  const row = maya.page.getByRole("row", { name: /Code review helper/ });
  await expect.poll(() => row.textContent()).toContain("2 of 2 read back");

  expect(maya.errors).toEqual([]);
  expect(priya.errors).toEqual([]);
  await maya.context.close();
  await priya.context.close();
});
