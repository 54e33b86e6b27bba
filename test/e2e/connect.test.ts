// Connect data in the browser: an engineer creates an ingest token, a real OTLP/HTTP export with it
// turns into the system's signals, a model seen without a price gets one from the "missing" list, a
// FOCUS file uploaded through the file input reports its counts by line, and a revoked token is
// refused. Then leadership reads the same page, and a keyboard-only pass creates and revokes a token.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { checkPage, DESKTOP, launchBrowser, openSession, signIn, TABLET, visit } from "./support/browser.js";
import { ENGINEER, LEADER, startParley, type RunningParley } from "./support/server.js";

const LEADER_READER = { email: "daniel@example.com" } as const; // leadership, not an admin
const SECTIONS = ["opentelemetry", "prices", "billing", "files", "tokens"] as const;
const SHOTS = resolve(import.meta.dirname, "../../test-results/screenshots");

let browser: Browser;
let parley: RunningParley;
let ingestToken = "";
beforeAll(async () => {
  [browser, parley] = await Promise.all([launchBrowser(), startParley({ demo: true })]);
});
afterAll(async () => {
  await browser?.close();
  await parley?.stop();
});

/** A minimal OTLP/JSON export: one GenAI chat span a minute ago, on a model with no price. */
function genAiTrace(service: string): unknown {
  const end = Date.now() - 60_000;
  const ns = (ms: number) => `${BigInt(ms) * 1_000_000n}`;
  const attr = (key: string, value: string | number) => ({
    key,
    value: typeof value === "string" ? { stringValue: value } : { intValue: String(value) },
  });
  return {
    resourceSpans: [
      {
        resource: { attributes: [attr("service.name", service)] },
        scopeSpans: [
          {
            scope: { name: "e2e-genai" },
            spans: [
              {
                traceId: "5b8efff798038103d269b633813fc60c",
                spanId: "eee19b7ec3c1b174",
                name: "chat acme-llm-7",
                kind: 3,
                startTimeUnixNano: ns(end - 850),
                endTimeUnixNano: ns(end),
                attributes: [
                  attr("gen_ai.operation.name", "chat"),
                  attr("gen_ai.provider.name", "acme"),
                  attr("gen_ai.request.model", "acme-llm-7"),
                  attr("gen_ai.usage.input_tokens", 1200),
                  attr("gen_ai.usage.output_tokens", 300),
                ],
                status: { code: 0 },
              },
            ],
          },
        ],
      },
    ],
  };
}

function sendTrace(token: string, service = "support-assistant"): Promise<Response> {
  return fetch(`${parley.url}/v1/traces`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(genAiTrace(service)),
  });
}

async function openConnect(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connect data" }).click();
  await page.getByRole("heading", { level: 1, name: "Connect data" }).waitFor();
  // The page's code loads on first use; focus still lands on its heading, as on every page.
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
}

async function shootSection(page: Page, id: string, what: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.locator(`#${id}`).screenshot({ path: join(SHOTS, `connect-${id}-${what}.png`) });
}

async function shootSections(page: Page, who: string): Promise<void> {
  for (const id of SECTIONS) await shootSection(page, id, who);
}

