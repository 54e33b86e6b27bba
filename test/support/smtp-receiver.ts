import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

/** One message the receiver accepted, parsed. */
export interface ReceivedMail {
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** Envelope recipients (RCPT TO), lower-cased as sent. */
  to: string[];
  /** The From header as text, e.g. `Parley <parley@localhost>`. */
  fromHeader: string;
  subject: string;
  text: string;
  html: string | undefined;
  /** Header names lower-cased; values as text. */
  headers: Record<string, string>;
  messageId: string | undefined;
  /** The user name the client signed in with, when it did. */
  user: string | undefined;
  receivedAt: Date;
}

export interface SmtpReceiverOptions {
  /** Port to listen on (default 0: any free port). */
  port?: number;
}

/** A refusal the receiver answers with, e.g. 451 (try later) or 550 (mailbox unavailable). */
export interface SmtpRefusal {
  code: number;
  message?: string;
}

/**
 * A real SMTP server on 127.0.0.1 for tests: no TLS, authentication optional (any user name and
 * password is accepted), every message parsed with mailparser. `failNext` makes the next N
 * deliveries fail with an SMTP reply code, for retry and error-path tests.
 */
export class SmtpReceiver {
  readonly messages: ReceivedMail[] = [];
  private refusals: SmtpRefusal[] = [];
  private waiters = new Set<() => void>();

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  /** Starts a receiver; close it in afterAll. */
  static async start(options: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
    // onData needs the receiver, which needs the listening server: filled in below.
    const ready: { receiver?: SmtpReceiver } = {};
    const server = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      banner: "Parley test receiver",
      onAuth(auth, _session, callback) {
        callback(null, { user: auth.username ?? "anonymous" });
      },
      onData(stream, session, callback) {
        if (!ready.receiver) {
          stream.resume();
          callback(new Error("receiver is not ready"));
          return;
        }
        ready.receiver.receive(stream, session, callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    // An SMTP client that disconnects abruptly must not crash the test process.
    server.on("error", () => undefined);
    const port = (server.server.address() as AddressInfo).port;
    ready.receiver = new SmtpReceiver(server, port);
    return ready.receiver;
  }

  /** smtp://127.0.0.1:<port>, ready for PARLEY_SMTP_URL. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /**
   * Refuses the next `count` messages with `code` (4xx: try later; 5xx: permanent). Calls stack:
   * failNext(1, 451) then failNext(1, 550) refuses with 451 first, then 550.
   */
  failNext(count: number, code = 451, message?: string): void {
    for (let i = 0; i < count; i++) this.refusals.push({ code, ...(message !== undefined && { message }) });
  }

  /** Messages sent to this address (case-insensitive). */
  messagesTo(address: string): ReceivedMail[] {
    const wanted = address.toLowerCase();
    return this.messages.filter((m) => m.to.some((to) => to.toLowerCase() === wanted));
  }

  /** Resolves with the first message (already received or arriving) that matches; rejects after timeoutMs. */
  waitFor(predicate: (mail: ReceivedMail) => boolean = () => true, timeoutMs = 5_000): Promise<ReceivedMail> {
    const found = this.messages.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = this.messages.find(predicate);
        if (!match) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(match);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(
            `No matching e-mail arrived within ${timeoutMs} ms (${this.messages.length} received: ${this.messages.map((m) => `"${m.subject}" to ${m.to.join(",")}`).join("; ") || "none"}).`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Forgets received messages and pending refusals. */
  clear(): void {
    this.messages.length = 0;
    this.refusals = [];
  }

  /** Stops listening and drops open connections. */
  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private receive(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (err?: Error | null, message?: string) => void,
  ): void {
    const refusal = this.refusals.shift();
    if (refusal) {
      stream.on("end", () => {
        const err = new Error(
          refusal.message ?? `Refused by the test receiver (${refusal.code})`,
        ) as Error & {
          responseCode: number;
        };
        err.responseCode = refusal.code;
        callback(err);
      });
      stream.resume();
      return;
    }
    simpleParser(stream)
      .then((parsed) => {
        const headers: Record<string, string> = {};
        for (const line of parsed.headerLines) {
          headers[line.key.toLowerCase()] = line.line.slice(line.line.indexOf(":") + 1).trim();
        }
        const mailFrom = session.envelope.mailFrom;
        this.messages.push({
          from: mailFrom ? mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          fromHeader: parsed.from?.text ?? "",
          subject: parsed.subject ?? "",
          text: parsed.text ?? "",
          html: typeof parsed.html === "string" ? parsed.html : undefined,
          headers,
          messageId: parsed.messageId,
          user: session.user,
          receivedAt: new Date(),
        });
        callback();
        for (const waiter of [...this.waiters]) waiter();
      })
      .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
  }
}

/** Starts a receiver (shorthand for SmtpReceiver.start). */
export function startSmtpReceiver(options: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
  return SmtpReceiver.start(options);
}
