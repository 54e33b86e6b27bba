import { z } from "zod";
import { Id, IsoDateTime, RequiredText } from "./common.js";
import { Side } from "./enums.js";

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("enter an e-mail address such as ada@example.com"));

export const Password = z.string().min(10, "use at least 10 characters").max(200);

export const Person = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  side: Side,
  isAdmin: z.boolean(),
  createdAt: IsoDateTime,
  disabled: z.boolean(),
});
export type Person = z.infer<typeof Person>;

export const PersonCreate = z.object({
  name: RequiredText(200),
  email: Email,
  side: Side,
  isAdmin: z.boolean().default(false),
  password: Password.describe("Initial password; the person can change it later"),
});
export type PersonCreate = z.infer<typeof PersonCreate>;

export const PersonUpdate = z
  .object({
    name: RequiredText(200),
    side: Side,
    isAdmin: z.boolean(),
    disabled: z.boolean(),
  })
  .partial();
export type PersonUpdate = z.infer<typeof PersonUpdate>;

export const PeopleQuery = z.object({
  side: Side.optional(),
  q: z.string().max(200).optional().describe("Search in name and e-mail"),
});

export const SignIn = z.object({ email: Email, password: z.string().min(1).max(200) });
export type SignIn = z.infer<typeof SignIn>;

export const SetupFirstAdmin = z.object({
  name: RequiredText(200),
  email: Email,
  side: Side,
  password: Password,
});
export type SetupFirstAdmin = z.infer<typeof SetupFirstAdmin>;

export const SessionInfo = z.object({
  person: Person,
  via: z.enum(["session", "token"]),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const SetupStatus = z.object({ needsSetup: z.boolean() });

export const TOKEN_SCOPES = ["read", "write", "ingest", "admin"] as const;
export const TokenScope = z.enum(TOKEN_SCOPES);
export type TokenScope = z.infer<typeof TokenScope>;

export const ApiTokenCreate = z.object({
  name: RequiredText(100),
  scopes: z.array(TokenScope).min(1).default(["read", "write"]),
  expiresAt: IsoDateTime.optional(),
});
export type ApiTokenCreate = z.infer<typeof ApiTokenCreate>;

export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  scopes: z.array(TokenScope),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime.nullable(),
  revokedAt: IsoDateTime.nullable(),
  lastUsedAt: IsoDateTime.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenCreated = ApiToken.extend({
  token: z.string().describe("The secret. Shown once; store it now."),
});