test("an engineer creates an ingest token and a real OTLP export becomes the system's signals", async () => {
  const session = await openSession(browser, parley.url);
  const { page, context } = session;
  await signIn(page, ENGINEER.email);
  await openConnect(page);

  const form = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Create an ingest token" }) });
  await form.getByRole("textbox", { name: /^Token name/ }).fill("support-bot collector");
  await form.getByRole("button", { name: "Create an ingest token" }).click();
  const value = page.getByRole("textbox", { name: "Token value for support-bot collector" });
  await value.waitFor();
  ingestToken = await value.inputValue();
  expect(ingestToken).toMatch(/^pk_/);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: parley.url });
  await page.getByRole("button", { name: "Copy Token value for support-bot collector" }).click();
  await page.getByRole("status").filter({ hasText: "Copied." }).first().waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ingestToken);

  // The snippet carries this server's address and the new token.
  await page.getByLabel("Which system sends it").selectOption("support-assistant");
  const text = (await page.locator("pre", { hasText: "OTEL_EXPORTER_OTLP_ENDPOINT" }).textContent()) ?? "";
  expect(text).toContain(`OTEL_EXPORTER_OTLP_ENDPOINT=${parley.url}`);
  expect(text).toContain(`x-parley-token=${ingestToken}`);
  expect(text).toContain("OTEL_SERVICE_NAME=support-assistant");
  await shootSection(page, "opentelemetry", "token-shown");

  // The token only sends data: it cannot read the map.
  const read = await fetch(`${parley.url}/api/v1/portfolio`, {
    headers: { authorization: `Bearer ${ingestToken}` },
  });
  expect(read.status).toBe(403);

  // Nothing from OpenTelemetry yet, then one real export.
  await page.getByLabel("System to check").selectOption("support-assistant");
  await page.getByText("Nothing received for this system yet").waitFor();
  const sent = await sendTrace(ingestToken);
  expect(sent.status).toBe(200);
  expect(await sent.json()).toEqual({});
  await page.getByRole("button", { name: "Check again" }).click();
  const requests = page.getByRole("row", { name: /genai\.requests/ });
  await requests.waitFor();
  await page.getByRole("row", { name: /genai\.input_tokens/ }).waitFor();
  await page.getByRole("row", { name: /genai\.latency_p95/ }).waitFor();
  await shootSection(page, "opentelemetry", "signals-arrived");

  // An export from a service nobody mapped is refused and listed with "map it".
  const refused = await sendTrace(ingestToken, "support-bot-canary");
  expect(
    ((await refused.json()) as { partialSuccess?: { rejectedSpans?: string } }).partialSuccess,
  ).toBeTruthy();
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Connect data" }).waitFor();
  await page.getByRole("button", { name: "Map it (support-bot-canary)" }).click();
  await expect
    .poll(() =>
      page
        .getByRole("textbox", { name: /^Pattern/ })
        .first()
        .inputValue(),
    )
    .toBe("support-bot-canary");
  const mappingForm = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Add the mapping" }) });
  await mappingForm.getByRole("combobox", { name: /^System/ }).selectOption("support-assistant");
  await mappingForm.getByRole("button", { name: "Add the mapping" }).click();
  await page.getByRole("row", { name: /support-bot-canary/ }).waitFor();
  await expect.poll(() => page.getByRole("button", { name: "Map it (support-bot-canary)" }).count()).toBe(0);
  expect((await sendTrace(ingestToken, "support-bot-canary")).status).toBe(200);

  await checkPage(page, "connect-engineer");
  await shootSections(page, "engineer");
  expect(session.errors).toEqual([]);
  await context.close();
});

