/**
 * Entry of a detection worker thread (see ./detection-pool.ts): runs the offline quiet-failure
 * detector over the series it is sent and answers with their findings. No database.
 */
import { parentPort } from "node:worker_threads";
import { detectAll } from "./detect-all.js";
import type { DetectionReply, DetectionRequest } from "./detection-pool.js";

parentPort?.on("message", (request: DetectionRequest) => {
  const reply: DetectionReply = { id: request.id, findings: detectAll(request.jobs) };
  parentPort!.postMessage(reply);
});
