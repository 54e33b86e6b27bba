// Making the work visible: briefs in both voices with their Markdown and PDF files, the board view
// for an executive, and "what changed since" a date or a round, for a system and the workspace.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apiFromPage } from "./support/api.js";
import { DESKTOP, launchBrowser, openSession, signIn, TABLET, visit } from "./support/browser.js";
import { ENGINEER, LEADER, startParley, type RunningParley } from "./support/server.js";

const SYSTEM = "support-assistant";

/** The demo workspace is dated relative to today, so the dates here are too (UTC, as the server). */
function isoDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}
/** "since 21 Nov 2026", whatever the month's abbreviation ("Sep" or "Sept"). */
function sinceDay(iso: string): RegExp {
  const [year, month, day] = iso.split("-").map(Number);
  const name = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, 1)).toLocaleDateString("en-GB", {
    month: "short",
    timeZone: "UTC",
  });
  return new RegExp(`since ${day} ${name.slice(0, 3)}\\w* ${year}`);
}

let browser: Browser;
let parley: RunningParley;
beforeAll(async () => {
  [browser, parley] = await Promise.all([launchBrowser(), startParley({ demo: true })]);
});
afterAll(async () => {
  await browser?.close();
  await parley?.stop();
});

test("briefs in both voices, for the portfolio and one system, with Markdown and PDF downloads", async () => {
  const { page, context, errors } = await openSession(browser, parley.url);
  await signIn(page, LEADER.email);
  await page.goto("/briefs");
  const title = page.locator("#brief-title");
  await expect.poll(() => title.textContent()).toBe("Leadership brief: all AI systems");
  await expect
    .poll(() => page.getByRole("navigation", { name: "In this brief" }).textContent())
    .toContain("Value protected by engineering");
  // Charts carry their numbers in words: the budget row says how much is spent of what.
  await expect
    .poll(() => page.locator(".bar-chart", { hasText: "Spend so far against budget" }).textContent())
    .toMatch(/USD [\d,]+ of USD 5,500 \(\d+%\)/);

  await page.getByText("Engineering", { exact: true }).click();
  await expect.poll(() => title.textContent()).toBe("Engineering brief: all AI systems");
  expect(new URL(page.url()).searchParams.get("voice")).toBe("engineering");
  await page.getByLabel("Scope").selectOption(SYSTEM);
  await expect.poll(() => title.textContent()).toBe("Engineering brief: Support reply assistant");
  // What leadership said is quoted, with how engineering read it back.
  const quote = page.locator(".brief-quote", { hasText: "Before Black Friday" });
  await expect.poll(() => quote.textContent()).toContain("Read back by Priya Raman");

  const pdfHref = await page.getByRole("link", { name: "Download PDF" }).getAttribute("href");
  const mdHref = await page.getByRole("link", { name: "Download Markdown" }).getAttribute("href");
  expect(pdfHref).toContain("voice=engineering");
  expect(pdfHref).toContain(`system=${SYSTEM}`);
  const pdf = await context.request.get(pdfHref ?? "");
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const md = await context.request.get(mdHref ?? "");
  expect(md.status()).toBe(200);
  expect(md.headers()["content-type"]).toContain("text/markdown");
  expect(await md.text()).toContain("Engineering brief: Support reply assistant");

  // A period the wrong way round gets the server's own words, not a blank page.
  await page.goto("/briefs?from=2026-11-20&to=2026-11-01");
  await expect.poll(() => page.locator(".state-error").textContent()).toContain("Swap them");

  // The system page leads to its brief.
  await page.goto(`/systems/${SYSTEM}`);
  await page.getByRole("link", { name: "Read the brief" }).click();
  await expect.poll(() => title.textContent()).toBe("Leadership brief: Support reply assistant");
  expect(errors).toEqual([]);
  await context.close();
});