test("a model seen without a price gets one from the missing list", async () => {
  const session = await openSession(browser, parley.url);
  const { page, context } = session;
  await signIn(page, ENGINEER.email);
  await openConnect(page);
  // The summary says, in plain words, that cost is undercounted.
  const glance = page.getByRole("region", { name: "At a glance" });
  await glance.getByText("1 model in use has no price: AI cost shown is lower than it really is.").waitFor();
  const add = page.getByRole("button", { name: "Add a price for acme/acme-llm-7" });
  await add.click();
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Add the price" }) });
  expect(await form.getByRole("textbox", { name: /^Model/ }).inputValue()).toBe("acme-llm-7");
  expect(await form.getByRole("textbox", { name: /^Provider/ }).inputValue()).toBe("acme");
  // The cursor waits in the price field.
  await expect
    .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name))
    .toBe("perMillion");
  await shootSection(page, "prices", "prefilled");
  await page.keyboard.type("1.5");
  await form.getByRole("button", { name: "Add the price" }).click();
  await page.getByRole("status").filter({ hasText: "Input price for acme-llm-7 added." }).waitFor();
  // An input price alone still leaves output tokens uncounted: the model stays on the list.
  await add.waitFor();
  await add.click();
  await form.getByRole("combobox", { name: /^Tokens/ }).selectOption("output");
  await form.getByRole("textbox", { name: /^Price per million tokens/ }).fill("6");
  await form.getByRole("button", { name: "Add the price" }).click();
  await page.getByRole("status").filter({ hasText: "Output price for acme-llm-7 added." }).waitFor();
  await expect.poll(() => add.count()).toBe(0);
  await glance.getByText("Every AI model in use has a price, so cost is complete.").waitFor();
  await page.getByRole("searchbox", { name: /^Find a model/ }).fill("acme");
  const row = page.getByRole("row", { name: /acme-llm-7/ }).filter({ hasText: "Input" });
  await expect.poll(() => row.textContent()).toContain("1.5 USD");
  expect(await row.textContent()).toContain("Yours");

  // Edit: the form takes the price, the cursor waits in the amount.
  await row.getByRole("button", { name: "Edit acme-llm-7 Input" }).click();
  await page.getByRole("heading", { name: "Change the price for acme-llm-7" }).waitFor();
  await expect
    .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value))
    .toBe("1.5");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("1.25");
  await page.getByRole("button", { name: "Save the price" }).click();
  await page.getByRole("status").filter({ hasText: "Price for acme-llm-7 saved." }).waitFor();
  await expect.poll(() => row.textContent()).toContain("1.25 USD");
  expect(session.errors).toEqual([]);
  await context.close();
});

test("a FOCUS file uploaded through the file input reports rows taken, unmapped and rejected by line", async () => {
  const session = await openSession(browser, parley.url);
  const { page, context } = session;
  await signIn(page, ENGINEER.email);
  await openConnect(page);
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  const csv = [
    "ChargePeriodStart,ChargePeriodEnd,BillingCurrency,BilledCost,EffectiveCost,ServiceName,SkuMeter,Tags",
    `${day(3)}T00:00:00Z,${day(2)}T00:00:00Z,USD,12.50,12.50,Azure OpenAI,gpt-4o input tokens,"{""parley-system"":""support-assistant""}"`,
    `${day(3)}T00:00:00Z,${day(2)}T00:00:00Z,USD,3.25,3.25,Amazon Bedrock,Claude output,{}`,
    `yesterday,${day(2)}T00:00:00Z,USD,1.00,1.00,Azure OpenAI,gpt-4o input tokens,{}`,
  ].join("\n");
  await page
    .getByLabel("FOCUS file (CSV)")
    .setInputFiles({ name: "focus-november.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Import the file" }).click();
  const result = page.locator(".focus-result");
  await result.waitFor();
  const counts = async (label: string) =>
    result
      .locator("div")
      .filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) })
      .locator("dd")
      .textContent();
  expect(await counts("Rows read")).toBe("3");
  expect(await counts("Imported")).toBe("1");
  expect(await counts("Unmapped")).toBe("1");
  expect(await counts("Rejected")).toBe("1");
  expect(await result.textContent()).toContain("Line 4:");
  expect(await result.textContent()).toContain("Amazon Bedrock / Claude output");
  await shootSection(page, "billing", "result");
  const past = page.getByRole("row", { name: /focus-november\.csv/ });
  await past.waitFor();
  expect(await past.textContent()).toContain("support-assistant 12.50 USD");

  // The unmapped charge gets a rule in one click; importing again takes just that row.
  await result.getByRole("button", { name: "Write a rule for Amazon Bedrock / Claude output" }).click();
  const ruleForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Add the rule" }) });
  expect(await ruleForm.getByRole("textbox", { name: /^Pattern/ }).inputValue()).toBe("Amazon Bedrock");
  expect(await ruleForm.getByRole("combobox", { name: /^Match on/ }).inputValue()).toBe("service");
  await expect
    .poll(() => page.evaluate(() => (document.activeElement as HTMLSelectElement | null)?.name))
    .toBe("system");
  await ruleForm.getByRole("combobox", { name: /^System/ }).selectOption("support-assistant");
  await ruleForm.getByRole("button", { name: "Add the rule" }).click();
  await page.getByRole("row", { name: /Amazon Bedrock/ }).waitFor();
  await page.getByRole("button", { name: "Import the file" }).click();
  await expect.poll(() => counts("Already imported")).toBe("1");
  expect(await counts("Imported")).toBe("1");
  expect(await counts("Unmapped")).toBe("0");

  // A gzipped export goes up as it is; a file that is not FOCUS is refused in words.
  await page.getByLabel("FOCUS file (CSV)").setInputFiles({
    name: "focus-november.csv.gz",
    mimeType: "application/gzip",
    buffer: gzipSync(csv),
  });
  await page.getByRole("button", { name: "Import the file" }).click();
  await expect.poll(() => counts("Already imported")).toBe("2");
  await page.getByLabel("FOCUS file (CSV)").setInputFiles({
    name: "spend.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("date,amount\n2026-11-01,3\n"),
  });
  await page.getByRole("button", { name: "Import the file" }).click();
  await page.getByRole("alert").filter({ hasText: "ChargePeriodStart" }).waitFor();

  // Undoing an import is asked once more.
  await past.first().getByRole("button", { name: "Undo import focus-november.csv" }).click();
  await page.getByRole("button", { name: "Yes, undo it" }).click();
  await expect.poll(() => past.first().textContent()).toContain("Undone");
  expect(session.errors).toEqual([]);
  await context.close();
});

