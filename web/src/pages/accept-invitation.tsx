// The page behind an invitation link: who invited you and as what, then your name and a password.
import { useState } from "react";
import type { InvitationPreview } from "../../../src/contract/accounts.js";
import { api } from "../api/endpoints.js";
import { AccountField, LinkFrame, NewPasswordForm } from "../components/auth-frame.js";
import { useTitle } from "../components/layout.js";
import { formatDate } from "../lib/format.js";
import { Link } from "../lib/router.js";
import { useResource } from "../lib/use-resource.js";

function AcceptForm({ token, preview }: { token: string; preview: InvitationPreview }) {
  const [name, setName] = useState(preview.name);
  const side = preview.side === "leadership" ? "leadership" : "engineering";
  return (
    <NewPasswordForm
      intro={
        <>
          {preview.invitedBy} invited <strong>{preview.email}</strong> to join on the <strong>{side}</strong>{" "}
          side
          {preview.isAdmin ? ", as an admin" : ""}. The invitation works until {formatDate(preview.expiresAt)}
          .
        </>
      }
      fields={(submission) => (
        <AccountField field="name" value={name} onChange={setName} submission={submission} />
      )}
      busyText="Joining…"
      submitLabel="Join and sign in"
      save={(password) => api.acceptInvitation({ token, password, name })}
    />
  );
}

export function AcceptInvitationPage({ token }: { token: string }) {
  useTitle("Accept your invitation");
  const preview = useResource(`invite:${token}`, (signal) => api.previewInvitation(token, { signal }));
  return (
    <LinkFrame
      title="Join Parley"
      link={preview}
      checking="Opening the invitation"
      broken="This invitation does not work any more"
      brokenHelp={
        <>
          Already joined? <Link to="/">Sign in</Link>.
        </>
      }
    >
      {(data) => <AcceptForm token={token} preview={data} />}
    </LinkFrame>
  );
}
