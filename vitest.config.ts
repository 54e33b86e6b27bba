import { defineConfig } from "vitest/config";

// Unit tests sit beside the code (src/**/*.test.ts, and web/src/**/*.test.ts for the web app's
// pure modules); integration tests that need a running database or server live in
// test/integration. Browser tests have their own config (vitest.e2e.config.ts) because they need a
// built web app and Chromium.
export default defineConfig({
  test: {
    include: [
      "src/**/*.test.ts",
      "web/src/**/*.test.ts",
      "test/integration/**/*.test.ts",
      "test/security/**/*.test.ts",
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
