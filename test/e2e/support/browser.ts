// Debian's Chromium driven by playwright-core (no browser download), plus the checks every page
// gets: a screenshot saved as a test artifact and an axe-core scan with no serious or critical
// violations.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { DEMO_PASSWORD } from "./server.js";

export const DESKTOP = { width: 1280, height: 800 } as const;
export const TABLET = { width: 768, height: 1024 } as const;
export type Viewport = { width: number; height: number };

const SCREENSHOTS = resolve(import.meta.dirname, "../../../test-results/screenshots");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PARLEY_CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors seen so far; tests assert it stays empty. */
  errors: string[];
}

export async function openSession(
  browser: Browser,
  baseURL: string,
  viewport: Viewport = DESKTOP,
): Promise<Session> {
  const context = await browser.newContext({ baseURL, viewport, reducedMotion: "reduce" });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return { context, page, errors };
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

/** Waits until no loading indicator is left on the page. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await expect.poll(() => page.locator(".state-loading").count(), { timeout: 15_000 }).toBe(0);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const viewport = page.viewportSize();
  const path = join(SCREENSHOTS, `${name}-${viewport?.width ?? 0}x${viewport?.height ?? 0}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** axe-core on the whole page: serious and critical violations fail the test, with their targets. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const blocking = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(blocking, `accessibility violations on ${label}`).toEqual([]);
}

/** Screenshot plus accessibility scan: what every page in the suite gets. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await settled(page);
  await screenshot(page, name);
  await expectAccessible(page, name);
}

/**
 * Opens a page, waits for its main heading (and, when asked, for a selector such as a chart's
 * canvas), then screenshots and scans it. Fails on page errors and on an error state.
 */
export async function visit(
  session: Session,
  path: string,
  name: string,
  options: { heading?: RegExp | string; waitFor?: string } = {},
): Promise<void> {
  const { page } = session;
  await page.goto(path);
  const h1 = page.getByRole("heading", { level: 1 });
  await h1.first().waitFor();
  if (options.heading) await expect.poll(() => h1.first().textContent()).toMatch(options.heading);
  if (options.waitFor) await page.locator(options.waitFor).first().waitFor();
  await checkPage(page, name);
  expect(session.errors, `page errors on ${path}`).toEqual([]);
  expect(await page.locator(".state-error").count(), `error state on ${path}`).toBe(0);
}
