// Signing in on both sides, first-run setup of an empty workspace, and signing out.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkPage, DESKTOP, launchBrowser, openSession, signIn, TABLET } from "./support/browser.js";
import { ENGINEER, LEADER, startParley, type RunningParley } from "./support/server.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("a demo workspace", () => {
  let parley: RunningParley;
  beforeAll(async () => {
    parley = await startParley({ demo: true });
  });
  afterAll(async () => {
    await parley?.stop();
  });

  for (const viewport of [DESKTOP, TABLET]) {
    test(`the sign-in page is accessible at ${viewport.width}px`, async () => {
      const { page, context, errors } = await openSession(browser, parley.url, viewport);
      await page.goto("/");
      await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).isVisible()).toBe(true);
      await checkPage(page, "sign-in");
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  test("a wrong password shows the server's message, not a blank page", async () => {
    const { page, context } = await openSession(browser, parley.url);
    await page.goto("/");
    await page.getByLabel("E-mail").fill(LEADER.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert");
    await expect.poll(() => alert.textContent()).toMatch(/Not saved\.|password|e-mail/i);
    await context.close();
  });

  test("leadership signs in and sees the map with its name and side", async () => {
    const { page, context, errors } = await openSession(browser, parley.url);
    await signIn(page, LEADER.email);
    const banner = page.getByRole("banner");
    await expect.poll(() => banner.textContent()).toContain(LEADER.name);
    await expect.poll(() => banner.textContent()).toContain("Leadership");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("The shared map");
    await expect.poll(() => page.getByRole("table").getByRole("row").count()).toBeGreaterThanOrEqual(6);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("engineering signs in, keeps the address it opened, and signs out", async () => {
    const { page, context } = await openSession(browser, parley.url);
    await page.goto("/risks");
    await page.getByLabel("E-mail").fill(ENGINEER.email);
    await page.getByLabel("Password").fill("parley-demo-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Risk register");
    expect(new URL(page.url()).pathname).toBe("/risks");
    await expect.poll(() => page.getByRole("banner").textContent()).toContain("Engineering");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).isVisible()).toBe(true);
    await context.close();
  });

  test("the glossary is readable without signing in", async () => {
    const { page, context } = await openSession(browser, parley.url);
    await page.goto("/glossary");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Glossary");
    await expect.poll(() => page.getByRole("heading", { name: "Burn rate" }).isVisible()).toBe(true);
    await checkPage(page, "glossary-public");
    await context.close();
  });
});

describe("an empty workspace", () => {
  let parley: RunningParley;
  beforeAll(async () => {
    parley = await startParley({ demo: false });
  });
  afterAll(async () => {
    await parley?.stop();
  });

  test("first-run setup creates the admin and opens an empty map that says what to do", async () => {
    const { page, context, errors } = await openSession(browser, parley.url);
    await page.goto("/");
    await expect
      .poll(() => page.getByRole("heading", { name: "Set up your workspace" }).isVisible())
      .toBe(true);
    await checkPage(page, "setup");
    await page.getByLabel("Your name").fill("Ada Admin");
    await page.getByLabel("E-mail").fill("ada@example.com");
    await page.getByLabel("Engineering").check();
    await page.getByLabel("Password").fill("a-long-enough-password");
    await page.getByRole("button", { name: "Create the admin account" }).click();
    await expect.poll(() => page.getByText("No AI systems on the map yet").isVisible()).toBe(true);
    await checkPage(page, "map-empty");
    expect(errors).toEqual([]);
    await context.close();
  });

  test("the first system is added from the empty map and edited", async () => {
    const { page, context, errors } = await openSession(browser, parley.url);
    await page.goto("/");
    await page.getByLabel("E-mail").fill("ada@example.com");
    await page.getByLabel("Password").fill("a-long-enough-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("link", { name: "Add the first system" }).click();
    await page.getByLabel("Name").fill("Claims triage assistant");
    await page.getByLabel("Short key").fill("claims-triage");
    await page
      .getByLabel("What is it for?")
      .fill("Sorts incoming insurance claims so simple ones are paid the same day.");
    await page.getByLabel("Expected outcome").fill("Pay 60% of simple claims within a day.");
    await page.getByLabel("Stage").selectOption("demo");
    await page.getByLabel("Engineering owner").selectOption({ label: "Ada Admin" });
    await page.getByRole("button", { name: "Add the system" }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Claims triage assistant");
    await expect.poll(() => page.locator(".owners-head").textContent()).toContain("Ada Admin");

    await page.getByRole("link", { name: "Edit details" }).click();
    await page.getByLabel("Estimated yearly value").fill("90000");
    await page.getByRole("button", { name: "Save the details" }).click();
    await expect
      .poll(() => page.getByRole("region", { name: "What it is for" }).textContent())
      .toContain("USD 90,000");

    await page.getByRole("link", { name: "Shared map" }).first().click();
    await expect.poll(() => page.locator(".map-table tbody tr").count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("when the server goes away, pages say so instead of going blank", async () => {
    const { page, context } = await openSession(browser, parley.url);
    await page.goto("/");
    await page.getByLabel("E-mail").fill("ada@example.com");
    await page.getByLabel("Password").fill("a-long-enough-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await parley.stop();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Risks" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("could not be reached");
    await checkPage(page, "server-unreachable");
    await context.close();
  });
});
