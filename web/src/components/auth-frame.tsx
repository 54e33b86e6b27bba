// The frame of every signed-out page (sign in, setup, forgot and reset password, accept an
// invitation) and the fields they share, so each page holds only what is its own.
import { useState, type FormEvent, type ReactNode } from "react";
import type { Person } from "../../../src/contract/index.js";
import { Link, navigate } from "../lib/router.js";
import { useSession } from "../lib/session.js";
import type { Resource } from "../lib/use-resource.js";
import { TextField } from "./fields.js";
import { FormError, SubmitButton, useSubmission, type Submission } from "./form.js";
import { ErrorNotice, Loading } from "./states.js";

export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="auth">
      <main id="main" className="auth-card">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark" />
          <span className="brand-name">Parley</span>
        </div>
        <h1>{title}</h1>
        {children}
      </main>
      <p className="auth-foot">
        New to the words here? <Link to="/glossary">Read the glossary</Link>.
      </p>
    </div>
  );
}

/**
 * An e-mailed link's page: says the link is being checked, or why it no longer works (with where
 * to go instead), or shows what the link is for.
 */
export function LinkFrame<T>({
  title,
  link,
  checking,
  broken,
  brokenHelp,
  children,
}: {
  title: string;
  link: Resource<T>;
  /** What the loading state says, e.g. "Checking the link". */
  checking: string;
  /** The error's title when the link no longer works. */
  broken: string;
  brokenHelp: ReactNode;
  children: (data: T) => ReactNode;
}) {
  return (
    <AuthFrame title={title}>
      {link.status === "loading" && <Loading label={checking} />}
      {link.status === "error" && (
        <>
          <ErrorNotice error={link.error} title={broken} />
          <p>{brokenHelp}</p>
        </>
      )}
      {link.status === "ready" && children(link.data)}
    </AuthFrame>
  );
}

const ACCOUNT_FIELDS = {
  name: { label: "Your name", autoComplete: "name" },
  email: { label: "E-mail", type: "email", autoComplete: "username" },
} as const;

/** The person's own name or sign-in address, with the server's message for that field. */
export function AccountField({
  field,
  value,
  onChange,
  submission,
}: {
  field: keyof typeof ACCOUNT_FIELDS;
  value: string;
  onChange: (value: string) => void;
  submission: Submission;
}) {
  return (
    <TextField
      {...ACCOUNT_FIELDS[field]}
      required
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={submission.fieldError(field)}
    />
  );
}

const PASSWORDS_DIFFER = "The two passwords differ. Type the same password twice.";

/** A password being chosen; the server checks the length rule. */
export function NewPasswordField({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  return (
    <TextField
      label={label}
      type="password"
      autoComplete="new-password"
      hint="At least 10 characters."
      required
      minLength={10}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  );
}

/**
 * A signed-out form that ends in choosing a password (twice, and they must match): saves it with
 * `save` and signs the person in. `fields` come before the password, e.g. their name.
 */
export function NewPasswordForm({
  intro,
  fields,
  busyText,
  submitLabel,
  save,
}: {
  intro: ReactNode;
  fields?: (submission: Submission) => ReactNode;
  busyText: string;
  submitLabel: string;
  save: (password: string) => Promise<{ person: Person }>;
}) {
  const enter = useEnterWorkspace();
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await submission.run(async () => {
      if (password !== repeat) throw new Error(PASSWORDS_DIFFER);
      enter((await save(password)).person);
    });
  }

  return (
    <form onSubmit={submit} className="form" noValidate>
      <p className="auth-lede">{intro}</p>
      {fields?.(submission)}
      <NewPasswordField
        label="New password"
        value={password}
        onChange={setPassword}
        error={submission.fieldError("password")}
      />
      <TextField
        label="The same password again"
        type="password"
        autoComplete="new-password"
        required
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
        error={repeat && repeat !== password ? PASSWORDS_DIFFER : undefined}
      />
      <FormError submission={submission} />
      <SubmitButton submission={submission} busyText={busyText}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}

/** Signs the person in on this browser and opens the map, replacing the signed-out page in history. */
export function useEnterWorkspace(): (person: Person) => void {
  const { signedIn } = useSession();
  return (person) => {
    navigate("/", { replace: true });
    signedIn(person);
  };
}
