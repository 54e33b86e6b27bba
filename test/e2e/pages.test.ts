// Every page of the app, at 1280x800 and 768x1024: it renders without errors, passes axe-core with
// no serious or critical violations, and leaves a screenshot in test-results/screenshots.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apiFromPage } from "./support/api.js";
import {
  checkPage,
  DESKTOP,
  launchBrowser,
  openSession,
  signIn,
  TABLET,
  type Session,
} from "./support/browser.js";
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

interface Ids {
  roundId: string;
  riskId: string;
  expiredRiskId: string;
}

async function demoIds(page: Page): Promise<Ids> {
  const rounds = (await apiFromPage(page, "GET", `/systems/${SYSTEM}/rounds`)).body as {
    items: { id: string }[];
  };
  const risks = (await apiFromPage(page, "GET", "/risks?limit=500")).body as {
    items: { id: string; systemKey: string; posture: string; decisions?: unknown }[];
  };
  const mine = risks.items.filter((r) => r.systemKey === SYSTEM);
  const expired = mine.find((r) => r.posture === "expired");
  const first = rounds.items[0];
  if (!first || !expired || !mine[0])
    throw new Error("the demo workspace lacks a round or an expired acceptance");
  return { roundId: first.id, riskId: mine[0].id, expiredRiskId: expired.id };
}

/** Opens a page, waits for its main heading, then screenshots and scans it. */
async function visit(
  session: Session,
  path: string,
  name: string,
  heading?: RegExp | string,
  errorShown = false,
): Promise<void> {
  const { page } = session;
  await page.goto(path);
  const h1 = page.getByRole("heading", { level: 1 });
  await h1.first().waitFor();
  if (heading) await expect.poll(() => h1.first().textContent()).toMatch(heading);
  await checkPage(page, name);
  expect(session.errors, `page errors on ${path}`).toEqual([]);
  expect(await page.locator(".state-error").count(), `error state on ${path}`).toBe(errorShown ? 1 : 0);
}

for (const viewport of [DESKTOP, TABLET]) {
  describe(`at ${viewport.width}x${viewport.height}`, () => {
    test("leadership's pages", async () => {
      const session = await openSession(browser, parley.url, viewport);
      await signIn(session.page, LEADER.email);
      const ids = await demoIds(session.page);
      const base = `/systems/${SYSTEM}`;
      await visit(session, "/", "map", "The shared map");
      await visit(session, "/?status=expired", "map-filtered", "The shared map");
      await visit(session, "/risks", "risks", "Risk register");
      await visit(session, "/timeline", "timeline", "Timeline");
      await visit(session, "/glossary", "glossary", "Glossary");
      await visit(session, "/people", "people", "People");
      await visit(session, "/systems/new", "system-new", "Add an AI system");
      await visit(session, base, "system-overview");
      await visit(session, `${base}/edit`, "system-edit");
      await visit(session, `${base}/conversations`, "conversations");
      await visit(session, `${base}/conversations/new`, "round-new");
      await visit(session, `${base}/rounds/${ids.roundId}`, "round");
      await visit(session, `${base}/rounds/${ids.roundId}/compare`, "round-compare");
      await visit(session, `${base}/risks`, "system-risks");
      await visit(session, `${base}/risks/new`, "risk-new");
      await visit(session, `${base}/risks/${ids.expiredRiskId}`, "risk-expired");
      await visit(session, `${base}/safeguards`, "safeguards");
      await visit(session, `${base}/safeguards/new`, "safeguard-new");
      await visit(session, `${base}/signals`, "system-signals");
      await visit(session, `${base}/timeline`, "system-timeline");
      await visit(session, `${base}/say/go-faster`, "say-go-faster");
      await visit(session, "/no-such-page", "not-found", "Page not found");
      await visit(session, "/systems/no-such-system", "system-not-found", "System not found", true);
      await session.context.close();
    });

    test("engineering's pages, and the glossary drawer", async () => {
      const session = await openSession(browser, parley.url, viewport);
      await signIn(session.page, ENGINEER.email);
      const ids = await demoIds(session.page);
      const base = `/systems/${SYSTEM}`;
      await visit(session, `${base}/say/not-ready`, "say-not-ready");
      await visit(session, `${base}/risks/${ids.riskId}`, "risk-engineering");
      await visit(session, "/", "map-engineering", "The shared map");

      // The help drawer opens from the top bar on any page, and Escape closes it.
      const { page } = session;
      await page.getByRole("button", { name: "Help" }).click();
      const drawer = page.getByRole("dialog", { name: "Glossary" });
      await drawer.waitFor();
      await drawer.getByLabel("Find a term").fill("burn rate");
      await expect.poll(() => drawer.getByRole("heading", { name: "Burn rate" }).isVisible()).toBe(true);
      await checkPage(page, "glossary-drawer");
      // The first Escape clears the search field (the browser's own behaviour), the second closes.
      await page.keyboard.press("Escape");
      await page.keyboard.press("Escape");
      await expect.poll(() => drawer.isVisible()).toBe(false);

      // A "?" next to a term opens the drawer at that term.
      await page.getByRole("button", { name: "What does “Shared map” mean?" }).first().click();
      await expect
        .poll(() => drawer.getByRole("heading", { name: "Shared map" }).first().isVisible())
        .toBe(true);
      await page.keyboard.press("Escape");
      await session.context.close();
    });
  });
}
