// Gzipped size of the JavaScript the web app loads first (the scripts index.html references),
// against the 250 KB target.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const dist = new URL("../web/dist/", import.meta.url).pathname;
const html = readFileSync(join(dist, "index.html"), "utf8");
const scripts = [
  ...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/?([^"]+\.js)"/g),
].map((m) => m[1]);
let raw = 0;
let gz = 0;
for (const file of scripts) {
  const bytes = readFileSync(join(dist, file));
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
}
const kb = (n) => (n / 1024).toFixed(1);
console.log("| initial JS files | raw KB | gzipped KB | target KB | ratio to target |");
console.log("| ---: | ---: | ---: | ---: | ---: |");
console.log(`| ${scripts.length} | ${kb(raw)} | ${kb(gz)} | 250 | ${(gz / 1024 / 250).toFixed(2)} |`);
