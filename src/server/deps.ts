import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from "fastify";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBody } from "../contract/common.js";
import type { SignInThrottle } from "../core/sign-in-throttle.js";
import type { Mailer } from "../mail/mailer.js";
import type { Database } from "../store/database.js";
import type { ReadCache } from "./read-cache.js";

/** A Fastify instance whose routes are typed and validated by zod schemas. */
export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What every route module needs: the database and the clock (tests move the clock). */
export interface ServerDeps {
  database: Database;
  clock: () => Date;
  secureCookies: boolean;
  /** Whole-workspace reads, refreshed after every write. */
  readCache: ReadCache;
  /** Sends e-mail (invitations, password resets); `configured` is false without PARLEY_SMTP_URL. */
  mailer: Mailer;
  /** The address in e-mailed links (PARLEY_PUBLIC_URL), never taken from a request's Host header. */
  publicUrl: () => string;
  /** Failed sign-ins per account and address; a password reset clears the account's lockout. */
  signInThrottle: SignInThrottle;
}

const DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input; error.details names the field",
  401: "Not signed in, or an unknown token",
  403: "A rule forbids this; error.code names the rule",
  404: "No such thing",
  409: "Conflicts with the current state",
  413: "Body too large",
  429: "Too many requests; see the Retry-After header",
  502: "The mail server refused the message or could not be reached (email_failed); try again",
};

/** Documented error responses for a route, all with the one error body shape. */
export function errorResponses(...statuses: number[]): Record<number, z.ZodType> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody.describe(DESCRIPTIONS[s] ?? "Error")]));
}

export const RefParams = z.object({ ref: z.string().min(1).max(100).describe("System id or key") });
export const IdParams = z.object({ id: z.string().min(1).max(100) });
export const ItemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
