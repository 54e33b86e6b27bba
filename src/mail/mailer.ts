import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport/index.js";

/** One e-mail to send. `text` is always required so every message reads in any client. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
}

/**
 * Sends e-mail. The server builds one from the environment (mailerFromEnv) and passes it to the
 * routes; tests pass one pointed at a local SMTP receiver.
 */
export interface Mailer {
  /** False when no SMTP server is configured: sendMail then always throws `email_not_configured`. */
  readonly configured: boolean;
  /** The From address, e.g. `Parley <parley@example.com>`. */
  readonly from: string;
  /** Resolves once the SMTP server accepted the message; throws a MailError otherwise. */
  sendMail(message: MailMessage): Promise<{ messageId: string }>;
  /** Closes pooled connections (none are kept today; safe to call twice). */
  close(): void;
}

export type MailErrorCode = "email_not_configured" | "email_failed";

/**
 * Why a message was not sent. `transient` says whether trying again later may work: connection
 * problems and SMTP 4xx replies are transient; 5xx replies and a missing configuration are not.
 */
export class MailError extends Error {
  constructor(
    readonly code: MailErrorCode,
    message: string,
    readonly transient: boolean,
    /** The SMTP reply code when the server answered (e.g. 451, 550). */
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = "MailError";
  }
}

export const DEFAULT_MAIL_FROM = "Parley <parley@localhost>";

export interface SmtpMailerOptions {
  /** smtp://user:pass@host:port or smtps://user:pass@host:port */
  url: string;
  from?: string;
  /** Give up on an unresponsive server after this long (default 15 s). */
  timeoutMs?: number;
}

/** Environment variables the mailer reads. */
export interface MailEnv {
  PARLEY_SMTP_URL?: string | undefined;
  PARLEY_MAIL_FROM?: string | undefined;
}

/** A mailer from PARLEY_SMTP_URL and PARLEY_MAIL_FROM; without a URL, one that is not configured. */
export function mailerFromEnv(env: MailEnv = process.env): Mailer {
  const from = env.PARLEY_MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
  const url = env.PARLEY_SMTP_URL?.trim();
  if (!url) return unconfiguredMailer(from);
  return smtpMailer({ url, from });
}

/** A mailer that refuses every message with `email_not_configured`. */
export function unconfiguredMailer(from: string = DEFAULT_MAIL_FROM): Mailer {
  return {
    configured: false,
    from,
    sendMail: () =>
      Promise.reject(
        new MailError(
          "email_not_configured",
          "E-mail is not configured. Set PARLEY_SMTP_URL (smtp://user:pass@host:587) and restart Parley.",
          false,
        ),
      ),
    close: () => undefined,
  };
}

/** Checks an SMTP URL and returns it parsed; throws a plain Error naming the problem. */
export function parseSmtpUrl(url: string): URL {
  if (!URL.canParse(url)) {
    throw new Error(
      `PARLEY_SMTP_URL is not a URL. Use smtp://user:pass@host:587 or smtps://user:pass@host:465.`,
    );
  }
  const parsed = new URL(url);
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") {
    throw new Error(
      `PARLEY_SMTP_URL must start with smtp:// or smtps:// (it starts with ${parsed.protocol}//).`,
    );
  }
  if (!parsed.hostname) throw new Error("PARLEY_SMTP_URL names no host. Use smtp://user:pass@host:587.");
  return parsed;
}

/** A mailer over one SMTP server (nodemailer); a fresh connection per message, no pool. */
export function smtpMailer(options: SmtpMailerOptions): Mailer {
  const url = parseSmtpUrl(options.url);
  const from = options.from ?? DEFAULT_MAIL_FROM;
  const timeout = options.timeoutMs ?? 15_000;
  const transportOptions: SMTPTransport.Options = {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : url.protocol === "smtps:" ? 465 : 587,
    secure: url.protocol === "smtps:",
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    ...(url.username && {
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    }),
  };
  const transport = nodemailer.createTransport(transportOptions);
  const where = `${url.hostname}:${transportOptions.port}`;
  return {
    configured: true,
    from,
    async sendMail(message) {
      try {
        const info = await transport.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html !== undefined && { html: message.html }),
          ...(message.headers && { headers: message.headers }),
        });
        return { messageId: info.messageId };
      } catch (err) {
        throw mailErrorFrom(err, where);
      }
    },
    close: () => transport.close(),
  };
}

interface NodemailerFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** Turns whatever nodemailer threw into a MailError that says whether a retry may help. */
export function mailErrorFrom(err: unknown, where: string): MailError {
  const failure = (typeof err === "object" && err !== null ? err : {}) as NodemailerFailure;
  const responseCode = typeof failure.responseCode === "number" ? failure.responseCode : undefined;
  if (responseCode !== undefined) {
    const transient = responseCode >= 400 && responseCode < 500;
    const reply = (failure.response ?? failure.message ?? "").replace(/\s+/g, " ").slice(0, 200);
    return new MailError(
      "email_failed",
      `The mail server at ${where} refused the message (${reply || responseCode}).${transient ? " Try again in a few minutes." : " Check the address and the mail server settings."}`,
      transient,
      responseCode,
    );
  }
  if (failure.code === "EAUTH") {
    return new MailError(
      "email_failed",
      `The mail server at ${where} did not accept Parley's user name and password. Check PARLEY_SMTP_URL.`,
      false,
    );
  }
  if (failure.code === "EENVELOPE") {
    return new MailError(
      "email_failed",
      `The message has no valid recipient or sender address (${failure.message ?? "envelope refused"}).`,
      false,
    );
  }
  return new MailError(
    "email_failed",
    `Could not reach the mail server at ${where} (${failure.code ?? failure.message ?? "unknown error"}). Try again in a few minutes.`,
    true,
  );
}