test("the board view gives an executive the portfolio totals", async () => {
  const { page, context, errors } = await openSession(browser, parley.url);
  await signIn(page, LEADER.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Board" }).click();
  await page.getByRole("heading", { level: 1, name: "Board view" }).waitFor();
  const outlook = page.locator(".bar-chart", { hasText: "Systems by outlook" });
  await expect.poll(() => outlook.textContent()).toMatch(/\d+ on track/);
  const spend = page.getByRole("region", { name: /Spend against budget/ });
  await expect.poll(() => spend.textContent()).toMatch(/EUR [\d,]+ of EUR 2,000/);
  await expect.poll(() => spend.textContent()).toMatch(/USD [\d,]+ of USD 5,500/);
  // Trust limits and risk budgets are counted apart (3 limits and 2 budgets in the demo).
  const limits = page.getByRole("region", { name: /Trust limits and budgets/ });
  await expect.poll(() => limits.textContent()).toContain("3 trust limits, by their state right now");
  await expect.poll(() => limits.textContent()).toContain("2 risk budgets, by their state right now");
  const risks = page.getByRole("region", { name: /Risks leadership carries/ });
  await expect.poll(() => risks.textContent()).toContain("Token spend grows with conversation length");
  await expect.poll(() => risks.textContent()).toMatch(/Expired \d+ days ago/);
  const value = page.getByRole("region", { name: /Value protected by engineering/ });
  await expect.poll(() => value.textContent()).toMatch(/USD [\d,]+ – [\d,]+/);
  const rows = page.locator(".board-table tbody tr");
  await expect.poll(() => rows.count()).toBe(5);
  await expect
    .poll(() => rows.filter({ hasText: "Invoice field extraction" }).textContent())
    .toContain("Clerk correction rate");
  expect(errors).toEqual([]);
  await context.close();
});

test("what changed since a round on a system, and since a day across the workspace", async () => {
  const { page, context, errors } = await openSession(browser, parley.url);
  await signIn(page, ENGINEER.email);
  const rounds = (await apiFromPage(page, "GET", `/systems/${SYSTEM}/rounds`)).body as {
    items: { id: string; title: string }[];
  };
  const q3 = rounds.items.find((r) => r.title === "Q3 review");
  if (!q3) throw new Error("the demo lacks the Q3 review round");
  await page.goto(`/systems/${SYSTEM}/timeline`);
  await page.getByLabel("Or since a round was held").selectOption(q3.id);
  expect(new URL(page.url()).searchParams.get("round")).toBe(q3.id);
  const changes = page.locator(".changes");
  await expect.poll(() => changes.locator(".changes-headline").textContent()).toMatch(/changed since/);
  // A decision reads as a diff: each field with its value before and after.
  const decision = changes.locator(".change", { hasText: "Help-centre articles go out of date" }).filter({
    hasText: "Decided",
  });
  const review = decision.getByRole("row", { name: /review by/ });
  await expect.poll(() => review.locator("ins").textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expect.poll(() => decision.textContent()).toContain("by Maya Okafor");

  // A day instead of a round; the Markdown version of the same diff downloads.
  const weekAgo = isoDaysAgo(7);
  await page.getByLabel("Since the day").fill(weekAgo);
  await expect.poll(() => new URL(page.url()).searchParams.get("since")).toBe(weekAgo);
  await expect.poll(() => changes.locator(".changes-headline").textContent()).toMatch(sinceDay(weekAgo));
  const md = await context.request.get(
    (await page.getByRole("link", { name: "Download as Markdown" }).getAttribute("href")) ?? "",
  );
  expect(md.status()).toBe(200);

  const twoMonths = isoDaysAgo(60);
  await page.goto(`/timeline?since=${twoMonths}`);
  const workspace = page.locator(".changes");
  await expect.poll(() => workspace.locator(".changes-headline").textContent()).toMatch(sinceDay(twoMonths));
  await expect.poll(() => workspace.locator(".changes-group").count()).toBeGreaterThan(2);
  // Across the workspace each change names its system.
  await expect
    .poll(() => workspace.getByRole("link", { name: "invoice-extraction" }).count())
    .toBeGreaterThan(0);
  expect(errors).toEqual([]);
  await context.close();
});

for (const viewport of [DESKTOP, TABLET]) {
  describe(`at ${viewport.width}x${viewport.height}`, () => {
    test("briefs, board and what changed: screenshots and accessibility", async () => {
      const session = await openSession(browser, parley.url, viewport);
      await signIn(session.page, LEADER.email);
      await visit(session, "/briefs", "brief-leadership", { waitFor: "#brief-title" });
      await visit(session, `/briefs?voice=engineering&system=${SYSTEM}`, "brief-engineering-system", {
        waitFor: "#brief-title",
      });
      await visit(session, "/board", "board", { heading: "Board view", waitFor: ".board-table" });
      await visit(session, `/systems/${SYSTEM}/timeline?since=${isoDaysAgo(60)}`, "system-what-changed", {
        waitFor: ".changes",
      });
      await visit(session, "/timeline", "timeline-what-changed", {
        heading: "Timeline",
        waitFor: ".changes",
      });
      await visit(session, "/timeline?view=events", "timeline-events", {
        heading: "Timeline",
        waitFor: ".timeline",
      });
      await visit(session, `/systems/${SYSTEM}/timeline?view=events`, "system-timeline-events", {
        waitFor: ".timeline",
      });
      await session.context.close();
    });
  });
}
