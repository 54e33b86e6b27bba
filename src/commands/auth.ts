import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type {
  ApiToken,
  ApiTokenCreate,
  Person,
  SetupFirstAdmin,
  SignIn,
  TokenScope,
} from "../contract/people.js";
import { ParleyError, conflict, notFound } from "../core/errors.js";
import type { Actor } from "../core/people.js";
import { appendAudit } from "../store/audit.js";
import { inTransaction, type Database } from "../store/database.js";
import { actorOf, countPeople, findPersonByEmail, presentPerson } from "../store/people.js";
import { jsonList } from "../store/rows.js";
import type { ApiTokensTable } from "../store/schema.js";
import { newId, type CommandContext } from "./context.js";

export const SESSION_DAYS = 14;
export const TOKEN_PREFIX = "pk_";

/** argon2id with the library's defaults (19 MiB, 2 passes), the OWASP baseline. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function secret(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** Creates the first admin of an empty workspace; refuses once anyone exists. */
export async function setupFirstAdmin(
  database: Database,
  input: SetupFirstAdmin,
  now: Date,
): Promise<Person> {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(database.db, async (tx) => {
    const n = await tx
      .selectFrom("people")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    if (Number(n.n) > 0) {
      throw conflict(
        "already_set_up",
        "This workspace already has an admin. Sign in instead, or ask an admin to invite you.",
      );
    }
    const row = {
      id: newId(),
      email: input.email,
      name: input.name,
      side: input.side,
      isAdmin: 1,
      passwordHash,
      disabled: 0,
      createdAt: now.toISOString(),
    };
    await tx.insertInto("people").values(row).execute();
    await appendAudit(tx, {
      at: row.createdAt,
      actorId: row.id,
      systemId: null,
      entity: "person",
      entityId: row.id,
      action: "setup",
      summary: `${row.name} set up the workspace as its first admin`,
      after: presentPerson(row),
    });
    return presentPerson(row);
  });
}

export async function needsSetup(database: Database): Promise<boolean> {
  return (await countPeople(database.db)) === 0;
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword("parley-timing-equaliser");
  return dummy;
}

const BAD_SIGN_IN = () =>
  new ParleyError(
    "unauthenticated",
    "invalid_credentials",
    "That e-mail and password do not match an account. Check both and try again.",
  );

export interface SignedIn {
  person: Person;
  sessionToken: string;
  expiresAt: string;
}

/** Checks the password and opens a new session (a fresh token on every sign-in). */
export async function signIn(database: Database, input: SignIn, now: Date): Promise<SignedIn> {
  const row = await findPersonByEmail(database.db, input.email);
  if (!row || row.disabled) {
    // Spend comparable time so response timing does not reveal which e-mails exist.
    await verify(await dummyHash(), input.password);
    throw BAD_SIGN_IN();
  }
  if (!(await verify(row.passwordHash, input.password))) throw BAD_SIGN_IN();
  const sessionToken = secret();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
  await database.db
    .insertInto("sessions")
    .values({ idHash: sha256(sessionToken), personId: row.id, createdAt: now.toISOString(), expiresAt })
    .execute();
  return { person: presentPerson(row), sessionToken, expiresAt };
}

export async function signOut(database: Database, sessionToken: string): Promise<void> {
  await database.db.deleteFrom("sessions").where("idHash", "=", sha256(sessionToken)).execute();
}

/** The person behind a session cookie, or null when it is unknown, expired or the person is disabled. */
export async function resolveSession(
  database: Database,
  sessionToken: string,
  now: Date,
): Promise<Actor | null> {
  const row = await database.db
    .selectFrom("sessions")
    .innerJoin("people", "people.id", "sessions.personId")
    .selectAll("people")
    .select("sessions.expiresAt")
    .where("sessions.idHash", "=", sha256(sessionToken))
    .executeTakeFirst();
  if (!row || row.expiresAt <= now.toISOString() || row.disabled) return null;
  return actorOf(row);
}

function presentToken(row: ApiTokensTable): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scopes: jsonList<TokenScope>(row.scopes),
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
  };
}

/** Creates a token for scripts; the secret is returned once and only its hash is kept. */
export async function createApiToken(
  ctx: CommandContext,
  input: ApiTokenCreate,
): Promise<ApiToken & { token: string }> {
  const token = secret(TOKEN_PREFIX);
  const row: ApiTokensTable = {
    id: newId(),
    personId: ctx.actor.id,
    name: input.name,
    tokenHash: sha256(token),
    scopes: JSON.stringify(input.scopes),
    createdAt: ctx.now.toISOString(),
    expiresAt: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
    revokedAt: null,
    lastUsedAt: null,
  };
  await inTransaction(ctx.database.db, async (tx) => {
    await tx.insertInto("apiTokens").values(row).execute();
    await appendAudit(tx, {
      at: row.createdAt,
      actorId: ctx.actor.id,
      systemId: null,
      entity: "api_token",
      entityId: row.id,
      action: "create",
      summary: `${ctx.actor.name} created API token "${row.name}"`,
      after: presentToken(row),
    });
  });
  return { ...presentToken(row), token };
}

export async function listApiTokens(ctx: CommandContext): Promise<ApiToken[]> {
  const rows = await ctx.database.db
    .selectFrom("apiTokens")
    .selectAll()
    .where("personId", "=", ctx.actor.id)
    .orderBy("createdAt", "desc")
    .execute();
  return rows.map(presentToken);
}

export async function revokeApiToken(ctx: CommandContext, id: string): Promise<ApiToken> {
  return inTransaction(ctx.database.db, async (tx) => {
    const row = await tx
      .selectFrom("apiTokens")
      .selectAll()
      .where("id", "=", id)
      .where("personId", "=", ctx.actor.id)
      .executeTakeFirst();
    if (!row) throw notFound("api_token", id);
    const revokedAt = row.revokedAt ?? ctx.now.toISOString();
    await tx.updateTable("apiTokens").set({ revokedAt }).where("id", "=", id).execute();
    await appendAudit(tx, {
      at: ctx.now.toISOString(),
      actorId: ctx.actor.id,
      systemId: null,
      entity: "api_token",
      entityId: id,
      action: "revoke",
      summary: `${ctx.actor.name} revoked API token "${row.name}"`,
    });
    return presentToken({ ...row, revokedAt });
  });
}

export interface TokenIdentity {
  actor: Actor;
  scopes: TokenScope[];
}

/** The person and scopes behind a bearer token, or null when unknown, expired or revoked. */
export async function resolveApiToken(
  database: Database,
  token: string,
  now: Date,
): Promise<TokenIdentity | null> {
  const row = await database.db
    .selectFrom("apiTokens")
    .innerJoin("people", "people.id", "apiTokens.personId")
    .selectAll("people")
    .select([
      "apiTokens.id as tokenId",
      "apiTokens.scopes",
      "apiTokens.expiresAt",
      "apiTokens.revokedAt",
      "apiTokens.lastUsedAt",
    ])
    .where("apiTokens.tokenHash", "=", sha256(token))
    .executeTakeFirst();
  if (!row || row.revokedAt || row.disabled) return null;
  if (row.expiresAt && row.expiresAt <= now.toISOString()) return null;
  // Record use at most once a minute: a write on every request would serialise all API traffic.
  if (!row.lastUsedAt || Date.parse(row.lastUsedAt) < now.getTime() - 60_000) {
    await database.db
      .updateTable("apiTokens")
      .set({ lastUsedAt: now.toISOString() })
      .where("id", "=", row.tokenId)
      .execute();
  }
  return { actor: actorOf(row), scopes: jsonList<TokenScope>(row.scopes) };
}
