import { Document } from "yaml";
import type { BudgetState, LimitState, SignalState, SystemState, WorkspaceState } from "./model.js";
import { fullGatePolicy } from "./plan.js";

/** Where editors find the schema unless told otherwise: a copy beside the file. */
export const DEFAULT_SCHEMA_REF = "./parley.schema.json";

function limitOf(l: LimitState): Record<string, unknown> {
  return {
    key: l.key,
    ...(l.name && { name: l.name }),
    windowDays: l.windowDays,
    ...(l.aggregate !== "mean" && { aggregate: l.aggregate }),
    ...(l.quantile !== null && { quantile: l.quantile }),
    comparator: l.comparator,
    threshold: l.threshold,
    ...(l.horizonDays !== null && { horizonDays: l.horizonDays }),
  };
}

function budgetOf(b: BudgetState): Record<string, unknown> {
  return {
    key: b.key,
    name: b.name,
    kind: b.kind,
    period: b.period,
    ...(b.amount !== null && { amount: b.amount }),
    ...(b.target !== null && { target: b.target }),
    ...(b.bucket !== "day" && { bucket: b.bucket }),
    ...(b.comparator !== "at_least" && { comparator: b.comparator }),
    ...(b.threshold !== null && { threshold: b.threshold }),
  };
}

function signalOf(s: SignalState): Record<string, unknown> {
  return {
    key: s.key,
    name: s.name,
    kind: s.kind,
    unit: s.unit,
    direction: s.direction,
    aggregation: s.aggregation,
    ...(s.quantile !== null && { quantile: s.quantile }),
    description: s.description,
    limits: s.limits.map(limitOf),
    budgets: s.budgets.map(budgetOf),
  };
}

function systemOf(s: SystemState): Record<string, unknown> {
  return {
    key: s.key,
    name: s.name,
    stage: s.stage,
    purpose: s.purpose,
    expectedOutcome: s.expectedOutcome,
    valueEstimate: s.valueEstimate,
    targetDate: s.targetDate,
    owners: s.owners,
    models: s.models,
    dataSources: s.dataSources,
    dependencies: s.dependencies,
    usersReached: s.usersReached,
    scaleNow: s.scaleNow,
    scalePlanned: s.scalePlanned,
    signals: s.signals.map(signalOf),
  };
}

/** The workspace as the data of a parley.yaml that applies to it with no changes. */
export function configOf(state: WorkspaceState): Record<string, unknown> {
  const sets = new Map<string, Array<{ text: string; askedBy: string; topic: string }>>();
  for (const q of state.questions) {
    if (q.archived) continue;
    const list = sets.get(q.set) ?? [];
    list.push({ text: q.text, askedBy: q.askedBy, topic: q.topic });
    sets.set(q.set, list);
  }
  return {
    version: 1,
    people: state.people.map((p) => ({ email: p.email, name: p.name, side: p.side })),
    readiness: { gates: fullGatePolicy(state.gates) },
    questionSets: [...sets].map(([name, questions]) => ({ name, questions })),
    systems: state.systems.map(systemOf),
  };
}

/** YAML text of the workspace, with the line that gives editors completion from the schema. */
export function renderConfigYaml(
  state: WorkspaceState,
  options: { schemaRef?: string; generatedAt?: Date } = {},
): string {
  const doc = new Document(configOf(state));
  const when = options.generatedAt ? ` on ${options.generatedAt.toISOString()}` : "";
  doc.commentBefore =
    ` yaml-language-server: $schema=${options.schemaRef ?? DEFAULT_SCHEMA_REF}\n` +
    ` Exported by parley export${when}. Apply with: parley apply FILE --as you@example.com`;
  return doc.toString({ lineWidth: 100 });
}
