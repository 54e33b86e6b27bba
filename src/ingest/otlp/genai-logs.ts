import type { MinuteBatch } from "./batch.js";
import { addEvaluationAttributes, EVALUATION_EVENT, unmappedMessage, type Resolver } from "./genai-spans.js";
import { attributes, child, list, nanosToMs, resourceAttributes, type OtlpObject } from "./values.js";

const isWanted = (key: string) => key.startsWith("gen_ai.evaluation.") || key === "event.name";

/**
 * Evaluation results sent as log-based events (the newer way to emit gen_ai.evaluation.result):
 * LogRecord.event_name, or an event.name attribute from older SDKs. Other log records are ignored.
 */
export function summarizeLogs(request: OtlpObject, resolve: Resolver, batch: MinuteBatch): void {
  for (const resourceLogs of list(request, "resourceLogs", "resource_logs")) {
    const resource = child(resourceLogs, "resource", "resource");
    const where = resolve(resourceAttributes(resource));
    for (const scopeLogs of list(resourceLogs, "scopeLogs", "scope_logs")) {
      for (const record of list(scopeLogs, "logRecords", "log_records")) {
        if (record === null || typeof record !== "object") continue;
        const a = attributes(record.attributes, isWanted);
        const eventName = record.eventName ?? record.event_name ?? a["event.name"];
        if (eventName !== EVALUATION_EVENT) continue;
        if ("unmapped" in where) {
          batch.reject(1, unmappedMessage(where.unmapped));
          batch.noteUnmapped(where.unmapped, 1);
          continue;
        }
        let t = nanosToMs(record.timeUnixNano ?? record.time_unix_nano);
        if (!Number.isFinite(t)) t = nanosToMs(record.observedTimeUnixNano ?? record.observed_time_unix_nano);
        const problem = batch.outOfWindow(t);
        if (problem) {
          batch.reject(1, problem);
          continue;
        }
        addEvaluationAttributes(batch.minute(where.systemId, t), a);
        batch.accepted += 1;
      }
    }
  }
}
