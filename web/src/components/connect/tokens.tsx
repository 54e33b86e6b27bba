// API tokens: the signed-in person's own tokens (list, create, revoke) and the secret shown once.
// The server lets anyone signed in create tokens for themselves; only admins may give a token the
// admin scope, so that box is offered to admins only.
import { useId, useState, type FormEvent } from "react";
import type { ApiToken, TokenScope } from "../../../../src/contract/people.js";
import { tokensApi, type CreatedToken } from "../../api/tokens.js";
import { formatDate, formatDateTime } from "../../lib/format.js";
import { useMe } from "../../lib/session.js";
import { Chip } from "../chips.js";
import { TextField } from "../fields.js";
import { FormError, SubmitButton, useSubmission } from "../form.js";
import { EmptyState } from "../states.js";
import { ConfirmAction } from "./confirm.js";
import { TableRegion } from "./table-region.js";
import { CopyValue } from "./copy.js";
import { expiryFromDate } from "./setup-text.js";

export const SCOPE_TEXT: Record<TokenScope, { label: string; hint: string }> = {
  ingest: { label: "Send data", hint: "ingest: OpenTelemetry, points, billing files" },
  read: { label: "Read", hint: "read: the map, risks, signals, briefs" },
  write: { label: "Change", hint: "write: systems, risks, rules, prices (includes read and ingest)" },
  admin: { label: "Manage accounts", hint: "admin: people and invitations (admins only)" },
};
const SCOPES: TokenScope[] = ["ingest", "read", "write", "admin"];

/** Tomorrow as YYYY-MM-DD: the earliest expiry the date field offers. */
function tomorrow(): string {
  const d = new Date(Date.now() + 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The new token's secret, shown once with a copy button. */
export function TokenSecret({ created }: { created: CreatedToken }) {
  return (
    <div className="notice notice-ok token-secret">
      <p>
        <strong>Token “{created.name}” is ready.</strong> Copy it now: Parley keeps only a fingerprint of it
        and will not show it again.
      </p>
      <CopyValue label={`Token value for ${created.name}`} value={created.token} focus />
    </div>
  );
}

/** Name and optional expiry: the fields every token form starts with. */
export function TokenNameFields({
  name,
  expires,
  onName,
  onExpires,
  nameError,
  expiresError,
}: {
  name: string;
  expires: string;
  onName: (v: string) => void;
  onExpires: (v: string) => void;
  nameError?: string | undefined;
  expiresError?: string | undefined;
}) {
  return (
    <div className="form-inline">
      <TextField
        label="Token name"
        hint="Where it will be used, e.g. support-bot collector"
        required
        maxLength={100}
        value={name}
        onChange={(e) => onName(e.target.value)}
        error={nameError}
      />
      <TextField
        label="Expires on"
        hint="Optional. Leave empty for a token that lasts until revoked."
        type="date"
        min={tomorrow()}
        value={expires}
        onChange={(e) => onExpires(e.target.value)}
        error={expiresError}
      />
    </div>
  );
}

function ScopeChoices({ values, onChange }: { values: TokenScope[]; onChange: (v: TokenScope[]) => void }) {
  const me = useMe();
  const id = useId();
  return (
    <fieldset className="choice-group choice-row" aria-describedby={`${id}-hint`}>
      <legend className="field-label">What the token may do</legend>
      <p id={`${id}-hint`} className="field-hint">
        Give a script only what it needs. A collector or exporter needs “Send data” alone.
        {!me.isAdmin && " “Manage accounts” is for admins only."}
      </p>
      <div className="choice-options">
        {SCOPES.map((scope) => {
          const locked = scope === "admin" && !me.isAdmin;
          const on = values.includes(scope);
          return (
            <label
              key={scope}
              className={`choice${on ? " choice-selected" : ""}${locked ? " choice-disabled" : ""}`}
            >
              <input
                type="checkbox"
                value={scope}
                checked={on}
                disabled={locked}
                onChange={(e) =>
                  onChange(e.target.checked ? [...values, scope] : values.filter((v) => v !== scope))
                }
              />
              <span className="choice-text">
                <span className="choice-label">{SCOPE_TEXT[scope].label}</span>
                <span className="choice-hint">{SCOPE_TEXT[scope].hint}</span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

export function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const [name, setName] = useState("");
  const [expires, setExpires] = useState("");
  const [scopes, setScopes] = useState<TokenScope[]>(["read"]);
  const submission = useSubmission();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await submission.run(async () => {
      if (scopes.length === 0) throw new Error("Choose at least one thing the token may do.");
      const expiresAt = expiryFromDate(expires);
      onCreated(await tokensApi.create({ name, scopes, ...(expiresAt ? { expiresAt } : {}) }));
    });
    if (ok) {
      setName("");
      setExpires("");
    }
  }
  return (
    <form className="form form-wide" onSubmit={submit} aria-labelledby="new-token-title">
      <h3 id="new-token-title">Create a token</h3>
      <TokenNameFields
        name={name}
        expires={expires}
        onName={setName}
        onExpires={setExpires}
        nameError={submission.fieldError("name")}
        expiresError={submission.fieldError("expiresAt")}
      />
      <ScopeChoices values={scopes} onChange={setScopes} />
      <FormError submission={submission} />
      <div className="form-actions">
        <SubmitButton submission={submission} busyText="Creating…">
          Create the token
        </SubmitButton>
      </div>
    </form>
  );
}

function TokenState({ token }: { token: ApiToken }) {
  if (token.revokedAt)
    return (
      <>
        <Chip tone="neutral" icon="–">
          Revoked
        </Chip>
        <div className="muted small">{formatDate(token.revokedAt)}</div>
      </>
    );
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= Date.now())
    return (
      <Chip tone="warn" icon="▲">
        Expired
      </Chip>
    );
  return (
    <Chip tone="ok" icon="✓">
      Active
    </Chip>
  );
}

export function TokenTable({
  tokens,
  onRevoked,
}: {
  tokens: ApiToken[];
  onRevoked: (token: ApiToken) => void;
}) {
  if (tokens.length === 0) {
    return (
      <EmptyState title="No API tokens yet">
        Scripts, collectors and CI jobs sign in with a token. Create one below; it is shown once.
      </EmptyState>
    );
  }
  return (
    <TableRegion label="Your API tokens">
      <table className="table">
        <caption className="visually-hidden">Your API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">May</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id}>
              <th scope="row">{t.name}</th>
              <td>{t.scopes.map((s) => SCOPE_TEXT[s].label).join(", ")}</td>
              <td>{formatDate(t.createdAt)}</td>
              <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never"}</td>
              <td>{t.expiresAt ? formatDate(t.expiresAt) : "Never"}</td>
              <td>
                <TokenState token={t} />
              </td>
              <td className="actions">
                {!t.revokedAt && (
                  <ConfirmAction
                    label="Revoke"
                    what={`token ${t.name}`}
                    question={`Revoke “${t.name}”? Anything still using it is refused from now on. This cannot be undone.`}
                    confirmText="Yes, revoke it"
                    busyText="Revoking…"
                    onConfirm={async () => onRevoked(await tokensApi.revoke(t.id))}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
