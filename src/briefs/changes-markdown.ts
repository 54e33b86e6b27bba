import type { Changes, EntityChange } from "../contract/briefs.js";
import { formatDate, formatInstant } from "../core/briefs/format.js";
import { escapeMarkdown } from "./markdown.js";

const KIND_LABELS = { added: "Added", changed: "Changed", decided: "Decided", removed: "Removed" } as const;

function changeLines(c: EntityChange, workspace: boolean): string[] {
  const who = c.by.length > 0 ? c.by.join(", ") : "Parley";
  const where = workspace && c.system ? ` [${c.system}]` : "";
  const lines = [
    `- **${KIND_LABELS[c.kind]}**${where}: ${escapeMarkdown(c.name)} — ${escapeMarkdown(who)}, ${formatDate(c.at)}`,
  ];
  for (const f of c.fields)
    lines.push(
      `  - ${escapeMarkdown(f.field)}: ${escapeMarkdown(f.before ?? "—")} → ${escapeMarkdown(f.after ?? "—")}`,
    );
  if (c.fields.length === 0 || c.events.length > 1)
    for (const e of c.events) lines.push(`  - ${formatDate(e.at)}: ${escapeMarkdown(e.summary)}`);
  return lines;
}

/** "What changed since" as Markdown: one heading per kind of thing, one line per thing. */
export function renderChangesMarkdown(changes: Changes): string {
  const subject = changes.scope.system ? escapeMarkdown(changes.scope.system.name) : "the workspace";
  const since = changes.sinceRound
    ? `the round “${escapeMarkdown(changes.sinceRound.title)}” (${formatDate(changes.sinceRound.heldOn)})`
    : formatDate(changes.since);
  const lines = [
    `# What changed in ${subject} since ${since}`,
    "",
    `**${escapeMarkdown(changes.headline)}**`,
    "",
    `From ${formatInstant(changes.since)} to ${formatInstant(changes.until)}; ${changes.counts.events} recorded events.${changes.truncated ? " Only the oldest events were read: narrow the window to see the rest." : ""}`,
    "",
  ];
  for (const g of changes.groups) {
    lines.push(`## ${escapeMarkdown(g.title)}`, "");
    for (const c of g.changes) lines.push(...changeLines(c, changes.scope.kind === "workspace"));
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
