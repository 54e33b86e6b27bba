import type { FastifyRequest } from "fastify";
import { invalid } from "../core/errors.js";

// PostgreSQL refuses NUL in text, and both drivers turn lone UTF-16 surrogates into U+FFFD, so the
// stored text (and the audit hash over it) would differ from what was sent.
const UNSTORABLE = /\u0000|\p{Cs}/u;

/**
 * Whether any string or key in `value` cannot be stored faithfully. No paths are built: this runs
 * over every request body, 100,000-point ingest batches included.
 */
function hasUnstorableText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (UNSTORABLE.test(v)) return true;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (item !== null && (typeof item === "object" || typeof item === "string")) stack.push(item);
      }
    } else if (v !== null && typeof v === "object") {
      for (const k in v) {
        if (!Object.hasOwn(v, k)) continue;
        if (UNSTORABLE.test(k)) return true;
        const item = (v as Record<string, unknown>)[k];
        if (item !== null && (typeof item === "object" || typeof item === "string")) stack.push(item);
      }
    }
  }
  return false;
}

/** The path of the first string (or key) Parley cannot store faithfully, or null. */
export function unstorableTextAt(value: unknown, root: string): string | null {
  if (!hasUnstorableText(value)) return null;
  // Iterative on purpose: bodies can nest thousands of levels deep.
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      if (UNSTORABLE.test(v)) return path;
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, `${path}.${i}`]));
    } else if (v !== null && typeof v === "object") {
      for (const [k, item] of Object.entries(v)) {
        if (UNSTORABLE.test(k)) return `${path}.${k}`;
        stack.push([item, `${path}.${k}`]);
      }
    }
  }
  return null;
}

/** Refuses requests carrying text that could not be stored as sent. */
export async function refuseUnstorableText(req: FastifyRequest): Promise<void> {
  const field =
    unstorableTextAt(req.params, "params") ??
    unstorableTextAt(req.query, "query") ??
    unstorableTextAt(req.body, "body");
  if (field) {
    throw invalid(
      "unstorable_text",
      `${field} contains a NUL character or a broken UTF-16 surrogate, which Parley cannot store. Remove it and send again.`,
      { field },
    );
  }
}

/** Whether a single string can be stored as sent. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}
