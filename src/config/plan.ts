import type {
  BudgetSpec,
  ConfigFile,
  ConfigPlan,
  FieldChange,
  LimitSpec,
  PersonSpec,
  PlanItem,
  QuestionSpec,
  SignalSpec,
  SystemSpec,
} from "../contract/config.js";
import type { Side, Stage } from "../contract/enums.js";
import { STAGES } from "../contract/enums.js";
import type { GatePolicy } from "../core/readiness.js";
import {
  derivedBudgetKey,
  derivedLimitKey,
  type BudgetState,
  type LimitState,
  type SystemState,
  type WorkspaceState,
} from "./model.js";

/** One step of applying a plan; apply.ts runs each through the matching command. */
export type Operation =
  | { op: "set_gates"; gates: GatePolicy }
  | { op: "create_person"; person: PersonSpec }
  | { op: "update_person"; id: string; name: string; side: Side }
  | { op: "create_question"; set: string; question: QuestionSpec }
  | { op: "update_question"; id: string; question: QuestionSpec }
  | { op: "archive_question"; id: string }
  | { op: "create_system"; system: SystemSpec & { name: string } }
  | { op: "update_system"; key: string; system: SystemSpec }
  | { op: "change_stage"; key: string; to: Stage }
  | { op: "create_signal"; systemKey: string; signal: SignalSpec }
  | { op: "update_signal"; id: string; signal: SignalSpec }
  | {
      op: "create_limit";
      systemKey: string;
      signalKey: string;
      limit: LimitSpec & { key: string };
      replaces?: string;
    }
  | { op: "archive_limit"; id: string }
  | {
      op: "create_budget";
      systemKey: string;
      signalKey: string;
      budget: BudgetSpec & { key: string };
      replaces?: string;
    }
  | { op: "archive_budget"; id: string };

export type PlannedItem = PlanItem & { operations: Operation[] };

/** The order operations run in, whatever order the items are listed in. */
const PHASE: Record<Operation["op"], number> = {
  set_gates: 0,
  create_person: 1,
  update_person: 1,
  create_question: 2,
  update_question: 2,
  archive_question: 2,
  create_system: 3,
  update_system: 3,
  create_signal: 4,
  update_signal: 4,
  archive_limit: 5,
  archive_budget: 5,
  create_limit: 6,
  create_budget: 6,
  // Last: a gate may need the limits and budgets this same file creates.
  change_stage: 7,
};

