// The page behind an e-mailed reset link: says whether the link still works, then takes a new password
// and signs in. Every other session of the account ends.
import { useState, type FormEvent } from "react";
import { api } from "../api/endpoints.js";
import { TextField } from "../components/fields.js";
import { FormError, SubmitButton, useSubmission } from "../components/form.js";
import { useTitle } from "../components/layout.js";
import { ErrorNotice, Loading } from "../components/states.js";
import { Link, navigate } from "../lib/router.js";
import { useSession } from "../lib/session.js";
import { useResource } from "../lib/use-resource.js";
import { AuthFrame } from "./sign-in.js";

/** Two password fields that must match; the server checks the length rule. */
export function NewPasswordFields({
  password,
  repeat,
  onPassword,
  onRepeat,
  error,
}: {
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
  error: string | undefined;
}) {
  return (
    <>
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        required
        minLength={10}
        value={password}
        onChange={(e) => onPassword(e.target.value)}
        error={error}
      />
      <TextField
        label="The same password again"
        type="password"
        autoComplete="new-password"
        required
        value={repeat}
        onChange={(e) => onRepeat(e.target.value)}
        error={
          repeat && repeat !== password
            ? "The two passwords differ. Type the same password twice."
            : undefined
        }
      />
    </>
  );
}

export function ResetPasswordPage({ token }: { token: string }) {
  useTitle("Choose a new password");
  const { signedIn } = useSession();
  const check = useResource(`reset:${token}`, (signal) => api.checkPasswordReset(token, { signal }));
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await submission.run(async () => {
      if (password !== repeat) throw new Error("The two passwords differ. Type the same password twice.");
      const info = await api.confirmPasswordReset({ token, password });
      navigate("/", { replace: true });
      signedIn(info.person);
    });
  }

  return (
    <AuthFrame title="Choose a new password">
      {check.status === "loading" && <Loading label="Checking the link" />}
      {check.status === "error" && (
        <>
          <ErrorNotice error={check.error} title="This link does not work any more" />
          <p>
            <Link to="/forgot-password">Ask for a new link</Link> or <Link to="/">sign in</Link>.
          </p>
        </>
      )}
      {check.status === "ready" && (
        <form onSubmit={submit} className="form" noValidate>
          <p className="auth-lede">
            For <strong>{check.data.email}</strong>. Saving signs you in here and out everywhere else.
          </p>
          <NewPasswordFields
            password={password}
            repeat={repeat}
            onPassword={setPassword}
            onRepeat={setRepeat}
            error={submission.fieldError("password")}
          />
          <FormError submission={submission} />
          <SubmitButton submission={submission} busyText="Saving…">
            Save the new password and sign in
          </SubmitButton>
        </form>
      )}
    </AuthFrame>
  );
}
