import { ConfigFile, type ConfigProblem } from "../contract/config.js";
import type { WorkspaceState } from "./model.js";
import { budgetKeyOf, limitKeyOf } from "./plan.js";
import { problemAt, schemaProblems, sortProblems } from "./problems.js";
import { parseYaml, type Path, type YamlSource } from "./yaml-source.js";

export type ParsedConfig =
  | { ok: true; source: YamlSource; config: ConfigFile }
  | { ok: false; source: YamlSource; problems: ConfigProblem[] };

/** YAML text → a validated config, or every syntax and schema problem at once. */
export function parseConfig(file: string, text: string): ParsedConfig {
  const source = parseYaml(file, text);
  if (source.problems.length > 0) return { ok: false, source, problems: sortProblems(source.problems) };
  if (source.value === null || source.value === undefined)
    return {
      ok: false,
      source,
      problems: [
        {
          file,
          line: 1,
          column: 1,
          path: "",
          message: "the file is empty",
          fix: "start with systems: (see docs/config-as-code.md for a full example)",
        },
      ],
    };
  const parsed = ConfigFile.safeParse(source.value);
  if (!parsed.success)
    return { ok: false, source, problems: schemaProblems(source, parsed.error, ConfigFile) };
  const problems = duplicateProblems(source, parsed.data);
  return problems.length > 0 ? { ok: false, source, problems } : { ok: true, source, config: parsed.data };
}

function duplicates<T>(
  source: YamlSource,
  list: readonly T[] | undefined,
  at: (index: number) => Path,
  keyOf: (t: T) => string,
  noun: string,
): ConfigProblem[] {
  const seen = new Map<string, number>();
  const out: ConfigProblem[] = [];
  (list ?? []).forEach((entry, index) => {
    const key = keyOf(entry);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else {
      const firstLine = source.positionOf(at(first)).line;
      out.push(
        problemAt(
          source,
          at(index),
          `${noun} "${key}" is listed twice (first on line ${firstLine})`,
          `merge the two entries${noun.includes("limit") || noun.includes("budget") ? ", or give one a different key:" : ""}`,
        ),
      );
    }
  });
  return out;
}

/** Two entries with one identity would fight over one thing: say where both are. */
export function duplicateProblems(source: YamlSource, config: ConfigFile): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  out.push(
    ...duplicates(
      source,
      config.people,
      (i) => ["people", i, "email"],
      (p) => p.email,
      "person",
    ),
  );
  out.push(
    ...duplicates(
      source,
      config.questionSets,
      (i) => ["questionSets", i, "name"],
      (s) => s.name,
      "question set",
    ),
  );
  config.questionSets?.forEach((set, s) =>
    out.push(
      ...duplicates(
        source,
        set.questions,
        (i) => ["questionSets", s, "questions", i, "text"],
        (q) => q.text,
        "question",
      ),
    ),
  );
  out.push(
    ...duplicates(
      source,
      config.systems,
      (i) => ["systems", i, "key"],
      (s) => s.key,
      "system",
    ),
  );
  config.systems?.forEach((system, s) => {
    out.push(
      ...duplicates(
        source,
        system.signals,
        (i) => ["systems", s, "signals", i, "key"],
        (g) => g.key,
        "signal",
      ),
    );
    system.signals?.forEach((signal, g) => {
      const base = ["systems", s, "signals", g] as const;
      out.push(
        ...duplicates(source, signal.limits, (i) => [...base, "limits", i], limitKeyOf, "trust limit key"),
      );
      out.push(
        ...duplicates(source, signal.budgets, (i) => [...base, "budgets", i], budgetKeyOf, "risk budget key"),
      );
    });
  });
  return sortProblems(out);
}

/**
 * What the file cannot do to this workspace, found before anything is written: owners nobody
 * knows, new systems and signals without the fields they need.
 */
export function workspaceProblems(
  source: YamlSource,
  config: ConfigFile,
  current: WorkspaceState,
): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const known = new Set([
    ...current.people.map((p) => p.email),
    ...(config.people ?? []).map((p) => p.email),
  ]);
  const systems = new Map(current.systems.map((s) => [s.key, s]));
  config.systems?.forEach((system, s) => {
    const have = systems.get(system.key);
    if (!have && system.name === undefined)
      out.push(
        problemAt(
          source,
          ["systems", s, "key"],
          `the new system "${system.key}" needs a name`,
          "add name: under it",
          "value",
        ),
      );
    for (const side of ["leadership", "engineering"] as const) {
      const email = system.owners?.[side];
      if (email && !known.has(email))
        out.push(
          problemAt(
            source,
            ["systems", s, "owners", side],
            `${email} is not a person in this workspace`,
            `add them under people: (email, name, side), or correct the address`,
          ),
        );
    }
    const signals = new Map((have?.signals ?? []).map((g) => [g.key, g]));
    system.signals?.forEach((signal, g) => {
      if (signals.has(signal.key)) return;
      const missing = (["name", "kind"] as const).filter((f) => signal[f] === undefined);
      if (missing.length > 0)
        out.push(
          problemAt(
            source,
            ["systems", s, "signals", g, "key"],
            `the new signal "${signal.key}" needs ${missing.join(" and ")}`,
            `add ${missing.map((m) => `${m}:`).join(" and ")} under it`,
          ),
        );
      const aggregation = signal.aggregation ?? "mean";
      if (aggregation === "quantile" && (signal.quantile === undefined || signal.quantile === null))
        out.push(
          problemAt(
            source,
            ["systems", s, "signals", g, "aggregation"],
            "a quantile signal needs quantile",
            "add quantile: 0.95 (for p95)",
          ),
        );
    });
  });
  return sortProblems(out);
}
