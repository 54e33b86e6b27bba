// Starts a real Parley server as a child process (`parley serve`) on a free port with a throwaway
// SQLite database, exactly as a user would run it. Needs `npm run build` first (the test command
// builds before running the browser tests).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../../..");
const BIN = join(ROOT, "bin/parley.js");

export const DEMO_PASSWORD = "parley-demo-2026";
/** Demo accounts loaded by `parley serve --demo`. */
export const LEADER = { email: "maya@example.com", name: "Maya Okafor", side: "leadership" } as const;
export const ENGINEER = { email: "priya@example.com", name: "Priya Raman", side: "engineering" } as const;

export interface RunningParley {
  url: string;
  stop: () => Promise<void>;
}

export async function startParley(options: {
  demo: boolean;
  /** Extra environment for the server, e.g. PARLEY_WORKSPACE_NAME. */
  env?: Record<string, string>;
}): Promise<RunningParley> {
  if (!existsSync(join(ROOT, "dist/cli/main.js")) || !existsSync(join(ROOT, "web/dist/index.html"))) {
    throw new Error("Parley is not built: run `npm run build` before the browser tests.");
  }
  const dir = mkdtempSync(join(tmpdir(), "parley-e2e-"));
  const args = [BIN, "serve", "--port", "0", "--host", "127.0.0.1", ...(options.demo ? ["--demo"] : [])];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      ...options.env,
      PARLEY_DATABASE: join(dir, "parley.db"),
      PARLEY_LOG_LEVEL: "error",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`Parley did not start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at https?:\/\/[^:\s]+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Parley exited with code ${code} before it was ready:\n${output}`));
    });
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once("exit", done));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
