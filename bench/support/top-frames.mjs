// Summarises V8 CPU profiles (node --cpu-prof) by self time, so a profile can be read in a terminal.
// Run: node bench/support/top-frames.mjs PROFILE.cpuprofile [...more] [--top 25] [--total]
//   --total  also ranks frames by inclusive time (self + everything they call)
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const topIndex = args.indexOf("--top");
const TOP = topIndex >= 0 ? Number(args[topIndex + 1]) : 25;
const withTotal = args.includes("--total");
const files = args.filter((a, i) => !a.startsWith("--") && (topIndex < 0 || i !== topIndex + 1));

const self = new Map();
const total = new Map();
let sampled = 0;
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => {
    const f = n.callFrame;
    const where = f.url
      ? `${f.url.replace(/^.*\/(node_modules|src|bench)\//, "$1/")}:${f.lineNumber + 1}`
      : "";
    return `${f.functionName || "(anonymous)"} ${where}`.trim();
  };
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    sampled += ms;
    let node = nodes.get(profile.samples[i]);
    const key = name(node);
    self.set(key, (self.get(key) ?? 0) + ms);
    if (!withTotal) continue;
    const seen = new Set();
    while (node) {
      const k = name(node);
      if (!seen.has(k)) {
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + ms);
      }
      node = nodes.get(parent.get(node.id));
    }
  }
}
const print = (title, map) => {
  console.log(`\n${title} (of ${sampled.toFixed(0)} ms sampled)`);
  for (const [k, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, TOP))
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / sampled).toFixed(1).padStart(5)}%  ${k}`);
};
print("Self time", self);
if (withTotal) print("Total time", total);
