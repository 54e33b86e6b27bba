// The page behind an e-mailed reset link: says whether the link still works, then takes a new password
// and signs in. Every other session of the account ends.
import { api } from "../api/endpoints.js";
import { LinkFrame, NewPasswordForm } from "../components/auth-frame.js";
import { useTitle } from "../components/layout.js";
import { Link } from "../lib/router.js";
import { useResource } from "../lib/use-resource.js";

export function ResetPasswordPage({ token }: { token: string }) {
  useTitle("Choose a new password");
  const check = useResource(`reset:${token}`, (signal) => api.checkPasswordReset(token, { signal }));
  return (
    <LinkFrame
      title="Choose a new password"
      link={check}
      checking="Checking the link"
      broken="This link does not work any more"
      brokenHelp={
        <>
          <Link to="/forgot-password">Ask for a new link</Link> or <Link to="/">sign in</Link>.
        </>
      }
    >
      {(data) => (
        <NewPasswordForm
          intro={
            <>
              For <strong>{data.email}</strong>. Saving signs you in here and out everywhere else.
            </>
          }
          busyText="Saving…"
          submitLabel="Save the new password and sign in"
          save={(password) => api.confirmPasswordReset({ token, password })}
        />
      )}
    </LinkFrame>
  );
}
