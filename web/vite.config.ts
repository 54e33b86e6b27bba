import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

// The web app lives in web/ and builds to web/dist, which the Parley server serves at / with an
// SPA fallback. In development, `vite --config web/vite.config.ts` proxies /api to a running server
// (PARLEY_API_URL, default http://127.0.0.1:7310) so cookies stay same-origin.
const apiTarget = process.env.PARLEY_API_URL ?? "http://127.0.0.1:7310";

/**
 * Writes a .br and a .gz beside every text file of the build, compressed once at the highest
 * levels: the server sends them to browsers that accept them (@fastify/static preCompressed), so
 * the app's ~490 KB of JavaScript travels as ~120 KB and costs no CPU per request.
 */
function precompress(): Plugin {
  let outDir = "";
  return {
    name: "parley-precompress",
    apply: "build",
    configResolved(config) {
      outDir = config.build.outDir.startsWith("/")
        ? config.build.outDir
        : join(config.root, config.build.outDir);
    },
    closeBundle() {
      const visit = (dir: string) => {
        for (const name of readdirSync(dir)) {
          const path = join(dir, name);
          if (statSync(path).isDirectory()) visit(path);
          else if (/\.(js|css|html|svg|json|txt)$/.test(name) && statSync(path).size >= 1024) {
            const body = readFileSync(path);
            writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
            writeFileSync(
              `${path}.br`,
              brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
            );
          }
        }
      };
      visit(outDir);
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react(), precompress()],
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
