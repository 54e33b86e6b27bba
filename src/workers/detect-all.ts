import { detectChanges, findingsFromDetection, type Finding } from "../core/signals/index.js";

/** A series for the offline detector: daily values (NaN where a day has none) and day starts. */
export interface DetectionJob {
  v: number[];
  t: number[];
}

/** The findings of each series, in order (what a detection worker does with a request). */
export function detectAll(jobs: readonly DetectionJob[]): Finding[][] {
  return jobs.map((job) => findingsFromDetection(detectChanges(job.v, job.t)));
}
