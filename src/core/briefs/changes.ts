import type { ChangeKind, Changes, EntityChange, FieldChange } from "../../contract/briefs.js";
import { clip, formatDate, listOf, plural } from "./format.js";

/** One attributed change, from the audit log or from Parley itself (findings, limit states). */
export interface ChangeEvent {
  seq: number;
  at: string;
  actor: string | null;
  systemKey: string | null;
  entity: string;
  entityId: string;
  action: string;
  summary: string;
  before: unknown;
  after: unknown;
}

const CREATING = new Set([
  "create",
  "propose",
  "setup",
  "ask",
  "answer",
  "not_ready",
  "go_faster",
  "understood",
  "needs_clarification",
  "disagree",
  "detected",
]);
const REMOVING = new Set(["delete", "archive", "revoke"]);
/** Bookkeeping fields that change on every write and say nothing to a reader. */
const QUIET_FIELDS = new Set([
  "createdAt",
  "updatedAt",
  "version",
  "passwordHash",
  "tokenHash",
  "decidedBy",
  "decidedAt",
  "proposedBy",
  "createdBy",
  "enteredBy",
  "triagedBy",
  "triagedAt",
  "readBy",
  "answeredBy",
  "changedBy",
  "supersededBy",
]);
/** References to other rows are ids, which mean nothing to a reader. */
const isQuiet = (key: string) => QUIET_FIELDS.has(key) || key === "id" || /Ids?$/.test(key);

export const CHANGE_GROUPS: ReadonlyArray<{ group: string; title: string; entities: readonly string[] }> = [
  { group: "system", title: "The system", entities: ["system"] },
  { group: "risks", title: "Risks and decisions", entities: ["risk", "decision"] },
  { group: "safeguards", title: "Safeguards", entities: ["safeguard"] },
  {
    group: "limits",
    title: "Signals, trust limits and budgets",
    entities: ["signal", "trust_limit", "risk_budget"],
  },
  {
    group: "rehearsal",
    title: "Scale rehearsal",
    entities: ["planned_scale", "capacity_limit", "rehearsal"],
  },
  { group: "findings", title: "Quiet-failure findings", entities: ["finding"] },
  { group: "conversations", title: "Conversations", entities: ["round", "ask", "answer", "read_back"] },
  { group: "statements", title: '"Not ready" and "go faster"', entities: ["statement"] },
  { group: "ledger", title: "Invisible-work ledger", entities: ["ledger_entry"] },
  { group: "workspace", title: "People and the question bank", entities: ["person", "question"] },
];

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** A field's value as a reader sees it: JSON lists as "a, b", long text clipped. */
function show(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "string") {
    if (value.startsWith("[") || value.startsWith("{")) {
      try {
        const parsed: unknown = JSON.parse(value);
        if (Array.isArray(parsed)) return parsed.length ? parsed.map(String).join(", ") : "(none)";
      } catch {
        /* plain text that happens to start with a bracket */
      }
    }
    return clip(value, 160);
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return clip(JSON.stringify(value), 160);
}

/** "reviewBy" → "review by". */
function fieldLabel(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** Fields whose value differs between the first `before` and the last `after`. */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const b = asRecord(before) ?? {};
  const a = asRecord(after) ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !isQuiet(k));
  return keys
    .filter((k) => k in a && show(b[k]) !== show(a[k]))
    .map((k) => ({ field: fieldLabel(k), before: show(b[k]), after: show(a[k]) }));
}

function nameOf(e: ChangeEvent, names: ReadonlyMap<string, string>): string {
  const record = asRecord(e.after) ?? asRecord(e.before) ?? {};
  const ref = (key: string) =>
    typeof record[key] === "string" ? names.get(record[key] as string) : undefined;
  const own = ["title", "name", "text", "summary", "restatement", "body"]
    .map((k) => record[k])
    .find((v): v is string => typeof v === "string" && v.length > 0);
  return (
    names.get(e.entityId) ?? ref("riskId") ?? ref("askId") ?? (own ? clip(own, 120) : undefined) ?? e.summary
  );
}

