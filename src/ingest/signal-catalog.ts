import type { SignalCreate } from "../contract/signals.js";
import { storableText } from "./text.js";

/**
 * The signals connectors derive, created on first sight with stable keys so that limits, budgets
 * and dashboards can be set up before (or after) data arrives. One definition per key pattern.
 */
export type DerivedSignal = SignalCreate;

const base = { description: "", quantile: null } as const;

function def(
  key: string,
  name: string,
  rest: Pick<SignalCreate, "kind" | "unit" | "direction" | "aggregation"> &
    Partial<Pick<SignalCreate, "quantile" | "description">>,
): DerivedSignal {
  const description = storableText(rest.description ?? "");
  return { ...base, key, name: storableText(name), ...rest, description };
}

const OTLP = "From OpenTelemetry GenAI spans (or, for minutes without spans, the gen_ai.client.* metrics).";

export const GENAI_SIGNALS = {
  requests: def("genai.requests", "Model requests", {
    kind: "adoption",
    unit: "requests",
    direction: "higher_is_better",
    aggregation: "sum",
    description: `Model calls (chat, completions, embeddings, ...). ${OTLP}`,
  }),
  errors: def("genai.errors", "Failed model requests", {
    kind: "error_rate",
    unit: "requests",
    direction: "higher_is_worse",
    aggregation: "sum",
    description: `Model calls that ended with an error status or error.type. ${OTLP}`,
  }),
  errorRate: def("genai.error_rate", "Model error rate", {
    kind: "error_rate",
    unit: "ratio",
    direction: "higher_is_worse",
    aggregation: "ratio",
    description: `Failed model requests / model requests. ${OTLP}`,
  }),
  inputTokens: def("genai.input_tokens", "Input tokens", {
    kind: "custom",
    unit: "tokens",
    direction: "higher_is_worse",
    aggregation: "sum",
    description: `gen_ai.usage.input_tokens, cached tokens included. ${OTLP}`,
  }),
  outputTokens: def("genai.output_tokens", "Output tokens", {
    kind: "custom",
    unit: "tokens",
    direction: "higher_is_worse",
    aggregation: "sum",
    description: `gen_ai.usage.output_tokens. ${OTLP}`,
  }),
  cachedInputTokens: def("genai.cached_input_tokens", "Cached input tokens", {
    kind: "custom",
    unit: "tokens",
    direction: "higher_is_better",
    aggregation: "sum",
    description: `gen_ai.usage.cache_read.input_tokens (part of the input tokens). ${OTLP}`,
  }),
} as const;

export const LATENCY_QUANTILES = [
  [0.5, "p50"],
  [0.95, "p95"],
  [0.99, "p99"],
] as const;

/** Definitions are built once per key: minutePoints() asks for them for every minute written. */
const memo = new Map<string, DerivedSignal>();
function memoised(key: string, build: () => DerivedSignal): DerivedSignal {
  let found = memo.get(key);
  if (!found) {
    if (memo.size > 10_000) memo.clear();
    memo.set(key, (found = build()));
  }
  return found;
}

export function latencySignal(q: number, label: string): DerivedSignal {
  return memoised(`latency:${label}`, () => latencyDef(q, label));
}

function latencyDef(q: number, label: string): DerivedSignal {
  return def(`genai.latency_${label}`, `Model latency ${label}`, {
    kind: "latency",
    unit: "ms",
    direction: "higher_is_worse",
    aggregation: "quantile",
    quantile: q,
    description: `The ${label} of model call durations per minute (span duration, or the gen_ai.client.operation.duration histogram).`,
  });
}

/** Cost is kept per currency: one signal per currency, never mixed. */
export function genaiCostSignal(currency: string): DerivedSignal {
  return memoised(`cost:${currency}`, () => genaiCostDef(currency));
}

function genaiCostDef(currency: string): DerivedSignal {
  return def(`genai.cost.${currency.toLowerCase()}`, `Model spend (${currency})`, {
    kind: "cost",
    unit: currency,
    direction: "higher_is_worse",
    aggregation: "sum",
    description:
      "Per span: gen_ai.usage.cost when the span carries it, otherwise tokens priced with the price table (GET /api/v1/connectors/prices).",
  });
}

/** Keys allow [a-z0-9_.-]; evaluation names and labels are free text. */
export function keyPart(text: string, max: number): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, max);
  return cleaned || "unnamed";
}

export function evalScoreSignal(name: string): DerivedSignal {
  return memoised(`eval:${name}`, () => evalScoreDef(name));
}

function evalScoreDef(name: string): DerivedSignal {
  return def(`genai.eval.${keyPart(name, 40)}`, `Evaluation: ${name.slice(0, 150)}`, {
    kind: "quality",
    unit: "score",
    direction: "higher_is_better",
    // Sum of scores over the count of scores: a weighted mean, exact across minutes and days.
    aggregation: "ratio",
    description: `Mean gen_ai.evaluation.score.value of "${name.slice(0, 150)}" results (gen_ai.evaluation.result events).`,
  });
}

const BAD_LABEL = /fail|bad|wrong|incorrect|toxic|halluc|unsafe|irrelevant|reject|negative|harm|^no$/i;

export function evalLabelSignal(name: string, label: string): DerivedSignal {
  return memoised(`label:${name}\u0000${label}`, () => evalLabelDef(name, label));
}

function evalLabelDef(name: string, label: string): DerivedSignal {
  return def(
    `genai.eval.${keyPart(name, 30)}.${keyPart(label, 20)}`,
    `Evaluation: ${name.slice(0, 100)} labelled "${label.slice(0, 50)}"`,
    {
      kind: "quality",
      unit: "ratio",
      direction: BAD_LABEL.test(label) ? "higher_is_worse" : "higher_is_better",
      aggregation: "ratio",
      description: `Share of "${name.slice(0, 100)}" evaluations whose gen_ai.evaluation.score.label is "${label.slice(0, 50)}".`,
    },
  );
}

export function billingCostSignal(currency: string): DerivedSignal {
  return def(`billing.cost.${currency.toLowerCase()}`, `Billed AI spend (${currency})`, {
    kind: "cost",
    unit: currency,
    direction: "higher_is_worse",
    aggregation: "sum",
    description:
      "Daily EffectiveCost (BilledCost where EffectiveCost is empty) from FinOps FOCUS billing imports, corrections included.",
  });
}

export function billingTokenSignal(tokenType: string): DerivedSignal {
  const names: Record<string, string> = {
    input: "Billed input tokens",
    output: "Billed output tokens",
    cached_input: "Billed cached input tokens",
    cache_write: "Billed cache-write tokens",
    tokens: "Billed tokens",
  };
  return def(
    `billing.${tokenType === "tokens" ? "tokens" : `${tokenType}_tokens`}`,
    names[tokenType] ?? "Billed tokens",
    {
      kind: "custom",
      unit: "tokens",
      direction: "higher_is_worse",
      aggregation: "sum",
      description: "Daily ConsumedQuantity of FOCUS rows whose unit is tokens.",
    },
  );
}
