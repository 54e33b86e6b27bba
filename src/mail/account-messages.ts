import type { MailMessage } from "./mailer.js";

/** Escapes text for HTML e-mail bodies: names and workspace text are user input. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

/** One line for headers and greetings: user text must not add lines to the Subject. */
function oneLine(text: string, max = 120): string {
  const flat = text.replace(/[\r\n\t\u2028\u2029]+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** "28 Nov 2026, 10:00 UTC": unambiguous in every locale. */
function when(iso: string): string {
  const d = new Date(iso);
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

function html(paragraphs: string[], link: { url: string; label: string }): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n");
  const url = escapeHtml(link.url);
  return `<!doctype html><html><body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a">
${body}
<p><a href="${url}" style="display: inline-block; padding: 10px 16px; background: #1f4f8a; color: #ffffff; text-decoration: none; border-radius: 4px">${escapeHtml(link.label)}</a></p>
<p style="color: #555">Or paste this address into your browser: ${url}</p>
</body></html>`;
}

export interface InvitationMailInput {
  to: string;
  name: string;
  invitedBy: string;
  side: "leadership" | "engineering";
  isAdmin: boolean;
  url: string;
  expiresAt: string;
}

/** The invitation e-mail: who invited you, as what, and the single-use link with its deadline. */
export function invitationMail(input: InvitationMailInput): MailMessage {
  const inviter = oneLine(input.invitedBy);
  const role = `${input.side === "leadership" ? "leadership" : "engineering"} side${input.isAdmin ? ", as an admin" : ""}`;
  const paragraphs = [
    `Hello ${oneLine(input.name)},`,
    `${inviter} invited you to Parley, where leadership and engineering keep one shared map of their AI systems. You join on the ${role}.`,
    `Choose your password with the link below. It works once, until ${when(input.expiresAt)}.`,
  ];
  const closing =
    "If you did not expect this invitation, ignore this e-mail: nothing happens without the link.";
  return {
    to: input.to,
    subject: `${inviter} invited you to Parley`,
    text: `${paragraphs.join("\n\n")}\n\n${input.url}\n\n${closing}\n`,
    html: html([...paragraphs], { url: input.url, label: "Accept the invitation" }).replace(
      "</body>",
      `<p style="color: #555">${escapeHtml(closing)}</p>\n</body>`,
    ),
    headers: { "X-Parley-Kind": "invitation" },
  };
}

export interface PasswordResetMailInput {
  to: string;
  name: string;
  url: string;
  expiresAt: string;
}

/** The password reset e-mail: the single-use link, its deadline, and what to do if it was not you. */
export function passwordResetMail(input: PasswordResetMailInput): MailMessage {
  const paragraphs = [
    `Hello ${oneLine(input.name)},`,
    `Someone asked to reset the password of your Parley account. Choose a new password with the link below. It works once, until ${when(input.expiresAt)}; choosing a new password signs you out everywhere else.`,
  ];
  const closing =
    "If you did not ask for this, ignore this e-mail: your password stays as it is. Tell your Parley admin if it keeps happening.";
  return {
    to: input.to,
    subject: "Reset your Parley password",
    text: `${paragraphs.join("\n\n")}\n\n${input.url}\n\n${closing}\n`,
    html: html(paragraphs, { url: input.url, label: "Choose a new password" }).replace(
      "</body>",
      `<p style="color: #555">${escapeHtml(closing)}</p>\n</body>`,
    ),
    headers: { "X-Parley-Kind": "password-reset" },
  };
}
