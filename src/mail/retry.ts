import { MailError, type MailMessage, type Mailer } from "./mailer.js";

export interface RetryOptions {
  /** Attempts in all, the first included (default 3). */
  attempts?: number;
  /** Wait before the second attempt; doubles after each (default 2 s). */
  firstDelayMs?: number;
}

/**
 * Sends a message, trying again after transient failures (4xx replies, connection problems) with
 * doubling waits. Permanent failures and the last transient one are thrown as the MailError.
 */
export async function sendWithRetries(
  mailer: Mailer,
  message: MailMessage,
  options: RetryOptions = {},
): Promise<{ messageId: string; attempts: number }> {
  const attempts = Math.max(1, options.attempts ?? 3);
  let delay = options.firstDelayMs ?? 2_000;
  for (let attempt = 1; ; attempt++) {
    try {
      const sent = await mailer.sendMail(message);
      return { ...sent, attempts: attempt };
    } catch (err) {
      if (!(err instanceof MailError) || !err.transient || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay *= 2;
    }
  }
}
