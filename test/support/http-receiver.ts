import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the receiver got. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: Date;
}

/** What the receiver answers on a path: a status, optional headers and body. */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A real HTTP server on 127.0.0.1 for webhook tests. Every request is recorded; each path answers
 * 200 unless told otherwise with `answer(path, ...)` (a queue: the last answer repeats).
 */
export class HttpReceiver {
  readonly requests: ReceivedRequest[] = [];
  private answers = new Map<string, Answer[]>();
  private waiters = new Set<() => void>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<HttpReceiver> {
    const ready: { receiver?: HttpReceiver } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const receiver = ready.receiver!;
        const path = req.url ?? "/";
        receiver.requests.push({
          method: req.method ?? "",
          path,
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          at: new Date(),
        });
        const queue = receiver.answers.get(path);
        const answer =
          queue && queue.length > 1 ? queue.shift()! : (queue?.[0] ?? { status: 200, body: "ok" });
        res.writeHead(answer.status, answer.headers ?? { "content-type": "text/plain" });
        res.end(answer.body ?? "");
        for (const wake of receiver.waiters) wake();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    ready.receiver = new HttpReceiver(server, `http://127.0.0.1:${port}`);
    return ready.receiver;
  }

  /** Answers on `path` with these, in order; the last one repeats. */
  answer(path: string, ...answers: Answer[]): void {
    this.answers.set(path, answers);
  }

  on(path: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** Resolves once `predicate` holds, or rejects after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    if (predicate()) return;
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(
          new Error(
            `HTTP receiver: condition not met within ${timeoutMs} ms (${this.requests.length} requests)`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(wake);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
