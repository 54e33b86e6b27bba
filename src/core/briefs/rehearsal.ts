import type { BriefItem, BriefSection, Tone, Voice } from "../../contract/briefs.js";
import type { Rehearsal } from "../../contract/rehearsal.js";
import { formatBreakRange, formatMultiple } from "../rehearsal/sentences.js";
import { formatDate, plural } from "./format.js";
import { systemNamer, type BriefSnapshot } from "./snapshot.js";

/** How old a rehearsal may be before a brief says so. */
const STALE_DAYS = 30;

function toneOf(r: Rehearsal): Tone {
  const first = r.result.firstBreak;
  if (!first) return "good";
  if (first.breakAt.central <= 1) return "bad";
  return first.beforeScale ? "warn" : "good";
}

function ageNote(r: Rehearsal, asOf: string): string {
  const days = Math.floor((Date.parse(asOf) - Date.parse(r.createdAt)) / 86_400_000);
  const by = r.createdBy ? ` by ${r.createdBy.name}` : "";
  const stale = days > STALE_DAYS ? ` — ${days} days ago: run a new one before relying on it` : "";
  return `Rehearsed on ${formatDate(r.createdAt)}${by}${stale}.`;
}

function leadershipItem(r: Rehearsal, s: BriefSnapshot, prefix: string): BriefItem {
  const [headline = "", ...rest] = r.result.leadership;
  return {
    text: `${prefix}${headline}`,
    tone: toneOf(r),
    system: s.scope === "portfolio" ? (systemNamer(s).key(r.systemId) ?? null) : null,
    details: [...rest, ageNote(r, s.asOf)],
    quote: null,
  };
}

function engineeringItem(r: Rehearsal, s: BriefSnapshot, prefix: string): BriefItem {
  const first = r.result.firstBreak;
  const text = first
    ? `${prefix}${first.name} breaks first, at ${formatBreakRange(first.breakAt)} today's load${r.result.scale ? ` (rehearsed to ${formatMultiple(r.result.scale.multiple)})` : ""}.`
    : `${prefix}No recorded limit breaks as load grows.`;
  // The first line repeats the headline; the per-limit lines, ratios and what to record follow.
  return {
    text,
    tone: toneOf(r),
    system: s.scope === "portfolio" ? (systemNamer(s).key(r.systemId) ?? null) : null,
    details: [...r.result.engineering.slice(first ? 1 : 0), ageNote(r, s.asOf)],
    quote: null,
  };
}

/**
 * "What breaks first": the newest saved scale rehearsal of each covered system, in the reader's
 * voice. Null when no system has one, so briefs without rehearsals read as before.
 */
export function whatBreaksFirstSection(s: BriefSnapshot, voice: Voice): BriefSection | null {
  const rehearsals = s.rehearsals ?? [];
  if (rehearsals.length === 0) return null;
  const namer = systemNamer(s);
  const items = rehearsals.map((r) =>
    voice === "leadership"
      ? leadershipItem(r, s, namer.prefix(r.systemId))
      : engineeringItem(r, s, namer.prefix(r.systemId)),
  );
  const early = rehearsals.filter((r) => r.result.firstBreak?.beforeScale).length;
  const headline =
    s.scope === "system"
      ? (items[0]?.text ?? "")
      : early === 0
        ? `${plural(rehearsals.length, "system")} rehearsed at scale; none breaks before its planned scale.`
        : `${plural(rehearsals.length, "system")} rehearsed at scale; ${plural(early, "system")} ${early === 1 ? "breaks" : "break"} before the planned scale.`;
  const tones = items.map((i) => i.tone);
  return {
    id: "what_breaks_first",
    title: "What breaks first",
    headline,
    tone: tones.includes("bad") ? "bad" : tones.includes("warn") ? "warn" : "good",
    items,
    charts: [],
  };
}
