import { z } from "zod";
import { Id, IsoDateTime, RequiredText } from "./common.js";
import { Side } from "./enums.js";
import { Email, Password } from "./people.js";

/** A single-use secret from an e-mailed link (43 base64url characters today; bounded for safety). */
export const AccountToken = z
  .string()
  .trim()
  .min(20, "the link is incomplete: copy the whole link from the e-mail")
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, "the link is damaged: copy the whole link from the e-mail");

export const InvitationCreate = z.object({
  email: Email,
  name: RequiredText(200),
  side: Side,
  isAdmin: z.boolean().default(false).describe("Invite as an admin (manages people and tokens)"),
});
export type InvitationCreate = z.infer<typeof InvitationCreate>;

export const INVITATION_STATUSES = ["pending", "expired", "accepted", "revoked", "replaced"] as const;
export const InvitationStatus = z.enum(INVITATION_STATUSES);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

export const Invitation = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  side: Side,
  isAdmin: z.boolean(),
  status: InvitationStatus,
  invitedBy: z.object({ id: Id, name: z.string() }),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
  delivery: z.enum(["email", "link"]).describe("email: the link was e-mailed; link: the admin passes it on"),
  acceptedAt: IsoDateTime.nullable(),
  revokedAt: IsoDateTime.nullable(),
});
export type Invitation = z.infer<typeof Invitation>;

export const InvitationCreated = z.object({
  invitation: Invitation,
  emailed: z.boolean().describe("True when the link was e-mailed to the person"),
  acceptUrl: z
    .string()
    .nullable()
    .describe("Only when e-mail is not configured: the link to pass on yourself (shown once)"),
});
export type InvitationCreated = z.infer<typeof InvitationCreated>;

export const TokenBody = z.object({ token: AccountToken });
export type TokenBody = z.infer<typeof TokenBody>;

/** What the accept page shows before the person chooses a password. */
export const InvitationPreview = z.object({
  email: z.string(),
  name: z.string(),
  side: Side,
  isAdmin: z.boolean(),
  invitedBy: z.string().describe("Name of the admin who sent it"),
  expiresAt: IsoDateTime,
});
export type InvitationPreview = z.infer<typeof InvitationPreview>;

export const InvitationAccept = z.object({
  token: AccountToken,
  password: Password,
  name: RequiredText(200).optional().describe("Your name, if the invitation spelled it wrong"),
});
export type InvitationAccept = z.infer<typeof InvitationAccept>;

export const PasswordResetRequest = z.object({ email: Email });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

export const PasswordResetRequested = z.object({
  status: z.literal("requested"),
  message: z.string(),
});
export type PasswordResetRequested = z.infer<typeof PasswordResetRequested>;

export const PasswordResetCheck = z.object({ email: z.string(), expiresAt: IsoDateTime });
export type PasswordResetCheck = z.infer<typeof PasswordResetCheck>;

export const PasswordResetConfirm = z.object({ token: AccountToken, password: Password });
export type PasswordResetConfirm = z.infer<typeof PasswordResetConfirm>;

/** Whether this Parley can send e-mail, so the web app offers or explains e-mailed links. */
export const AccountsSettings = z.object({
  emailConfigured: z.boolean(),
  invitationDays: z.number().int(),
  passwordResetMinutes: z.number().int(),
});
export type AccountsSettings = z.infer<typeof AccountsSettings>;
