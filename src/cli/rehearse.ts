import type { Command } from "commander";
import type { CommandContext } from "../commands/context.js";
import { projectRehearsal, runRehearsal } from "../commands/rehearsal.js";
import { WhatIfInput, type RehearsalResult } from "../contract/rehearsal.js";
import { formatNumber, formatPercent } from "../core/briefs/format.js";
import { invalid } from "../core/errors.js";
import { formatBreakRange, formatMultiple } from "../core/rehearsal/sentences.js";
import { openReadyDatabase } from "./database.js";
import { emit, fail } from "./output.js";

const CLI_ACTOR = { id: "cli", name: "parley rehearse", side: "engineering" as const, isAdmin: false };

interface RehearseOptions {
  system: string;
  scale?: string;
  priceMultiplier?: string;
  pricePer1k?: string;
  retryRate?: string;
  humanShare?: string;
  save?: boolean;
  json?: boolean;
}

function number(flag: string, text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number(text.trim().replace(/x$/i, "").replace(/%$/, ""));
  if (!Number.isFinite(n))
    throw invalid("invalid_option", `--${flag} "${text}" is not a number (e.g. --${flag} 0.2).`, {
      field: flag,
    });
  return text.trim().endsWith("%") ? n / 100 : n;
}

/** The what-if from the command line, checked by the same schema as the API. */
export function whatIfFromOptions(opts: RehearseOptions): WhatIfInput {
  const parsed = WhatIfInput.safeParse({
    scale: number("scale", opts.scale),
    costMultiplier: number("price-multiplier", opts.priceMultiplier) ?? 1,
    pricePer1kTokens: number("price-per-1k", opts.pricePer1k),
    retryRate: number("retry-rate", opts.retryRate),
    humanShare: number("human-share", opts.humanShare),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(
      "invalid_option",
      `--${String(issue?.path[0] ?? "option")}: ${issue?.message ?? "invalid"}.`,
    );
  }
  return parsed.data;
}

function cell(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

const OUTCOME_WORDS: Record<RehearsalResult["limits"][number]["outcome"], string> = {
  already_broken: "broken today",
  breaks_before_plan: "breaks before plan",
  breaks_after_plan: "breaks after plan",
  holds: "holds",
  not_load_driven: "not load-driven",
  no_data: "no data",
};

/** The projection as a readable table with both voices below it. */
export function renderRehearsal(name: string, r: RehearsalResult): string {
  const lines = [
    `What breaks first: ${name}${r.scale ? ` — rehearsed at ${formatMultiple(r.scale.multiple)}${r.scale.date ? ` (${r.scale.label}, ${r.scale.date})` : ""}` : ""}`,
    "",
    `${cell("Limit", 34)} ${cell("Value", 22)} ${cell("Used today", 11)} ${cell("Breaks at", 30)} Outcome`,
  ];
  for (const l of r.limits) {
    lines.push(
      `${cell(l.name, 34)} ${cell(`${formatNumber(l.value)} ${l.unit}`, 22)} ${cell(l.utilisationToday ? formatPercent(l.utilisationToday.central) : "—", 11)} ${cell(l.breakAt ? formatBreakRange(l.breakAt) : "—", 30)} ${OUTCOME_WORDS[l.outcome]}`,
    );
  }
  if (r.limits.length === 0) lines.push("(no capacity limits recorded)");
  lines.push("", "For leadership:", ...r.leadership.map((s) => `  ${s}`));
  lines.push("", "For engineering:", ...r.engineering.map((s) => `  - ${s}`));
  return lines.join("\n");
}

/** `parley rehearse`: what breaks first as usage grows, with what-ifs; --save keeps the result. */
export function registerRehearseCommand(program: Command, databaseSetting: () => string): void {
  program
    .command("rehearse")
    .description("Scale rehearsal: which capacity limit breaks first as usage grows, and at what multiple")
    .requiredOption("-s, --system <key>", "the system to rehearse")
    .option("--scale <multiple>", "the scale to rehearse, e.g. 10x (default: the planned scale)")
    .option("--price-multiplier <k>", "multiply the cost per request, e.g. 0.5 for a model at half the price")
    .option("--price-per-1k <price>", "price per 1,000 tokens (needs a token signal)")
    .option("--retry-rate <share>", "share of provider calls that are retries, e.g. 0.1")
    .option("--human-share <share>", "share of cases sent to a person, e.g. 0.2")
    .option("--save", "save the rehearsal (for briefs and the readiness gate)")
    .option("--json", "print the result as JSON")
    .action(async (opts: RehearseOptions) => {
      const json = Boolean(opts.json);
      try {
        const whatIf = whatIfFromOptions(opts);
        const database = await openReadyDatabase(databaseSetting());
        try {
          const system = await database.db
            .selectFrom("systems")
            .select(["key", "name"])
            .where("key", "=", opts.system.toLowerCase())
            .executeTakeFirst();
          const ctx: CommandContext = { database, actor: CLI_ACTOR, now: new Date() };
          const result = opts.save
            ? (await runRehearsal(ctx, opts.system, whatIf)).result
            : await projectRehearsal(database.db, opts.system, whatIf, ctx.now);
          emit(json, { system: system?.key ?? opts.system, saved: Boolean(opts.save), ...result }, () =>
            renderRehearsal(system?.name ?? opts.system, result),
          );
        } finally {
          await database.close();
        }
      } catch (err) {
        fail(err, json);
      }
    });
}