/** Decisions are read per risk: the second decision on a risk is a change of the first. */
function groupKey(e: ChangeEvent): string {
  const riskId = e.entity === "decision" ? asRecord(e.after)?.riskId : undefined;
  if (typeof riskId === "string") return `decision:${riskId}`;
  // An answer and its read-back are one exchange about one question.
  const askId = e.entity === "answer" || e.entity === "read_back" ? asRecord(e.after)?.askId : undefined;
  if (typeof askId === "string") return `exchange:${askId}`;
  return `${e.entity}:${e.entityId}`;
}

function kindOf(events: readonly ChangeEvent[]): ChangeKind {
  const first = events[0]!;
  const last = events.at(-1)!;
  if (REMOVING.has(last.action)) return "removed";
  if (first.entity === "decision") return "decided";
  if (CREATING.has(first.action) && (first.before === null || first.before === undefined)) return "added";
  return "changed";
}

export interface ChangesInput {
  scope: Changes["scope"];
  since: string;
  sinceRound: Changes["sinceRound"];
  until: string;
  truncated: boolean;
  /** Events in the window, in any order. */
  events: readonly ChangeEvent[];
  /** Display names by id: risk titles, ask texts, limit and signal names. */
  names: ReadonlyMap<string, string>;
}

/**
 * "What changed since": events collapsed to one line per thing that changed, grouped by kind of
 * thing, with field-level before → after for changes. Newest change first within a group.
 */
export function summarizeChanges(input: ChangesInput): Changes {
  const ordered = [...input.events].sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq);
  const byEntity = new Map<string, ChangeEvent[]>();
  for (const e of ordered) {
    const key = groupKey(e);
    byEntity.set(key, [...(byEntity.get(key) ?? []), e]);
  }
  const changes: EntityChange[] = [...byEntity.values()].map((events) => {
    const first = events[0]!;
    const last = events.at(-1)!;
    const kind = kindOf(events);
    return {
      entity: first.entity,
      entityId: last.entityId,
      name: nameOf(last, input.names),
      system: last.systemKey,
      kind,
      at: last.at,
      by: [...new Set(events.map((e) => e.actor).filter((a): a is string => a !== null))],
      fields: kind === "changed" || kind === "decided" ? fieldChanges(first.before, last.after) : [],
      events: events.map((e) => ({ at: e.at, summary: e.summary })),
    };
  });
  const groups = CHANGE_GROUPS.map(({ group, title, entities }) => ({
    group,
    title,
    changes: changes
      .filter((c) => entities.includes(c.entity))
      .sort((a, b) => b.at.localeCompare(a.at) || a.name.localeCompare(b.name)),
  })).filter((g) => g.changes.length > 0);
  const count = (k: ChangeKind) => changes.filter((c) => c.kind === k).length;
  const people = new Set(changes.flatMap((c) => c.by));
  const counts = {
    events: ordered.length,
    added: count("added"),
    changed: count("changed"),
    decided: count("decided"),
    removed: count("removed"),
  };
  const since = input.sinceRound
    ? `the round "${input.sinceRound.title}" (${formatDate(input.sinceRound.heldOn)})`
    : formatDate(input.since);
  const parts = (["added", "changed", "decided", "removed"] as const)
    .filter((k) => counts[k] > 0)
    .map((k) => `${counts[k]} ${k}`);
  const headline =
    changes.length === 0
      ? `Nothing changed since ${since}.`
      : `${plural(changes.length, "thing")} changed since ${since}${people.size > 0 ? `, by ${plural(people.size, "person", "people")}` : ""}: ${listOf(parts)}.`;
  return {
    scope: input.scope,
    since: input.since,
    sinceRound: input.sinceRound,
    until: input.until,
    headline,
    counts,
    truncated: input.truncated,
    groups,
  };
}
