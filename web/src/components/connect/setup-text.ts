// The text people paste into a terminal or a config file, and the small conversions behind the
// forms: pure, so they are unit-tested without a browser.

/** The environment an OpenTelemetry SDK reads, with this server's address and the token. */
export function otelEnvironment(origin: string, token: string, service: string): string {
  return [
    `export OTEL_EXPORTER_OTLP_ENDPOINT=${origin}`,
    "export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf   # or http/json (gRPC is not supported)",
    `export OTEL_EXPORTER_OTLP_HEADERS="x-parley-token=${token}"`,
    `export OTEL_SERVICE_NAME=${service}`,
    "# GenAI instrumentations on semantic conventions v1.36 or older also need:",
    "export OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental",
  ].join("\n");
}

/** An otlphttp exporter for an OpenTelemetry Collector, the token read from the environment. */
export function collectorConfig(origin: string): string {
  return [
    "exporters:",
    "  otlphttp/parley:",
    `    endpoint: ${origin}`,
    "    headers:",
    "      x-parley-token: ${env:PARLEY_INGEST_TOKEN}",
    "    compression: gzip",
    "service:",
    "  pipelines:",
    "    traces/genai: { receivers: [otlp], processors: [batch], exporters: [otlphttp/parley] }",
    "    metrics/genai: { receivers: [otlp], processors: [batch], exporters: [otlphttp/parley] }",
  ].join("\n");
}

/** A curl line that sends one point, timed at the start of the current hour. */
export function pushExample(origin: string, now: Date): string {
  const hour = new Date(now);
  hour.setUTCMinutes(0, 0, 0);
  return [
    `curl -s -H "Authorization: Bearer $PARLEY_TOKEN" -H 'content-type: application/json' \\`,
    `  -d '[{"signal":"support-assistant/cost_usd","t":"${hour.toISOString().replace(".000Z", "Z")}","v":12.5}]' \\`,
    `  ${origin}/api/v1/points`,
  ].join("\n");
}

/** An expiry date (YYYY-MM-DD, the end of that day in the browser's time zone) as an ISO time. */
export function expiryFromDate(date: string): string | undefined {
  if (!date) return undefined;
  const end = new Date(`${date}T23:59:59`);
  return Number.isNaN(end.getTime()) ? undefined : end.toISOString();
}

/** A model seen without a price is named "provider/model"; the model may itself contain slashes. */
export function splitModelSighting(name: string): { provider: string; model: string } {
  const [provider, ...model] = name.split("/");
  return { provider: provider || "*", model: model.join("/") || name };
}

/** An unmapped billing group is "ServiceName / SkuMeter"; a rule on the service maps it. */
export function serviceOfChargeGroup(name: string): string {
  return name.split(" / ")[0] ?? name;
}
