import type { PriceBook } from "../price-book.js";
import { addCost, type MinuteBatch, type Resolution } from "./batch.js";
import type { EvalTotals, MinuteState } from "./minute-state.js";
import {
  attributes,
  child,
  count,
  DIGESTED_ATTRIBUTES,
  list,
  nanosToMs,
  text,
  toNumber,
  type AttributeValue,
  type OtlpObject,
  resourceAttributes,
} from "./values.js";

/** Operations that are not model calls: counting them would count their model calls twice. */
const NOT_MODEL_CALLS = new Set(["execute_tool", "invoke_agent", "create_agent"]);
const STATUS_ERROR = 2;
export const EVALUATION_EVENT = "gen_ai.evaluation.result";

/** The span attributes Parley reads; everything else is skipped while decoding. */
export const SPAN_KEYS: ReadonlySet<string> = new Set([
  "gen_ai.operation.name",
  "gen_ai.provider.name",
  "gen_ai.system",
  "gen_ai.request.model",
  "gen_ai.response.model",
  "gen_ai.usage.input_tokens",
  "gen_ai.usage.output_tokens",
  "gen_ai.usage.prompt_tokens",
  "gen_ai.usage.completion_tokens",
  "gen_ai.usage.cache_read.input_tokens",
  "gen_ai.usage.cache_creation.input_tokens",
  "gen_ai.usage.cost",
  "gen_ai.usage.cost.amount",
  "gen_ai.usage.cost.currency",
  "error.type",
]);
export const EVALUATION_KEYS: ReadonlySet<string> = new Set([
  "gen_ai.evaluation.name",
  "gen_ai.evaluation.score.value",
  "gen_ai.evaluation.score.label",
]);
const isSpanKey = (key: string) => SPAN_KEYS.has(key);
const isEvaluationKey = (key: string) => EVALUATION_KEYS.has(key);

/** A span's or event's wanted attributes, already picked by the decoder or read now. */
function wanted(item: OtlpObject, keep: (key: string) => boolean): Record<string, AttributeValue> {
  const digested = (item as { [DIGESTED_ATTRIBUTES]?: Record<string, AttributeValue> })[DIGESTED_ATTRIBUTES];
  return digested ?? attributes(item.attributes, keep);
}

export type Resolver = (resourceAttributes: Record<string, AttributeValue>) => Resolution;

export interface SpanContext {
  resolve: Resolver;
  prices: PriceBook;
}

/** True when a span carries any GenAI attribute Parley reads. */
function isGenAi(a: Record<string, AttributeValue>): boolean {
  return (
    a["gen_ai.operation.name"] !== undefined ||
    a["gen_ai.provider.name"] !== undefined ||
    a["gen_ai.system"] !== undefined ||
    a["gen_ai.request.model"] !== undefined
  );
}

/**
 * Folds the GenAI spans of an ExportTraceServiceRequest (protobuf or JSON shape) into per-system,
 * per-minute totals. Spans without GenAI attributes (HTTP, database, ...) are ignored, not refused.
 */
export function summarizeSpans(request: OtlpObject, ctx: SpanContext, batch: MinuteBatch): void {
  for (const resourceSpans of list(request, "resourceSpans", "resource_spans")) {
    const resource = child(resourceSpans, "resource", "resource");
    const where = ctx.resolve(resourceAttributes(resource));
    for (const scopeSpans of list(resourceSpans, "scopeSpans", "scope_spans")) {
      for (const span of list(scopeSpans, "spans", "spans")) {
        if (span === null || typeof span !== "object") {
          batch.reject(1, "a span is not an object");
          continue;
        }
        const a = wanted(span, isSpanKey);
        const events = list(span, "events", "events");
        if (!isGenAi(a) && !events.some(isEvaluationEvent)) continue;
        if ("unmapped" in where) {
          batch.reject(1, unmappedMessage(where.unmapped));
          batch.noteUnmapped(where.unmapped, 1);
          continue;
        }
        const start = nanosToMs(span.startTimeUnixNano ?? span.start_time_unix_nano);
        const end = nanosToMs(span.endTimeUnixNano ?? span.end_time_unix_nano);
        const problem = batch.outOfWindow(end) ?? (start > end ? "a span ends before it starts" : null);
        if (problem) {
          batch.reject(1, problem);
          continue;
        }
        const state = batch.minute(where.systemId, end);
        if (isGenAi(a)) addModelCall(state, a, span, start, end, batch);
        for (const event of events) if (isEvaluationEvent(event)) addEvaluation(state, event);
        batch.accepted += 1;
      }
    }
  }
  batch.finish(ctx.prices);
}

