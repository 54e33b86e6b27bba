// Starts ./detect-worker.ts when Parley runs from its TypeScript sources (tests, benchmarks, tsx):
// a worker thread does not inherit the parent's tsx loader, so it registers its own first.
// The built server (dist/) starts detect-worker.js directly and never loads this file.
import { register } from "tsx/esm/api";

register();
await import("./detect-worker.ts");
