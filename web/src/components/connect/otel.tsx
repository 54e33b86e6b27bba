// OpenTelemetry: an ingest token made right here and the environment variables to paste, which
// GenAI attributes become which signals, the service → system mappings, and what the receiver saw.
import { useState, type FormEvent } from "react";
import type { System } from "../../../../src/contract/index.js";
import { tokensApi, type CreatedToken } from "../../api/tokens.js";
import { FormError, SubmitButton, useSubmission } from "../form.js";
import { SelectField } from "../fields.js";
import { Snippet } from "./copy.js";
import { OtlpMappings } from "./otlp-mappings.js";
import { OtlpSeen } from "./otlp-seen.js";
import type { SharedResources } from "./resources.js";
import { collectorConfig, expiryFromDate, otelEnvironment } from "./setup-text.js";
import { TokenNameFields, TokenSecret } from "./tokens.js";
import { systemOptions } from "./systems.js";

function IngestTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const [name, setName] = useState("");
  const [expires, setExpires] = useState("");
  const submission = useSubmission();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await submission.run(async () => {
      const expiresAt = expiryFromDate(expires);
      onCreated(await tokensApi.create({ name, scopes: ["ingest"], ...(expiresAt ? { expiresAt } : {}) }));
    });
    if (ok) {
      setName("");
      setExpires("");
    }
  }
  return (
    <form className="form form-wide" onSubmit={submit} aria-labelledby="otel-token-title">
      <h3 id="otel-token-title">1. Create a token that can only send data</h3>
      <TokenNameFields
        name={name}
        expires={expires}
        onName={setName}
        onExpires={setExpires}
        nameError={submission.fieldError("name")}
        expiresError={submission.fieldError("expiresAt")}
      />
      <FormError submission={submission} />
      <div className="form-actions">
        <SubmitButton submission={submission} busyText="Creating…">
          Create an ingest token
        </SubmitButton>
      </div>
    </form>
  );
}

export function OpenTelemetrySection({
  systems,
  refused,
  onTokenCreated,
}: {
  systems: System[] | undefined;
  refused: SharedResources["refusedServices"];
  onTokenCreated: () => void;
}) {
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [service, setService] = useState("");
  const origin = window.location.origin;
  const token = created?.token ?? "<your ingest token>";
  return (
    <section className="card connect-section" id="opentelemetry" aria-labelledby="opentelemetry-title">
      <h2 id="opentelemetry-title">OpenTelemetry</h2>
      <p className="page-lede">
        Applications that call AI models already describe each call (model, tokens, time taken, errors) in the
        OpenTelemetry format. Parley receives it over OTLP/HTTP and turns it into each system’s production
        signals. Your services keep the SDK or Collector they run; point them here with a token.
      </p>
      <div className="stack stack-tight">
        <IngestTokenForm
          onCreated={(t) => {
            setCreated(t);
            onTokenCreated();
          }}
        />
        {created && <TokenSecret created={created} />}
        <div>
          <h3>2. Point the OpenTelemetry SDK at Parley</h3>
          <div className="form-inline">
            <SelectField
              label="Which system sends it"
              hint="Fills in OTEL_SERVICE_NAME; or map a service name below."
              value={service}
              onChange={(e) => setService(e.target.value)}
              options={systemOptions(systems, "Choose a system")}
            />
          </div>
          <Snippet
            title="Environment for the application"
            code={otelEnvironment(origin, token, service || "<system key>")}
          />
          <p className="small muted">
            The header can also be <code>Authorization=Bearer%20{"<token>"}</code> (the space written as %20).
            Browser exporters are not supported; send from servers or a Collector.
          </p>
          <details className="details">
            <summary>Through an OpenTelemetry Collector instead</summary>
            <Snippet title="Collector exporter (otlphttp)" code={collectorConfig(origin)} />
          </details>
        </div>
        <div className="notice notice-info">
          <p>
            <strong>What becomes a signal.</strong> Spans with <code>gen_ai.operation.name</code> (chat,
            completions, embeddings) count as requests; <code>gen_ai.usage.input_tokens</code> and{" "}
            <code>output_tokens</code> become token signals and, with the price book, cost; an ERROR status or{" "}
            <code>error.type</code> counts as an error; the span’s duration gives latency p50/p95/p99; and{" "}
            <code>gen_ai.evaluation.result</code> events become quality scores. Everything else is accepted
            and ignored.
          </p>
        </div>
        <OtlpMappings systems={systems} unmapped={refused} />
        <OtlpSeen systems={systems} />
      </div>
    </section>
  );
}
