import { ConfigFile, type ConfigPlan, type ConfigProblem } from "../contract/config.js";
import { budgetsToOpenSlo, openSloToConfig } from "../config/openslo.js";
import { problemAt, schemaProblems } from "../config/problems.js";
import { parseYamlStream, type YamlSource } from "../config/yaml-source.js";
import { notFound } from "../core/errors.js";
import type { Database, Db } from "../store/database.js";
import { applyParsed, ConfigProblems, planParsedConfig, readWorkspaceState } from "./config.js";
import type { CommandContext } from "./context.js";

export interface OpenSloOptions {
  /** The Parley system every SLO belongs to, instead of each SLO's spec.service. */
  system?: string | undefined;
}

interface Prepared {
  source: YamlSource;
  config: ConfigFile;
  notes: string[];
}

/**
 * OpenSLO text → a validated partial config against this workspace: the systems must exist;
 * signals that exist are left as they are (only their budgets are added or changed).
 */
async function prepare(db: Db, file: string, text: string, options: OpenSloOptions): Promise<Prepared> {
  const sources = parseYamlStream(file, text);
  const mapped = openSloToConfig(sources, options);
  const problems: ConfigProblem[] = [...mapped.problems];
  const state = await readWorkspaceState(db);
  const systems = new Map(state.systems.map((s) => [s.key, s]));
  for (const system of mapped.config.systems ?? []) {
    if (systems.has(system.key)) continue;
    const origin = mapped.systemOrigins.get(system.key);
    const message = `no system "${system.key}" in this workspace`;
    const fix = "register it first (parley apply or the web app), or pass --system KEY";
    problems.push(
      origin
        ? problemAt(origin.source, origin.path, message, fix)
        : { file, line: 1, column: 1, path: "", message, fix },
    );
  }
  if (problems.length > 0) throw new ConfigProblems(problems);
  if ((mapped.config.systems ?? []).length === 0)
    throw new ConfigProblems([
      {
        file,
        line: 1,
        column: 1,
        path: "",
        message: "no SLO documents (apiVersion openslo/v1, kind SLO) in the file",
        fix: "see docs/openslo.md for an example",
      },
    ]);
  const notes = [...mapped.notes];
  const config = {
    ...mapped.config,
    systems: mapped.config.systems!.map((system) => {
      const have = new Map(systems.get(system.key)!.signals.map((g) => [g.key, g]));
      return {
        ...system,
        signals: system.signals!.map((g) => {
          const existing = have.get(g.key);
          if (!existing) return g;
          if (g.aggregation && existing.aggregation !== g.aggregation)
            notes.push(
              `the signal ${system.key}/${g.key} exists with ${existing.aggregation} aggregation (the SLI suggests ${g.aggregation}); its budgets judge the signal as it is.`,
            );
          return { key: g.key, budgets: g.budgets };
        }),
      };
    }),
  };
  const source = sources[0]!;
  const checked = ConfigFile.safeParse(config);
  if (!checked.success) throw new ConfigProblems(schemaProblems(source, checked.error, ConfigFile));
  return { source, config: checked.data, notes };
}

/** What importing OpenSLO documents would create or change, with what did not map exactly. */
export async function planOpenSloImport(
  database: Database,
  file: string,
  text: string,
  options: OpenSloOptions,
): Promise<{ plan: ConfigPlan; notes: string[] }> {
  const prepared = await prepare(database.db, file, text, options);
  const plan = await planParsedConfig(database, prepared.source, prepared.config, {
    prune: false,
    reportAbsent: false,
  });
  return { plan, notes: prepared.notes };
}

/** Imports OpenSLO SLOs as Parley budgets in one transaction, recorded under the actor. */
export async function importOpenSlo(
  ctx: CommandContext,
  file: string,
  text: string,
  options: OpenSloOptions & { expected?: ConfigPlan | undefined },
): Promise<{ plan: ConfigPlan; notes: string[] }> {
  const prepared = await prepare(ctx.database.db, file, text, options);
  const result = await applyParsed(ctx, prepared.source, prepared.config, {
    prune: false,
    reportAbsent: false,
    expected: options.expected,
  });
  return { plan: result.plan, notes: prepared.notes };
}

/** The workspace's objective budgets as OpenSLO v1 SLO documents (spend budgets are skipped). */
export async function exportOpenSlo(
  database: Database,
  options: OpenSloOptions,
): Promise<{ text: string; count: number; skipped: string[] }> {
  const state = await readWorkspaceState(database.db);
  if (options.system && !state.systems.some((s) => s.key === options.system))
    throw notFound("system", options.system);
  return budgetsToOpenSlo(state, options.system ? { system: options.system } : {});
}
