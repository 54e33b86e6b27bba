import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web app lives in web/ and builds to web/dist, which the Parley server serves at / with an
// SPA fallback. In development, `vite --config web/vite.config.ts` proxies /api to a running server
// (PARLEY_API_URL, default http://127.0.0.1:7310) so cookies stay same-origin.
const apiTarget = process.env.PARLEY_API_URL ?? "http://127.0.0.1:7310";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
  },
  server: {
    proxy: { "/api": { target: apiTarget, changeOrigin: false } },
  },
});
