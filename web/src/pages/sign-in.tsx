import { useState, type FormEvent } from "react";
import { api } from "../api/endpoints.js";
import { AccountField, AuthFrame, NewPasswordField, useEnterWorkspace } from "../components/auth-frame.js";
import { TextField, RadioGroup } from "../components/fields.js";
import { FormError, SubmitButton, useSubmission } from "../components/form.js";
import { useTitle } from "../components/layout.js";
import type { Side } from "../../../src/contract/index.js";
import { Link, navigate, useLocation } from "../lib/router.js";
import { useSession } from "../lib/session.js";

export function SignInPage({ expired }: { expired: boolean }) {
  useTitle("Sign in");
  const { signedIn } = useSession();
  const { pathname } = useLocation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await submission.run(async () => {
      const info = await api.signIn({ email, password });
      if (pathname === "/sign-in" || pathname === "/setup") navigate("/", { replace: true });
      signedIn(info.person);
    });
  }

  return (
    <AuthFrame title="Sign in">
      <p className="auth-lede">
        One shared map of your AI systems, read the same way by leadership and engineering.
      </p>
      {expired && (
        <p className="notice notice-info" role="status">
          Your session ended. Sign in again to carry on where you were.
        </p>
      )}
      <form onSubmit={submit} className="form" noValidate>
        <AccountField field="email" value={email} onChange={setEmail} submission={submission} />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={submission.fieldError("password")}
        />
        <FormError submission={submission} />
        <SubmitButton submission={submission} busyText="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      <p className="muted small">
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
    </AuthFrame>
  );
}

export function SetupPage() {
  useTitle("Set up Parley");
  const enter = useEnterWorkspace();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [side, setSide] = useState<Side | "">("");
  const [password, setPassword] = useState("");
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await submission.run(async () => {
      if (!side) throw new Error("Choose the side you work on.");
      enter((await api.setup({ name, email, side, password })).person);
    });
  }

  return (
    <AuthFrame title="Set up your workspace">
      <p className="auth-lede">
        This workspace is empty. Create the first account; it becomes the admin, who can invite everyone else.
      </p>
      <form onSubmit={submit} className="form" noValidate>
        <AccountField field="name" value={name} onChange={setName} submission={submission} />
        <AccountField field="email" value={email} onChange={setEmail} submission={submission} />
        <RadioGroup<Side>
          legend="Which side do you work on?"
          name="side"
          value={side}
          onChange={setSide}
          options={[
            { value: "leadership", label: "Leadership", hint: "Outcomes, budgets, customers, the board." },
            { value: "engineering", label: "Engineering", hint: "Models, data, reliability, safeguards." },
          ]}
        />
        <NewPasswordField
          label="Password"
          value={password}
          onChange={setPassword}
          error={submission.fieldError("password")}
        />
        <FormError submission={submission} />
        <SubmitButton submission={submission} busyText="Creating…">
          Create the admin account
        </SubmitButton>
      </form>
    </AuthFrame>
  );
}
