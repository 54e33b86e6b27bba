import type { Brief, BriefChart, BriefItem, BriefSection, Quote, Tone } from "../contract/briefs.js";
import {
  formatDate,
  formatInstant,
  formatMoney,
  formatNumber,
  formatPercent,
} from "../core/briefs/format.js";

// A brief as Markdown: readable raw in a terminal or a pull request, and rendered anywhere.

const MARK: Record<Tone, string> = { bad: "✗ ", warn: "⚠ ", good: "✓ ", neutral: "" };
const BLOCKS = "▁▂▃▄▅▆▇█";

/** Escapes what Markdown would read as markup; briefs carry people's own words. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`).replace(/\n+/g, " ");
}

const cell = (text: string) => escapeMarkdown(text).replace(/\|/g, "\\|");

/** A row of block characters, one per day; gaps where no data arrived. */
export function sparkline(values: ReadonlyArray<number | null>): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return "";
  const min = Math.min(...known);
  const max = Math.max(...known);
  return values
    .map((v) => {
      if (v === null) return " ";
      const level = max === min ? 3 : Math.round(((v - min) / (max - min)) * (BLOCKS.length - 1));
      return BLOCKS[level];
    })
    .join("");
}

function quoteLines(q: Quote, indent: string): string[] {
  const lines = [
    `${indent}> “${escapeMarkdown(q.text)}”`,
    `${indent}> — ${escapeMarkdown(q.by)}, ${formatDate(q.on)}, answering “${escapeMarkdown(q.question)}”`,
  ];
  if (q.readBack) {
    lines.push(`${indent}>`);
    lines.push(
      `${indent}> Read back by ${escapeMarkdown(q.readBack.by)} (${q.readBack.verdict.replace(/_/g, " ")}): “${escapeMarkdown(q.readBack.restatement)}”`,
    );
    if (q.readBack.note) lines.push(`${indent}> Note: ${escapeMarkdown(q.readBack.note)}`);
  }
  return lines;
}

function itemLines(i: BriefItem): string[] {
  const lines = [`- ${MARK[i.tone]}${escapeMarkdown(i.text)}`];
  for (const d of i.details) lines.push(`  - ${escapeMarkdown(d)}`);
  if (i.quote) {
    lines.push("");
    lines.push(...quoteLines(i.quote, "  "));
    lines.push("");
  }
  return lines;
}

const TONE_WORD: Record<Tone, string> = { bad: "bad", warn: "watch", good: "good", neutral: "—" };

function chartLines(c: BriefChart): string[] {
  const lines = [`*${escapeMarkdown(c.title)}*`, ""];
  switch (c.kind) {
    case "budget":
      lines.push("| Budget | Spent | Budget | Projected | Share |", "| --- | ---: | ---: | ---: | ---: |");
      for (const b of c.bars)
        lines.push(
          `| ${cell(b.label)} | ${formatMoney(b.spent, b.unit)} | ${formatMoney(b.budget, b.unit)} | ${b.projected === null ? "—" : formatMoney(b.projected, b.unit)} | ${b.budget > 0 ? formatPercent(b.spent / b.budget) : "—"} |`,
        );
      break;
    case "limits":
      lines.push("| Limit | Now | Trust is lost | State |", "| --- | ---: | ---: | --- |");
      for (const b of c.bars) {
        const show = (v: number) =>
          b.unit === "%" ? formatPercent(v) : `${formatNumber(v)}${b.unit ? ` ${b.unit}` : ""}`;
        lines.push(
          `| ${cell(b.label)} | ${b.value === null ? "no data" : show(b.value)} | ${b.comparator} ${show(b.threshold)} | ${TONE_WORD[b.tone]} |`,
        );
      }
      break;
    case "ranges":
      lines.push(`| | Low (${c.currency}) | High (${c.currency}) |`, "| --- | ---: | ---: |");
      for (const b of c.bars)
        lines.push(`| ${cell(b.label)} | ${formatNumber(b.low)} | ${formatNumber(b.high)} |`);
      break;
    case "sparklines":
      for (const l of c.lines) {
        const known = l.values.filter((v): v is number => v !== null);
        const range =
          known.length > 0
            ? ` ${formatNumber(known[0]!)} → ${formatNumber(known.at(-1)!)}${l.unit ? ` ${l.unit}` : ""}`
            : " no data";
        lines.push(
          `- ${escapeMarkdown(l.label)}: \`${sparkline(l.values) || "·"}\`${range}${l.threshold !== null ? ` (limit ${formatNumber(l.threshold)})` : ""}`,
        );
      }
      break;
  }
  lines.push("");
  return lines;
}

function sectionLines(s: BriefSection): string[] {
  const lines = [`## ${escapeMarkdown(s.title)}`, "", `**${escapeMarkdown(s.headline)}**`, ""];
  for (const i of s.items) lines.push(...itemLines(i));
  if (s.items.length > 0) lines.push("");
  for (const c of s.charts) lines.push(...chartLines(c));
  return lines;
}

/** Renders a brief as Markdown: a summary of every section's headline, then each section in full. */
export function renderBriefMarkdown(brief: Brief): string {
  const lines = [
    `# ${escapeMarkdown(brief.title)}`,
    "",
    `${formatDate(brief.period.from)} – ${formatDate(brief.period.to)} · ${brief.scope.kind === "portfolio" ? `${brief.scope.systems} systems` : `stage: ${brief.scope.system?.stage ?? "—"}`} · standing facts as of ${formatInstant(brief.asOf)}`,
    "",
    "## At a glance",
    "",
    ...brief.sections.map(
      (s) =>
        `- ${MARK[s.tone]}**${escapeMarkdown(s.title)}${/[?:]$/.test(s.title) ? "" : ":"}** ${escapeMarkdown(s.headline)}`,
    ),
    "",
  ];
  for (const s of brief.sections) lines.push(...sectionLines(s));
  lines.push("---", "", `*Generated by Parley on ${formatInstant(brief.generatedAt)}.*`, "");
  return lines.join("\n").replace(/\n{3,}/g, "\n\n");
}
