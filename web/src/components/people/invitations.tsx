// Inviting people by e-mail (admins): the form, the link to pass on when Parley cannot send e-mail,
// and the invitations nobody has accepted yet, each with "send again" and "withdraw".
import { useId, useState, type FormEvent } from "react";
import type { Invitation, InvitationCreated, Side } from "../../../../src/contract/index.js";
import { ApiError, errorMessage } from "../../api/client.js";
import { api } from "../../api/endpoints.js";
import { formatDate } from "../../lib/format.js";
import { useResource } from "../../lib/use-resource.js";
import { RadioGroup, TextField } from "../fields.js";
import { FormError, SubmitButton, useSubmission } from "../form.js";
import { EmptyState, ResourceView } from "../states.js";
import { PersonTable } from "./person-table.js";

/** The link to pass on by hand (e-mail not configured), with a copy button. */
function LinkToPassOn({ created }: { created: InvitationCreated }) {
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  if (!created.acceptUrl) return null;
  async function copy() {
    try {
      await navigator.clipboard.writeText(created.acceptUrl ?? "");
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  }
  return (
    <div className="notice notice-ok" role="status">
      <p>
        <strong>Invitation for {created.invitation.name} is ready.</strong> Send them this link yourself (chat
        or e-mail). It works once, until {formatDate(created.invitation.expiresAt)}, and is shown only now.
      </p>
      <label htmlFor={id} className="visually-hidden">
        Invitation link for {created.invitation.name}
      </label>
      <div style={{ display: "flex", gap: "var(--space-2)", flexWrap: "wrap" }}>
        <input
          id={id}
          className="input"
          readOnly
          value={created.acceptUrl}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          Copy link
        </button>
      </div>
      {copied === "yes" && <p>Copied.</p>}
      {copied === "no" && <p>Copying is blocked here: select the link and copy it with the keyboard.</p>}
    </div>
  );
}

function InviteForm({
  emailConfigured,
  onInvited,
}: {
  emailConfigured: boolean;
  onInvited: (c: InvitationCreated) => void;
}) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [side, setSide] = useState<Side | "">("");
  const [isAdmin, setIsAdmin] = useState(false);
  const submission = useSubmission();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await submission.run(async () => {
      if (!side) throw new Error("Choose the side this person works on.");
      onInvited(await api.invite({ name, email, side, isAdmin }));
    });
    if (ok) {
      setName("");
      setEmail("");
      setIsAdmin(false);
    }
  }
  return (
    <form className="form" onSubmit={submit} noValidate>
      <TextField
        label="Name"
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={submission.fieldError("name")}
      />
      <TextField
        label="E-mail"
        type="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={submission.fieldError("email")}
      />
      <RadioGroup<Side>
        legend="Side"
        name="invite-side"
        value={side}
        onChange={setSide}
        layout="row"
        options={[
          { value: "leadership", label: "Leadership" },
          { value: "engineering", label: "Engineering" },
        ]}
      />
      <label className="checkbox-inline">
        <input type="checkbox" checked={isAdmin} onChange={(e) => setIsAdmin(e.target.checked)} /> Can manage
        accounts (admin)
      </label>
      <FormError submission={submission} />
      <SubmitButton submission={submission} busyText={emailConfigured ? "Sending…" : "Creating…"}>
        {emailConfigured ? "Send the invitation" : "Create the invitation link"}
      </SubmitButton>
    </form>
  );
}

const STATUS_TEXT: Record<Invitation["status"], string> = {
  pending: "Waiting",
  expired: "Expired",
  accepted: "Accepted",
  revoked: "Withdrawn",
  replaced: "Replaced",
};

function PendingTable({
  items,
  onResend,
  onRevoke,
}: {
  items: Invitation[];
  onResend: (i: Invitation) => void;
  onRevoke: (i: Invitation) => void;
}) {
  if (items.length === 0) {
    return (
      <EmptyState title="No open invitations">
        Everyone you invited has joined, or you have not invited anyone yet.
      </EmptyState>
    );
  }
  return (
    <PersonTable
      caption="Invitations nobody has accepted yet"
      rows={items}
      columns={[
        {
          header: "Status",
          cell: (i) => (
            <>
              {STATUS_TEXT[i.status]}
              <span className="muted small">
                {" "}
                {i.status === "expired" ? "on" : "until"} {formatDate(i.expiresAt)}
                {i.delivery === "link" ? " · link passed on by hand" : ""}
              </span>
            </>
          ),
        },
        {
          header: "Actions",
          className: "actions",
          cell: (i) => (
            <>
              <button type="button" className="button button-ghost button-small" onClick={() => onResend(i)}>
                {i.delivery === "link" ? "New link" : "Send again"}
                <span className="visually-hidden"> for {i.name}</span>
              </button>
              <button type="button" className="button button-ghost button-small" onClick={() => onRevoke(i)}>
                Withdraw<span className="visually-hidden"> the invitation of {i.name}</span>
              </button>
            </>
          ),
        },
      ]}
    />
  );
}

/** The "Invite someone" card of the people page (admins only). */
export function InvitePanel() {
  const settings = useResource("accounts-settings", (signal) => api.accountsSettings({ signal }));
  const pending = useResource("invitations", (signal) => api.invitations({ signal }));
  const [created, setCreated] = useState<InvitationCreated | null>(null);
  const [message, setMessage] = useState<{ tone: "ok" | "danger"; text: string } | null>(null);
  const emailConfigured = settings.data?.emailConfigured ?? true;

  function invited(result: InvitationCreated) {
    setCreated(result.acceptUrl ? result : null);
    setMessage(
      result.emailed ? { tone: "ok", text: `Invitation e-mailed to ${result.invitation.email}.` } : null,
    );
    pending.reload();
  }
  async function act(action: () => Promise<void>) {
    setMessage(null);
    setCreated(null);
    try {
      await action();
    } catch (error) {
      setMessage({ tone: "danger", text: errorMessage(error) });
      if (error instanceof ApiError && error.code === "email_failed") pending.reload();
    }
  }
  const resend = (i: Invitation) =>
    void act(async () =>
      invited(await api.invite({ name: i.name, email: i.email, side: i.side, isAdmin: i.isAdmin })),
    );
  const revoke = (i: Invitation) =>
    void act(async () => {
      await api.revokeInvitation(i.id);
      setMessage({ tone: "ok", text: `The invitation of ${i.name} is withdrawn; its link no longer works.` });
      pending.reload();
    });

  return (
    <section className="card stack" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite someone</h2>
      {emailConfigured ? (
        <p className="muted">
          Parley e-mails them a link to choose their password. The link works once, for{" "}
          {settings.data?.invitationDays ?? 7} days; sending again replaces it.
        </p>
      ) : (
        <p className="notice notice-info">
          E-mail is not set up on this Parley (PARLEY_SMTP_URL), so Parley cannot send invitations. After you
          invite someone you get their link: copy it and send it to them yourself.
        </p>
      )}
      <InviteForm emailConfigured={emailConfigured} onInvited={invited} />
      {created && <LinkToPassOn created={created} />}
      {message && (
        <p className={`notice notice-${message.tone}`} role={message.tone === "danger" ? "alert" : "status"}>
          {message.text}
        </p>
      )}
      <h3>Waiting to join</h3>
      <ResourceView resource={pending} label="invitations">
        {(data) => <PendingTable items={data.items} onResend={resend} onRevoke={revoke} />}
      </ResourceView>
    </section>
  );
}
