// "Forgot your password?": ask for a single-use link by e-mail. The answer is the same whether or not
// the address has an account, so the page never says which addresses exist.
import { useState, type FormEvent } from "react";
import { api } from "../api/endpoints.js";
import { AccountField, AuthFrame } from "../components/auth-frame.js";
import { FormError, SubmitButton, useSubmission } from "../components/form.js";
import { useTitle } from "../components/layout.js";
import { Loading } from "../components/states.js";
import { Link } from "../lib/router.js";
import { useResource } from "../lib/use-resource.js";

export function ForgotPasswordPage() {
  useTitle("Forgot your password?");
  const settings = useResource("accounts-settings", (signal) => api.accountsSettings({ signal }));
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await submission.run(async () => {
      const result = await api.requestPasswordReset(email);
      setSent(result.message);
    });
  }

  if (sent) {
    return (
      <AuthFrame title="Check your e-mail">
        <p className="notice notice-ok" role="status">
          {sent}
        </p>
        <p>
          The e-mail comes from Parley and has a link to choose a new password. Opening it signs you out
          everywhere else.
        </p>
        <p>
          <Link to="/">Back to sign in</Link>
        </p>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title="Forgot your password?">
      {settings.status === "loading" && <Loading label="Checking" />}
      {settings.status === "ready" && !settings.data.emailConfigured ? (
        <p className="notice notice-info">
          This Parley cannot send e-mail, so it cannot send you a link. Ask your Parley admin to invite you
          again: the invitation lets you choose a new password.
        </p>
      ) : (
        <>
          <p className="auth-lede">
            Enter the e-mail address you sign in with. We will send a link to choose a new password; it works
            once, for {settings.data?.passwordResetMinutes ?? 60} minutes.
          </p>
          <form onSubmit={submit} className="form" noValidate>
            <AccountField field="email" value={email} onChange={setEmail} submission={submission} />
            <FormError submission={submission} />
            <SubmitButton submission={submission} busyText="Sending…">
              Send me a link
            </SubmitButton>
          </form>
        </>
      )}
      <p className="muted small">
        Remembered it? <Link to="/">Sign in</Link>.
      </p>
    </AuthFrame>
  );
}
