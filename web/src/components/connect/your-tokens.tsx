// "Your API tokens": the signed-in person's tokens, a form for a new one, and its secret shown once.
import { useState } from "react";
import type { ApiToken } from "../../../../src/contract/people.js";
import type { Resource } from "../../lib/use-resource.js";
import type { CreatedToken } from "../../api/tokens.js";
import { ResourceView } from "../states.js";
import { CreateTokenForm, TokenSecret, TokenTable } from "./tokens.js";

export function YourTokensSection({ tokens }: { tokens: Resource<{ items: ApiToken[] }> }) {
  const [created, setCreated] = useState<CreatedToken | null>(null);
  return (
    <section className="card connect-section" id="tokens" aria-labelledby="tokens-title">
      <h2 id="tokens-title">Your API tokens</h2>
      <p className="page-lede">
        Scripts, collectors and CI jobs act as you with a token, limited to what you allow. Revoke one the
        moment it is no longer needed or may have leaked.
      </p>
      <div className="stack stack-tight">
        <ResourceView resource={tokens} label="your tokens">
          {(data) => <TokenTable tokens={data.items} onRevoked={tokens.reload} />}
        </ResourceView>
        {created && <TokenSecret created={created} />}
        <CreateTokenForm
          onCreated={(t) => {
            setCreated(t);
            tokens.reload();
          }}
        />
      </div>
    </section>
  );
}
