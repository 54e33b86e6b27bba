import {
  AccountsSettings,
  Invitation,
  InvitationAccept,
  InvitationCreate,
  InvitationCreated,
  InvitationPreview,
  PasswordResetCheck,
  PasswordResetConfirm,
  PasswordResetRequest,
  PasswordResetRequested,
  TokenBody,
} from "../../contract/accounts.js";
import { SessionInfo } from "../../contract/people.js";
import {
  INVITATION_DAYS,
  PASSWORD_RESET_MINUTES,
  acceptInvitation,
  checkPasswordReset,
  confirmPasswordReset,
  invitePerson,
  listInvitations,
  passwordResetMessage,
  previewInvitation,
  requestPasswordReset,
  revokeInvitation,
} from "../../commands/accounts.js";
import { ParleyError, conflict, upstream } from "../../core/errors.js";
import { SignInThrottle } from "../../core/sign-in-throttle.js";
import { sendWithRetries } from "../../mail/retry.js";
import { contextFor, setSessionCookie } from "../auth.js";
import { errorResponses, IdParams, ItemsOf, type App, type ServerDeps } from "../deps.js";

/** Reset requests per address and per client within an hour: enough for typos, too few to spam. */
export const RESET_REQUESTS_PER_EMAIL = 3;
export const RESET_REQUESTS_PER_CLIENT = 20;

const REQUESTED: PasswordResetRequested = {
  status: "requested",
  message:
    "If an account uses that address, a link to choose a new password is on its way. It works for 60 minutes. Check your spam folder if nothing arrives in a few minutes.",
};