export function unmappedMessage(name: string): string {
  return `service "${name}" is not mapped to a Parley system: create a system with the key "${name}", or map the service with POST /api/v1/connectors/otlp/mappings {"pattern":"${name}","system":"<system key>"}`;
}

function isEvaluationEvent(event: OtlpObject): boolean {
  return event !== null && typeof event === "object" && event.name === EVALUATION_EVENT;
}

function addModelCall(
  state: MinuteState,
  a: Record<string, AttributeValue>,
  span: OtlpObject,
  start: number,
  end: number,
  batch: MinuteBatch,
): void {
  const operation = text(a["gen_ai.operation.name"]);
  if (operation !== null && NOT_MODEL_CALLS.has(operation)) return;
  const usage = state.spans;
  usage.requests += 1;
  const status = child(span, "status", "status");
  if ((status && toNumber(status.code) === STATUS_ERROR) || a["error.type"] !== undefined) usage.errors += 1;
  batch.latency(state, end - start);

  const input = count(a["gen_ai.usage.input_tokens"] ?? a["gen_ai.usage.prompt_tokens"]);
  const output = count(a["gen_ai.usage.output_tokens"] ?? a["gen_ai.usage.completion_tokens"]);
  const cachedInput = count(a["gen_ai.usage.cache_read.input_tokens"]);
  const cacheWrite = count(a["gen_ai.usage.cache_creation.input_tokens"]);
  const reported =
    a["gen_ai.usage.input_tokens"] !== undefined ||
    a["gen_ai.usage.output_tokens"] !== undefined ||
    a["gen_ai.usage.prompt_tokens"] !== undefined ||
    a["gen_ai.usage.completion_tokens"] !== undefined;
  if (reported) {
    usage.tokenRequests += 1;
    usage.inputTokens += input;
    usage.outputTokens += output;
    usage.cachedInputTokens += cachedInput;
  }

  const explicit = explicitCost(a);
  if (explicit) {
    addCost(usage, { [explicit.currency]: explicit.amount });
    return;
  }
  if (!reported) return;
  const model = text(a["gen_ai.response.model"]) ?? text(a["gen_ai.request.model"]);
  const provider = text(a["gen_ai.provider.name"]) ?? text(a["gen_ai.system"]);
  if (model === null) batch.noteUnpriced(`${provider ?? "unknown provider"}/unknown model`);
  else batch.tokens(state, provider, model, end, { input, output, cachedInput, cacheWrite });
}

/** gen_ai.usage.cost.amount (or gen_ai.usage.cost) with gen_ai.usage.cost.currency, default USD. */
function explicitCost(a: Record<string, AttributeValue>): { amount: number; currency: string } | null {
  const raw = a["gen_ai.usage.cost.amount"] ?? a["gen_ai.usage.cost"];
  if (raw === undefined || typeof raw === "boolean") return null;
  const amount = typeof raw === "number" ? raw : Number(raw);
  if (!Number.isFinite(amount) || amount < 0 || amount > 1e9) return null;
  const currency = text(a["gen_ai.usage.cost.currency"])?.toUpperCase() ?? "USD";
  return /^[A-Z]{3}$/.test(currency) ? { amount, currency } : null;
}

/** One gen_ai.evaluation.result (span event or log record attributes) into the minute's totals. */
export function addEvaluation(state: MinuteState, event: OtlpObject): void {
  addEvaluationAttributes(state, wanted(event, isEvaluationKey));
}

export function addEvaluationAttributes(state: MinuteState, a: Record<string, AttributeValue>): void {
  const name = text(a["gen_ai.evaluation.name"]) ?? "evaluation";
  const totals: EvalTotals = (state.evals[name] ??= { n: 0, scored: 0, sum: 0, labels: {} });
  totals.n += 1;
  const score = a["gen_ai.evaluation.score.value"];
  const value = typeof score === "number" ? score : typeof score === "string" ? Number(score) : Number.NaN;
  if (Number.isFinite(value)) {
    totals.scored += 1;
    totals.sum += value;
  }
  const label = text(a["gen_ai.evaluation.score.label"]);
  if (label !== null) totals.labels[label] = (totals.labels[label] ?? 0) + 1;
}