test("a revoked token is refused by the API", async () => {
  expect(ingestToken).not.toBe("");
  const session = await openSession(browser, parley.url);
  const { page, context } = session;
  await signIn(page, ENGINEER.email);
  await page.goto("/connect#tokens");
  const row = page.getByRole("row", { name: /support-bot collector/ });
  await row.waitFor();
  expect(await row.textContent()).toContain("Send data");
  await row.getByRole("button", { name: "Revoke token support-bot collector" }).click();
  await page.getByRole("button", { name: "Yes, revoke it" }).click();
  await expect.poll(() => row.textContent()).toContain("Revoked");
  const refused = await sendTrace(ingestToken);
  expect(refused.status).toBe(401);
  await page.setViewportSize(TABLET);
  await checkPage(page, "connect-engineer-after");
  await shootSection(page, "tokens", "revoked-tablet");
  await shootSection(page, "opentelemetry", "mapped-tablet");
  expect(session.errors).toEqual([]);
  await context.close();
});

test("leadership reads the page; the admin scope is offered to admins only", async () => {
  const session = await openSession(browser, parley.url);
  const { page, context } = session;
  const cspViolations: string[] = [];
  page.on("console", (m) => {
    if (m.text().includes("Content Security Policy")) cspViolations.push(m.text());
  });
  await signIn(page, LEADER_READER.email);
  await visit(session, "/connect", "connect-leadership", { heading: "Connect data" });
  // The whole page runs under the strict CSP: no inline script or style was refused.
  await page.getByRole("button", { name: "Copy Environment for the application" }).click();
  await page.locator("summary", { hasText: "Through an OpenTelemetry Collector instead" }).click();
  expect(cspViolations).toEqual([]);
  const glance = page.getByRole("region", { name: "At a glance" });
  expect(await glance.textContent()).toContain("No telemetry is being refused.");
  expect(await glance.textContent()).toContain("Bills last imported on");
  const admin = page.getByRole("checkbox", { name: /Manage accounts/ });
  expect(await admin.isDisabled()).toBe(true);
  await page.getByText("“Manage accounts” is for admins only.").waitFor();
  // The server agrees: a non-admin cannot create an admin token.
  const answer = await page.evaluate(async () => {
    const r = await fetch("/api/v1/tokens", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "sneaky", scopes: ["admin"] }),
    });
    return r.status;
  });
  expect(answer).toBe(403);
  await shootSections(page, "leadership");
  await page.setViewportSize(TABLET);
  await checkPage(page, "connect-leadership");
  // Wide tables scroll inside their own region: the page itself never scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(TABLET.width);
  await page.setViewportSize(DESKTOP);
  expect(session.errors).toEqual([]);
  await context.close();
});