export function registerAccountRoutes(app: App, deps: ServerDeps): void {
  const { database, clock } = deps;
  const resetThrottle = new SignInThrottle(RESET_REQUESTS_PER_EMAIL, RESET_REQUESTS_PER_CLIENT, 60 * 60_000);

  app.get("/api/v1/accounts/settings", {
    schema: {
      tags: ["identity"],
      summary: "Whether Parley can send e-mail (invitations and password resets), and how long links work",
      security: [],
      response: { 200: AccountsSettings },
    },
    handler: async () => ({
      emailConfigured: deps.mailer.configured,
      invitationDays: INVITATION_DAYS,
      passwordResetMinutes: PASSWORD_RESET_MINUTES,
    }),
  });

  app.get("/api/v1/invitations", {
    schema: {
      tags: ["identity"],
      summary: "Invitations nobody has accepted yet, pending or expired (admin)",
      response: { 200: ItemsOf(Invitation), ...errorResponses(401, 403) },
    },
    handler: async (req) => ({ items: await listInvitations(contextFor(req, database, clock, "admin")) }),
  });

  app.post("/api/v1/invitations", {
    schema: {
      tags: ["identity"],
      summary:
        "Invite someone by e-mail (admin). Inviting the same address again replaces the earlier link. Without e-mail configured, the response carries the link to pass on.",
      body: InvitationCreate,
      response: { 201: InvitationCreated, ...errorResponses(400, 401, 403, 409, 502) },
    },
    handler: async (req, reply) => {
      const ctx = contextFor(req, database, clock, "admin");
      const result = await invitePerson(ctx, req.body, { mailer: deps.mailer, publicUrl: deps.publicUrl() });
      if (result.emailError) {
        req.log.warn({ err: result.emailError }, "invitation e-mail failed");
        // The invitation is committed; only the e-mail failed, so the caller can send it again.
        throw upstream(
          "email_failed",
          `The invitation for ${result.invitation.email} is saved, but the e-mail could not be sent: ${result.emailError.message} Send it again from the pending invitations, or withdraw it.`,
          {
            invitationId: result.invitation.id,
            transient: result.emailError.transient,
            ...(result.emailError.responseCode !== undefined && { smtpCode: result.emailError.responseCode }),
          },
        );
      }
      return reply.status(201).send({
        invitation: result.invitation,
        emailed: result.emailed,
        acceptUrl: result.acceptUrl,
      });
    },
  });

  app.delete("/api/v1/invitations/:id", {
    schema: {
      tags: ["identity"],
      summary: "Withdraw an invitation so its link stops working (admin)",
      params: IdParams,
      response: { 200: Invitation, ...errorResponses(401, 403, 404, 409) },
    },
    handler: async (req) => revokeInvitation(contextFor(req, database, clock, "admin"), req.params.id),
  });

  app.post("/api/v1/invitations/preview", {
    schema: {
      tags: ["identity"],
      summary: "What an invitation link is for (name, side, who sent it), or why it no longer works",
      security: [],
      body: TokenBody,
      response: { 200: InvitationPreview, ...errorResponses(400, 404, 409) },
    },
    handler: async (req) => previewInvitation(database, req.body.token, clock()),
  });

  app.post("/api/v1/invitations/accept", {
    schema: {
      tags: ["identity"],
      summary:
        "Accept an invitation: choose a password, join the workspace and sign in (sets the session cookie)",
      security: [],
      body: InvitationAccept,
      response: { 201: SessionInfo, ...errorResponses(400, 404, 409) },
    },
    handler: async (req, reply) => {
      const signedIn = await acceptInvitation(database, req.body, clock());
      setSessionCookie(reply, signedIn.sessionToken, deps.secureCookies);
      return reply.status(201).send({ person: signedIn.person, via: "session" as const });
    },
  });

  app.post("/api/v1/auth/password-reset", {
    schema: {
      tags: ["identity"],
      summary:
        "E-mail a single-use link to choose a new password. Answers the same whether or not the address has an account.",
      security: [],
      body: PasswordResetRequest,
      response: { 202: PasswordResetRequested, ...errorResponses(400, 409, 429) },
    },
    handler: async (req, reply) => {
      if (!deps.mailer.configured) {
        throw conflict(
          "email_not_configured",
          "This Parley cannot send e-mail, so passwords cannot be reset by e-mail. Ask an admin to invite you again, which lets you choose a new password.",
        );
      }
      const now = clock();
      try {
        resetThrottle.check(req.body.email, req.ip, now.getTime());
      } catch (err) {
        if (!(err instanceof ParleyError)) throw err;
        throw new ParleyError(
          "rate_limited",
          "too_many_reset_requests",
          "Too many password reset requests. Check your inbox (and spam folder) for the links already sent, or try again later.",
          err.details,
        );
      }
      resetThrottle.fail(req.body.email, req.ip, now.getTime());
      const issued = await requestPasswordReset(database, req.body.email, now);
      if (issued) {
        // Sent after answering: the reply takes as long whether or not the address has an account.
        const message = passwordResetMessage(issued, deps.publicUrl());
        void sendWithRetries(deps.mailer, message).catch((err: unknown) =>
          req.log.error({ err }, "password reset e-mail failed"),
        );
      }
      return reply.status(202).send(REQUESTED);
    },
  });

  app.post("/api/v1/auth/password-reset/check", {
    schema: {
      tags: ["identity"],
      summary: "Whether a password reset link still works, and for which address",
      security: [],
      body: TokenBody,
      response: { 200: PasswordResetCheck, ...errorResponses(400, 404, 409) },
    },
    handler: async (req) => checkPasswordReset(database, req.body.token, clock()),
  });

  app.post("/api/v1/auth/password-reset/confirm", {
    schema: {
      tags: ["identity"],
      summary:
        "Choose a new password with a reset link: ends every session of the account (API tokens stay), clears a sign-in lockout and signs in",
      security: [],
      body: PasswordResetConfirm,
      response: { 200: SessionInfo, ...errorResponses(400, 404, 409) },
    },
    handler: async (req, reply) => {
      const signedIn = await confirmPasswordReset(database, req.body, clock());
      deps.signInThrottle.succeed(signedIn.person.email);
      setSessionCookie(reply, signedIn.sessionToken, deps.secureCookies);
      return reply.send({ person: signedIn.person, via: "session" as const });
    },
  });
}
