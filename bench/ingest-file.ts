// Streams a large NDJSON file through `parley ingest` and reports throughput and the CLI's peak
// RSS, sampled from /proc, against the file size: memory must stay flat however big the file.
// Run: npx tsx bench/ingest-file.ts [--mb 1024]
import { spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupFirstAdmin } from "../src/commands/auth.js";
import { createSignal } from "../src/commands/signals.js";
import { createSystem } from "../src/commands/systems.js";
import { migrateToLatest, openDatabase } from "../src/store/database.js";

const args = process.argv.slice(2);
const mbIndex = args.indexOf("--mb");
const MB = mbIndex >= 0 ? Number(args[mbIndex + 1]) : 1024;
const dir = mkdtempSync(join(tmpdir(), "parley-file-"));
const file = join(dir, "points.ndjson");
const db = join(dir, "parley.db");

try {
  const out = createWriteStream(file);
  const start = Date.UTC(2020, 0, 1);
  let written = 0;
  let i = 0;
  while (written < MB * 1_048_576) {
    let chunk = "";
    for (let k = 0; k < 10_000; k++, i++)
      chunk += `{"t":${start + i * 1000},"v":${(i % 977) / 10},"source":"bench"}\n`;
    written += chunk.length;
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");

  const database = openDatabase(db);
  await migrateToLatest(database);
  const now = new Date();
  const admin = await setupFirstAdmin(
    database,
    { name: "B", email: "b@example.com", side: "engineering", password: "bench-password-1" },
    now,
  );
  const ctx = { database, actor: { id: admin.id, name: "B", side: admin.side, isAdmin: true }, now };
  await createSystem(ctx, {
    key: "bench",
    name: "Bench",
    purpose: "",
    expectedOutcome: "",
    valueEstimate: null,
    targetDate: null,
    stage: "idea",
    leadershipOwnerId: null,
    engineeringOwnerId: null,
    models: [],
    dataSources: [],
    dependencies: [],
    usersReached: "internal",
    scaleNow: "",
    scalePlanned: "",
  });
  await createSignal(ctx, "bench", {
    key: "v",
    name: "V",
    kind: "custom",
    unit: "",
    direction: "higher_is_worse",
    aggregation: "mean",
    quantile: null,
    description: "",
  });
  await database.close();

  const began = performance.now();
  const child = spawn(
    process.execPath,
    ["bin/parley.js", "-d", db, "ingest", file, "--signal", "bench/v", "--json"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let peak = 0;
  const sampler = setInterval(() => {
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (rss) peak = Math.max(peak, Number(rss[1]) * 1024);
    } catch {
      /* the process has exited */
    }
  }, 100);
  let stdout = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  await once(child, "exit");
  clearInterval(sampler);
  const seconds = (performance.now() - began) / 1000;
  const result = JSON.parse(stdout) as { accepted: number; rejected: number };
  const size = statSync(file).size;
  console.log("| file MB | points | rejected | seconds | points/s | peak RSS MB | RSS / file size |");
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  console.log(
    `| ${(size / 1_048_576).toFixed(0)} | ${result.accepted.toLocaleString("en")} | ${result.rejected} | ${seconds.toFixed(1)} | ${Math.round(result.accepted / seconds).toLocaleString("en")} | ${(peak / 1_048_576).toFixed(0)} | ${(peak / size).toFixed(3)} |`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