export function operationsInOrder(items: readonly PlannedItem[]): Operation[] {
  return items
    .flatMap((item) => item.operations)
    .map((op, i) => ({ op, i }))
    .sort((a, b) => PHASE[a.op.op] - PHASE[b.op.op] || a.i - b.i)
    .map((x) => x.op);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function diff(fields: ReadonlyArray<[string, unknown, unknown]>): FieldChange[] {
  return fields
    .filter(([, before, after]) => after !== undefined && !same(before, after))
    .map(([field, before, after]) => ({ field, before, after }));
}

/** `diff` of the fields that have one name in the workspace state and in the file, in `fields` order. */
function fieldChanges<Have, Want>(
  have: Have,
  want: Want,
  fields: ReadonlyArray<keyof Have & keyof Want & string>,
): FieldChange[] {
  return diff(fields.map((field) => [field, have[field], want[field]]));
}

function item(
  action: PlanItem["action"],
  entity: PlanItem["entity"],
  address: string,
  operations: Operation[] = [],
  extra: Partial<Pick<PlanItem, "changes" | "replace" | "note">> = {},
): PlannedItem {
  return {
    action,
    entity,
    address,
    changes: extra.changes ?? [],
    replace: extra.replace ?? false,
    note: extra.note ?? null,
    operations,
  };
}

/** Gates as compared and stored: every gated stage named, in stage order. */
export function fullGatePolicy(gates: GatePolicy): GatePolicy {
  const out: GatePolicy = {};
  for (const stage of STAGES) if (stage !== "idea" && stage !== "retired") out[stage] = gates[stage] ?? [];
  return out;
}

function planGates(file: ConfigFile, current: WorkspaceState): PlannedItem[] {
  const wanted = file.readiness?.gates;
  if (!wanted) return [];
  const before = fullGatePolicy(current.gates);
  const after = fullGatePolicy({
    ...before,
    ...Object.fromEntries(Object.entries(wanted).filter(([, v]) => v)),
  });
  const changes = diff(
    Object.keys(after).map((s) => [s, before[s as Stage], after[s as Stage]] as [string, unknown, unknown]),
  );
  return changes.length === 0
    ? [item("unchanged", "setting", "readiness gates")]
    : [item("change", "setting", "readiness gates", [{ op: "set_gates", gates: after }], { changes })];
}

function planPeople(file: ConfigFile, current: WorkspaceState): PlannedItem[] {
  if (!file.people) return [];
  const byEmail = new Map(current.people.map((p) => [p.email, p]));
  const out = file.people.map((p) => {
    const have = byEmail.get(p.email);
    if (!have)
      return item("create", "person", `person ${p.email}`, [{ op: "create_person", person: p }], {
        note: "added as an account without a usable password; an admin sets it in Settings → People",
      });
    const changes = diff([
      ["name", have.name, p.name],
      ["side", have.side, p.side],
    ]);
    return changes.length === 0
      ? item("unchanged", "person", `person ${p.email}`)
      : item(
          "change",
          "person",
          `person ${p.email}`,
          [{ op: "update_person", id: have.id, name: p.name, side: p.side }],
          {
            changes,
          },
        );
  });
  const listed = new Set(file.people.map((p) => p.email));
  for (const p of current.people)
    if (!listed.has(p.email))
      out.push(
        item("absent", "person", `person ${p.email}`, [], { note: "people are never removed by apply" }),
      );
  return out;
}

function planQuestions(file: ConfigFile, current: WorkspaceState, prune: boolean): PlannedItem[] {
  if (!file.questionSets) return [];
  const out: PlannedItem[] = [];
  const byId = new Map(current.questions.map((q) => [`${q.set}\u0000${q.text}`, q]));
  const listed = new Set<string>();
  for (const set of file.questionSets) {
    for (const q of set.questions) {
      const id = `${set.name}\u0000${q.text}`;
      listed.add(id);
      const have = byId.get(id);
      const address = `question ${set.name}: "${short(q.text)}"`;
      if (!have) {
        out.push(
          item("create", "question", address, [{ op: "create_question", set: set.name, question: q }]),
        );
        continue;
      }
      const changes = diff([
        ["askedBy", have.askedBy, q.askedBy],
        ["topic", have.topic, q.topic],
        ["archived", have.archived, false],
      ]);
      out.push(
        changes.length === 0
          ? item("unchanged", "question", address)
          : item("change", "question", address, [{ op: "update_question", id: have.id, question: q }], {
              changes,
            }),
      );
    }
  }
  for (const q of current.questions) {
    if (q.archived || listed.has(`${q.set}\u0000${q.text}`)) continue;
    const address = `question ${q.set}: "${short(q.text)}"`;
    out.push(
      prune
        ? item("prune", "question", address, [{ op: "archive_question", id: q.id }], {
            note: "archived; rounds that asked it keep their copy",
          })
        : item("absent", "question", address),
    );
  }
  return out;
}

function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function systemChanges(have: SystemState, want: SystemSpec): FieldChange[] {
  return diff([
    ["name", have.name, want.name],
    ["purpose", have.purpose, want.purpose],
    ["expectedOutcome", have.expectedOutcome, want.expectedOutcome],
    ["valueEstimate", have.valueEstimate, want.valueEstimate],
    ["targetDate", have.targetDate, want.targetDate],
    ["owners.leadership", have.owners.leadership, want.owners?.leadership],
    ["owners.engineering", have.owners.engineering, want.owners?.engineering],
    ["models", have.models, want.models],
    ["dataSources", have.dataSources, want.dataSources],
    ["dependencies", have.dependencies, want.dependencies],
    ["usersReached", have.usersReached, want.usersReached],
    ["scaleNow", have.scaleNow, want.scaleNow],
    ["scalePlanned", have.scalePlanned, want.scalePlanned],
  ]);
}

const SIGNAL_FIELDS = [
  "name",
  "kind",
  "unit",
  "direction",
  "aggregation",
  "quantile",
  "description",
] as const;

export const limitKeyOf = (l: LimitSpec) => l.key ?? derivedLimitKey(l);
export const budgetKeyOf = (b: BudgetSpec) => b.key ?? derivedBudgetKey(b);

/** What differs between trust limits and risk budgets when planning them; the planning is shared. */
interface TargetKind<Want, Have extends { id: string; key: string }> {
  entity: "trust_limit" | "risk_budget";
  noun: string;
  keyOf(want: Want): string;
  /** The fields compared, in the order a plan lists their changes. */
  fields: ReadonlyArray<keyof Have & keyof Want & string>;
  create(
    where: { systemKey: string; signalKey: string },
    want: Want,
    key: string,
    replaces?: string,
  ): Operation;
  archive(id: string): Operation;
}

const LIMITS: TargetKind<LimitSpec, LimitState> = {
  entity: "trust_limit",
  noun: "limit",
  keyOf: limitKeyOf,
  fields: ["name", "windowDays", "aggregate", "quantile", "comparator", "threshold", "horizonDays"],
  create: (where, limit, key, replaces) => ({
    op: "create_limit",
    ...where,
    limit: { ...limit, key },
    ...(replaces && { replaces }),
  }),
  archive: (id) => ({ op: "archive_limit", id }),
};

const BUDGETS: TargetKind<BudgetSpec, BudgetState> = {
  entity: "risk_budget",
  noun: "budget",
  keyOf: budgetKeyOf,
  fields: ["name", "kind", "period", "amount", "target", "bucket", "comparator", "threshold"],
  create: (where, budget, key, replaces) => ({
    op: "create_budget",
    ...where,
    budget: { ...budget, key },
    ...(replaces && { replaces }),
  }),
  archive: (id) => ({ op: "archive_budget", id }),
};

const REPLACE_NOTE =
  "limits and budgets are not edited in place: the old one is archived (its history kept) and a new one set";

function planTargets<Want, Have extends { id: string; key: string }>(
  kind: TargetKind<Want, Have>,
  where: { systemKey: string; signalKey: string },
  wanted: readonly Want[] | undefined,
  have: readonly Have[],
  prune: boolean,
): PlannedItem[] {
  if (!wanted) return [];
  const { entity } = kind;
  const byKey = new Map(have.map((h) => [h.key, h]));
  const out: PlannedItem[] = [];
  const prefix = `${kind.noun} ${where.systemKey}/${where.signalKey}/`;
  for (const w of wanted) {
    const key = kind.keyOf(w);
    const h = byKey.get(key);
    if (!h) {
      out.push(item("create", entity, prefix + key, [kind.create(where, w, key)]));
      continue;
    }
    const changes = fieldChanges(h, w, kind.fields);
    out.push(
      changes.length === 0
        ? item("unchanged", entity, prefix + key)
        : item("change", entity, prefix + key, [kind.archive(h.id), kind.create(where, w, key, h.id)], {
            changes,
            replace: true,
            note: REPLACE_NOTE,
          }),
    );
  }
  const listed = new Set(wanted.map(kind.keyOf));
  for (const h of have) {
    if (listed.has(h.key)) continue;
    out.push(
      prune
        ? item("prune", entity, prefix + h.key, [kind.archive(h.id)], {
            note: "archived; its history is kept",
          })
        : item("absent", entity, prefix + h.key),
    );
  }
  return out;
}

function planSignals(system: SystemSpec, have: SystemState | undefined, prune: boolean): PlannedItem[] {
  if (!system.signals) return [];
  const out: PlannedItem[] = [];
  const byKey = new Map((have?.signals ?? []).map((s) => [s.key, s]));
  for (const signal of system.signals) {
    const address = `signal ${system.key}/${signal.key}`;
    const h = byKey.get(signal.key);
    if (!h)
      out.push(item("create", "signal", address, [{ op: "create_signal", systemKey: system.key, signal }]));
    else {
      const changes = fieldChanges(h, signal, SIGNAL_FIELDS);
      out.push(
        changes.length === 0
          ? item("unchanged", "signal", address)
          : item("change", "signal", address, [{ op: "update_signal", id: h.id, signal }], { changes }),
      );
    }
    const where = { systemKey: system.key, signalKey: signal.key };
    out.push(...planTargets(LIMITS, where, signal.limits, h?.limits ?? [], prune));
    out.push(...planTargets(BUDGETS, where, signal.budgets, h?.budgets ?? [], prune));
  }
  const listed = new Set(system.signals.map((s) => s.key));
  for (const s of have?.signals ?? [])
    if (!listed.has(s.key))
      out.push(
        item("absent", "signal", `signal ${system.key}/${s.key}`, [], {
          note: "signals are never removed by apply: their points are history",
        }),
      );
  return out;
}

function planSystems(file: ConfigFile, current: WorkspaceState, prune: boolean): PlannedItem[] {
  if (!file.systems) return [];
  const out: PlannedItem[] = [];
  const byKey = new Map(current.systems.map((s) => [s.key, s]));
  for (const system of file.systems) {
    const have = byKey.get(system.key);
    const address = `system ${system.key}`;
    if (!have) {
      out.push(
        item(
          "create",
          "system",
          address,
          [{ op: "create_system", system: { ...system, name: system.name ?? system.key } }],
          {
            note:
              system.stage && system.stage !== "idea" ? `registered directly at stage ${system.stage}` : null,
          },
        ),
      );
    } else {
      const changes = systemChanges(have, system);
      const ops: Operation[] = changes.length > 0 ? [{ op: "update_system", key: system.key, system }] : [];
      let note: string | null = null;
      if (system.stage !== undefined && system.stage !== have.stage) {
        changes.push({ field: "stage", before: have.stage, after: system.stage });
        ops.push({ op: "change_stage", key: system.key, to: system.stage });
        if (system.stage !== "retired" && STAGES.indexOf(system.stage) > STAGES.indexOf(have.stage))
          note = `moving forward to ${system.stage} passes its readiness gate at apply`;
      }
      out.push(
        changes.length === 0
          ? item("unchanged", "system", address)
          : item("change", "system", address, ops, { changes, note }),
      );
    }
    out.push(...planSignals(system, have, prune));
  }
  const listed = new Set(file.systems.map((s) => s.key));
  for (const s of current.systems)
    if (!listed.has(s.key))
      out.push(
        item("absent", "system", `system ${s.key}`, [], {
          note: "systems are never removed; retire one with stage: retired",
        }),
      );
  return out;
}

/**
 * What applying `file` to the workspace would do, item by item: create, change (field by field,
 * before → after), unchanged, and what is in the workspace but not in the file (kept, or with
 * `prune` archived where that is possible). Pure: the same inputs give the same plan.
 */
export function planConfig(
  file: ConfigFile,
  current: WorkspaceState,
  options: { prune: boolean; reportAbsent?: boolean },
): { items: PlannedItem[]; plan: ConfigPlan } {
  const all = [
    ...planGates(file, current),
    ...planPeople(file, current),
    ...planQuestions(file, current, options.prune),
    ...planSystems(file, current, options.prune),
  ];
  // A partial document (an OpenSLO import) does not speak for the rest of the workspace.
  const items = options.reportAbsent === false ? all.filter((i) => i.action !== "absent") : all;
  const counts = { create: 0, change: 0, unchanged: 0, prune: 0, absent: 0 };
  for (const i of items) counts[i.action] += 1;
  const warnings: string[] = [];
  if (options.prune && items.some((i) => i.action === "absent"))
    warnings.push(
      "--prune archives only limits, budgets and set questions; systems, signals and people are kept.",
    );
  return {
    items,
    plan: { items: items.map(({ operations: _ops, ...rest }) => rest), counts, warnings },
  };
}