test("an admin may give a token the admin scope and an expiry date", async () => {
  const session = await openSession(browser, parley.url);
  const { page, context } = session;
  await signIn(page, LEADER.email);
  await page.goto("/connect#tokens");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Create the token" }) });
  await form.getByRole("textbox", { name: /^Token name/ }).fill("people sync");
  await form.getByLabel(/^Expires on/).fill("2027-01-31");
  await form.getByRole("checkbox", { name: /Read/ }).uncheck();
  await form.getByRole("checkbox", { name: /Manage accounts/ }).check();
  await form.getByRole("button", { name: "Create the token" }).click();
  await page.getByRole("textbox", { name: "Token value for people sync" }).waitFor();
  const row = page.getByRole("row", { name: /people sync/ });
  await expect.poll(() => row.textContent()).toContain("Manage accounts");
  expect(await row.textContent()).toContain("31 Jan 2027");
  expect(await row.textContent()).not.toContain("Read");
  expect(session.errors).toEqual([]);
  await context.close();
});

test("keyboard only: every control is reachable, and a token is created and revoked without a mouse", async () => {
  const session = await openSession(browser, parley.url);
  const { page, context } = session;
  await signIn(page, ENGINEER.email);
  await page.goto("/connect");
  await page.getByRole("heading", { level: 1, name: "Connect data" }).waitFor();
  await page.waitForLoadState("networkidle");

  // Tab through the whole page once: every enabled control in main is reached, each with a visible focus.
  const total = await page.evaluate(
    () =>
      Array.from(
        document.querySelectorAll(
          "main a[href], main button:not([disabled]), main input:not([disabled]), main select:not([disabled]), main summary, main [tabindex='0']",
        ),
      ).filter((el) => {
        const closed = el.closest("details:not([open])");
        return !closed || el.tagName === "SUMMARY";
      }).length,
  );
  const reached = new Set<string>();
  let invisible = 0;
  for (let i = 0; i < total + 40; i++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || !el.closest("main")) return null;
      const style = getComputedStyle(el);
      const visible = style.outlineStyle !== "none";
      const path: string[] = [];
      for (let n: Element | null = el; n && n !== document.body; n = n.parentElement) {
        path.unshift(`${n.tagName}:${Array.from(n.parentElement?.children ?? []).indexOf(n)}`);
      }
      return { path: path.join("/"), visible, what: `${el.tagName} ${el.getAttribute("type") ?? ""}` };
    });
    if (!info) continue;
    reached.add(info.path);
    if (!info.visible) {
      invisible += 1;
      console.warn("no visible focus on", info.what);
    }
  }
  expect(reached.size).toBe(total);
  expect(invisible).toBe(0);

  // Create a token from the keyboard: type into its name field and press Enter.
  await page.locator("#tokens").scrollIntoViewIfNeeded();
  await page
    .getByRole("textbox", { name: /^Token name/ })
    .last()
    .focus();
  await page.keyboard.type("keyboard token");
  await page.keyboard.press("Enter");
  await page.getByRole("textbox", { name: "Token value for keyboard token" }).waitFor();
  // The secret takes the focus, so it can be copied at once.
  await expect
    .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value ?? ""))
    .toMatch(/^pk_/);
  const row = page.getByRole("row", { name: /keyboard token/ });
  await row.waitFor();
  // Revoke: focus the button, Enter opens the question with the confirm button focused, Enter again.
  await row.getByRole("button", { name: "Revoke token keyboard token" }).focus();
  await page.keyboard.press("Enter");
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ""))
    .toBe("Yes, revoke it");
  await page.keyboard.press("Enter");
  await expect.poll(() => row.textContent()).toContain("Revoked");
  expect(session.errors).toEqual([]);
  await context.close();
});
