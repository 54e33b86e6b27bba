// The page behind an invitation link: who invited you and as what, then your name and a password.
import { useState, type FormEvent } from "react";
import type { InvitationPreview } from "../../../src/contract/accounts.js";
import { api } from "../api/endpoints.js";
import { TextField } from "../components/fields.js";
import { FormError, SubmitButton, useSubmission } from "../components/form.js";
import { useTitle } from "../components/layout.js";
import { ErrorNotice, Loading } from "../components/states.js";
import { formatDate } from "../lib/format.js";
import { Link, navigate } from "../lib/router.js";
import { useSession } from "../lib/session.js";
import { useResource } from "../lib/use-resource.js";
import { NewPasswordFields } from "./reset-password.js";
import { AuthFrame } from "./sign-in.js";

function AcceptForm({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { signedIn } = useSession();
  const [name, setName] = useState(preview.name);
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await submission.run(async () => {
      if (password !== repeat) throw new Error("The two passwords differ. Type the same password twice.");
      const info = await api.acceptInvitation({ token, password, name });
      navigate("/", { replace: true });
      signedIn(info.person);
    });
  }

  const side = preview.side === "leadership" ? "leadership" : "engineering";
  return (
    <form onSubmit={submit} className="form" noValidate>
      <p className="auth-lede">
        {preview.invitedBy} invited <strong>{preview.email}</strong> to join on the <strong>{side}</strong>{" "}
        side
        {preview.isAdmin ? ", as an admin" : ""}. The invitation works until {formatDate(preview.expiresAt)}.
      </p>
      <TextField
        label="Your name"
        autoComplete="name"
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={submission.fieldError("name")}
      />
      <NewPasswordFields
        password={password}
        repeat={repeat}
        onPassword={setPassword}
        onRepeat={setRepeat}
        error={submission.fieldError("password")}
      />
      <FormError submission={submission} />
      <SubmitButton submission={submission} busyText="Joining…">
        Join and sign in
      </SubmitButton>
    </form>
  );
}

export function AcceptInvitationPage({ token }: { token: string }) {
  useTitle("Accept your invitation");
  const preview = useResource(`invite:${token}`, (signal) => api.previewInvitation(token, { signal }));
  return (
    <AuthFrame title="Join Parley">
      {preview.status === "loading" && <Loading label="Opening the invitation" />}
      {preview.status === "error" && (
        <>
          <ErrorNotice error={preview.error} title="This invitation does not work any more" />
          <p>
            Already joined? <Link to="/">Sign in</Link>.
          </p>
        </>
      )}
      {preview.status === "ready" && <AcceptForm token={token} preview={preview.data} />}
    </AuthFrame>
  );
}
