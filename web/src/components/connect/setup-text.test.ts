import { describe, expect, it } from "vitest";
import {
  collectorConfig,
  expiryFromDate,
  otelEnvironment,
  pushExample,
  serviceOfChargeGroup,
  splitModelSighting,
} from "./setup-text.js";

describe("setup text", () => {
  it("fills the OpenTelemetry environment with the address, the token header and the service", () => {
    const env = otelEnvironment("https://parley.example.com", "pk_abc", "support-bot");
    expect(env).toContain("export OTEL_EXPORTER_OTLP_ENDPOINT=https://parley.example.com\n");
    expect(env).toContain('export OTEL_EXPORTER_OTLP_HEADERS="x-parley-token=pk_abc"');
    expect(env).toContain("export OTEL_SERVICE_NAME=support-bot");
    expect(env).toMatch(/OTEL_EXPORTER_OTLP_PROTOCOL=http\/protobuf/);
    expect(collectorConfig("https://p.example")).toContain("endpoint: https://p.example\n");
  });

  it("times the push example at the start of the hour, without milliseconds", () => {
    const line = pushExample("http://localhost:7300", new Date("2026-11-28T12:34:56.789Z"));
    expect(line).toContain('"t":"2026-11-28T12:00:00Z"');
    expect(line).toContain("http://localhost:7300/api/v1/points");
  });

  it("turns an expiry date into the end of that day, and nothing into no expiry", () => {
    expect(expiryFromDate("")).toBeUndefined();
    expect(expiryFromDate("not a date")).toBeUndefined();
    const end = new Date(expiryFromDate("2027-01-31")!);
    expect([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours()]).toEqual([2027, 0, 31, 23]);
  });

  it("splits sightings into what the forms need", () => {
    expect(splitModelSighting("openai/gpt-4o-mini")).toEqual({ provider: "openai", model: "gpt-4o-mini" });
    expect(splitModelSighting("aws.bedrock/anthropic/claude-3")).toEqual({
      provider: "aws.bedrock",
      model: "anthropic/claude-3",
    });
    expect(splitModelSighting("lonely")).toEqual({ provider: "lonely", model: "lonely" });
    expect(serviceOfChargeGroup("Amazon Bedrock / Claude output")).toBe("Amazon Bedrock");
    expect(serviceOfChargeGroup("Azure OpenAI")).toBe("Azure OpenAI");
  });
});
