// Time until the shared map with 500 systems is rendered in headless Chromium (Debian's, driven by
// playwright-core; no browser download), on the realistic workspace of bench/support/load-workspace.ts
// with the server in its own process. Baseline in the same run: the glossary page, which loads the
// same app but no workspace data. Needs the built web app (npm run build).
// Run: npx tsx bench/map-render.ts [--runs 5]
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { openDatabase } from "../src/store/database.js";
import { seedLoadWorkspace, SYSTEMS } from "./support/load-workspace.js";

const args = process.argv.slice(2);
const runsIndex = args.indexOf("--runs");
const RUNS = runsIndex >= 0 ? Number(args[runsIndex + 1]) : 5;
const TARGET_MS = 4000; // the bound test/e2e/map.test.ts holds the map to
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

if (!existsSync("web/dist/index.html")) {
  console.log("(skipped: the web app is not built; run npm run build)");
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), "parley-map-"));
const setting = join(dir, "parley.db");
try {
  const database = openDatabase(setting);
  await seedLoadWorkspace(database, { points: 100_000, writers: 1, readers: 1 });
  await database.close();
  const server = spawn(process.execPath, ["--import", "tsx", "bench/support/load-server.ts", setting], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  server.stdout.on("data", (d: Buffer) => (out += d.toString()));
  while (!out.includes("\n")) await new Promise((r) => setTimeout(r, 50));
  const url = out.trim();
  const browser = await chromium.launch({
    executablePath: process.env.PARLEY_CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
    ],
  });
  try {
    const context: BrowserContext = await browser.newContext({
      baseURL: url,
      viewport: { width: 1280, height: 800 },
    });
    const signIn = await context.request.post("/api/v1/auth/sign-in", {
      data: { email: "reader-0@example.com", password: "bench-password-1" },
    });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const measure = async (path: string, ready: () => Promise<unknown>) => {
      const started = performance.now();
      await page.goto(path);
      await ready();
      return performance.now() - started;
    };
    const glossary = () => page.getByRole("heading", { level: 1 }).first().waitFor();
    const map = () => page.getByText(`Showing 100 of ${SYSTEMS} systems`).waitFor();
    // The first visit fetches the app's files; later ones have them cached, as a returning reader.
    const firstMap = await measure("/", map);
    const shell: number[] = [];
    const maps: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      shell.push(await measure("/glossary", glossary));
      maps.push(await measure("/", map));
    }
    const rows = await page.locator(".map-table tbody tr").count();
    const baseline = median(shell);
    const warm = median(maps);
    console.log(
      `Headless Chromium (${browser.version()}), 1280×800; ${SYSTEMS} systems, ${rows} rows shown at first ("Showing 100 of ${SYSTEMS}"); median of ${RUNS}\n`,
    );
    console.log("| page | ms until shown | ratio to the glossary page |");
    console.log("| --- | ---: | ---: |");
    console.log(`| glossary (same app, no workspace data; baseline) | ${baseline.toFixed(0)} | 1.00 |`);
    console.log(
      `| shared map, first visit (app files not cached) | ${firstMap.toFixed(0)} | ${(firstMap / baseline).toFixed(2)} |`,
    );
    console.log(`| shared map, returning reader | ${warm.toFixed(0)} | ${(warm / baseline).toFixed(2)} |`);
    console.log(
      `\nTarget (map with ${SYSTEMS} systems shown within ${TARGET_MS} ms): ${warm < TARGET_MS ? "met" : "**missed**"}.`,
    );
    await context.close();
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    if (server.exitCode === null) await once(server, "exit");
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
