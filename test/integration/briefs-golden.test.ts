import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedQuestionBank } from "../../src/commands/conversations.js";
import { loadDemoWorkspace } from "../../src/commands/demo.js";
import { loadDemoLedger } from "../../src/commands/ledger.js";
import type { Voice } from "../../src/contract/briefs.js";
import { renderChangesMarkdown } from "../../src/briefs/changes-markdown.js";
import { renderBriefMarkdown } from "../../src/briefs/markdown.js";
import { renderBriefPdf } from "../../src/briefs/pdf.js";
import { buildBrief } from "../../src/core/briefs/index.js";
import { loadBriefSnapshot, loadChanges } from "../../src/store/briefs.js";
import type { Database } from "../../src/store/database.js";
import { DIALECTS, freshDatabase } from "./harness.js";

// Briefs built from the demo workspace with a fixed clock must read exactly like the files in
// test/golden. After an intended change, refresh them with: UPDATE_GOLDEN=1 npx vitest run test/integration/briefs-golden.test.ts

const NOW = new Date("2026-11-28T09:00:00Z");
const GOLDEN = join(import.meta.dirname, "../golden");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

function matchesGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (UPDATE) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`No golden file ${name}: run the test once with UPDATE_GOLDEN=1.`);
  expect(actual, `${name} differs from its golden file (UPDATE_GOLDEN=1 refreshes it)`).toBe(
    readFileSync(file, "utf8"),
  );
}

function hasPoppler(): boolean {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const POPPLER = hasPoppler();
if (!POPPLER)
  console.warn("pdftotext is missing (Debian package poppler-utils): the PDF text checks are skipped.");

const CASES: Array<{ voice: Voice; system?: string }> = [
  { voice: "leadership" },
  { voice: "engineering" },
  { voice: "leadership", system: "support-assistant" },
  { voice: "engineering", system: "support-assistant" },
  { voice: "leadership", system: "invoice-extraction" },
];

describe.each(DIALECTS)("briefs from the demo workspace [%s]", (dialect) => {
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase(dialect));
    await seedQuestionBank(database, NOW);
    expect((await loadDemoWorkspace(database, NOW)).loaded).toBe(true);
    // The demo loads its ledger; loading it again adds nothing.
    expect(await loadDemoLedger(database, NOW)).toBe(0);
    const entries = await database.db.selectFrom("ledgerEntries").select("id").execute();
    expect(entries).toHaveLength(9);
  });
  afterAll(() => drop());

  it.each(CASES)("the $voice brief for $system reads as its golden file", async ({ voice, system }) => {
    const snapshot = await loadBriefSnapshot(database.db, { systemRef: system }, NOW);
    const brief = buildBrief(snapshot, voice);
    matchesGolden(`brief-${voice}-${system ?? "portfolio"}.md`, renderBriefMarkdown(brief));
  });

  it("a past period reads the workspace as it stood then", async () => {
    const snapshot = await loadBriefSnapshot(
      database.db,
      { systemRef: "support-assistant", from: "2026-07-01", to: "2026-07-31" },
      NOW,
    );
    const brief = buildBrief(snapshot, "leadership");
    expect(brief.asOf).toBe("2026-07-31T23:59:59.999Z");
    const markdown = renderBriefMarkdown(brief);
    // The Q3 review and its disagreement happened later; the spend acceptance was still young.
    expect(markdown).not.toContain("Q3 review");
    expect(markdown).toContain("No open disagreements");
    matchesGolden("brief-leadership-support-assistant-july.md", markdown);
  });

  it("what changed in a system since a date reads as its golden file", async () => {
    const changes = await loadChanges(
      database.db,
      { systemRef: "support-assistant", since: "2026-11-01" },
      NOW,
    );
    expect(changes.groups.map((g) => g.group)).toContain("ledger");
    matchesGolden("changes-support-assistant-since-2026-11-01.md", renderChangesMarkdown(changes));
  });

  it.runIf(POPPLER)("renders a paginated PDF that pdftotext reads", async () => {
    const dir = mkdtempSync(join(tmpdir(), "parley-pdf-"));
    try {
      for (const voice of ["leadership", "engineering"] as const) {
        const brief = buildBrief(await loadBriefSnapshot(database.db, {}, NOW), voice);
        const file = join(dir, `${voice}.pdf`);
        const started = performance.now();
        writeFileSync(file, await renderBriefPdf(brief));
        expect(performance.now() - started).toBeLessThan(10_000);
        const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
        const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
        expect(pages).toBeGreaterThanOrEqual(2);
        const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
        expect(text).toContain(`Page 1 of ${pages}`);
        for (const s of brief.sections) expect(text.replace(/\s+/g, " ")).toContain(s.title);
        if (voice === "leadership") {
          expect(text).toContain("Monthly model spend");
          expect(text).toContain("budget"); // the spend chart's label
          expect(text).toContain("Tomás Silva"); // names outside ASCII survive the embedded font
          expect(text).toMatch(/1,500–21,000 EUR/);
        } else {
          expect(text).toContain("Before Black Friday");
          expect(text).toContain("Daily values over the period");
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
