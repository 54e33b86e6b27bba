import { randomBytes } from "node:crypto";
import type { ConfigPlan, ConfigProblem, QuestionSpec, SignalSpec, SystemSpec } from "../contract/config.js";
import type { QuestionCategory, Side, Stage, UsersReached } from "../contract/enums.js";
import { SignalCreate } from "../contract/signals.js";
import { SystemCreate, type SystemUpdate } from "../contract/systems.js";
import { parseConfig } from "../config/check.js";
import { workspaceProblems } from "../config/check.js";
import { renderConfigYaml } from "../config/export.js";
import {
  assignKeys,
  derivedBudgetKey,
  derivedLimitKey,
  type BudgetState,
  type LimitState,
  type WorkspaceState,
} from "../config/model.js";
import { operationsInOrder, planConfig, type Operation, type PlannedItem } from "../config/plan.js";
import type { YamlSource } from "../config/yaml-source.js";
import { conflict, invalid, ParleyError } from "../core/errors.js";
import { adminPermission } from "../core/people.js";
import type { GatePolicy } from "../core/readiness.js";
import { appendAudit } from "../store/audit.js";
import { inTransaction, type Database, type Db, type Tx } from "../store/database.js";
import { loadGatePolicy, readSetting, SETTING_KEYS, writeSetting } from "../store/settings.js";
import { enforce, newId, type CommandContext } from "./context.js";
import { setQuestionArchived } from "./conversations.js";
import { archiveTarget, createRiskBudget, createTrustLimit } from "./limits.js";
import { createPerson, updatePerson } from "./people.js";
import { createSignal } from "./signals.js";
import { changeStage, createSystem, systemReadiness, updateSystem } from "./systems.js";

/** Everything config as code describes, read in a fixed number of queries (archived rows left out). */
export async function readWorkspaceState(db: Db): Promise<WorkspaceState> {
  const people = await db
    .selectFrom("people")
    .select(["id", "email", "name", "side"])
    .orderBy("email")
    .execute();
  const emailOf = new Map(people.map((p) => [p.id, p.email]));
  const systems = await db.selectFrom("systems").selectAll().orderBy("key").execute();
  const signals = await db.selectFrom("signals").selectAll().orderBy("key").execute();
  const limits = await db
    .selectFrom("trustLimits")
    .selectAll()
    .where("archived", "=", 0)
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
  const budgets = await db
    .selectFrom("riskBudgets")
    .selectAll()
    .where("archived", "=", 0)
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
  const questions = await db
    .selectFrom("questions")
    .selectAll()
    .where("questionSet", "is not", null)
    .orderBy("questionSet")
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
  const num = (n: number | null) => (n === null ? null : Number(n));
  const limitsOf = (signalId: string): LimitState[] => {
    const rows = limits.filter((l) => l.signalId === signalId);
    const keys = assignKeys(
      rows.map((l) => ({
        stored: l.key ?? null,
        derived: derivedLimitKey({ ...l, windowDays: Number(l.windowDays) }),
      })),
    );
    return rows
      .map((l, i) => ({
        id: l.id,
        key: keys[i]!,
        name: l.name,
        windowDays: Number(l.windowDays),
        aggregate: l.aggregate as LimitState["aggregate"],
        quantile: num(l.quantile),
        comparator: l.comparator as LimitState["comparator"],
        threshold: Number(l.threshold),
        horizonDays: num(l.horizonDays),
      }))
      .sort((a, b) => a.key.localeCompare(b.key));
  };
  const budgetsOf = (signalId: string): BudgetState[] => {
    const rows = budgets.filter((b) => b.signalId === signalId);
    const keys = assignKeys(rows.map((b) => ({ stored: b.key ?? null, derived: derivedBudgetKey(b) })));
    return rows
      .map((b, i) => ({
        id: b.id,
        key: keys[i]!,
        name: b.name,
        kind: b.kind as BudgetState["kind"],
        period: JSON.parse(b.period) as BudgetState["period"],
        amount: num(b.amount),
        target: num(b.target),
        bucket: b.bucket as BudgetState["bucket"],
        comparator: b.comparator as BudgetState["comparator"],
        threshold: num(b.threshold),
      }))
      .sort((a, b) => a.key.localeCompare(b.key));
  };
  return {
    people: people.map((p) => ({ id: p.id, email: p.email, name: p.name, side: p.side as Side })),
    gates: await loadGatePolicy(db),
    questions: questions.map((q) => ({
      id: q.id,
      set: q.questionSet!,
      text: q.text,
      askedBy: q.askedBy as Side,
      topic: q.category as QuestionCategory,
      archived: q.archived === 1,
    })),
    systems: systems.map((s) => ({
      id: s.id,
      key: s.key,
      name: s.name,
      purpose: s.purpose,
      expectedOutcome: s.expectedOutcome,
      valueEstimate:
        s.valueAmount === null || s.valueCurrency === null
          ? null
          : { amount: Number(s.valueAmount), currency: s.valueCurrency },
      targetDate: s.targetDate,
      stage: s.stage as Stage,
      owners: {
        leadership: s.leadershipOwnerId ? (emailOf.get(s.leadershipOwnerId) ?? null) : null,
        engineering: s.engineeringOwnerId ? (emailOf.get(s.engineeringOwnerId) ?? null) : null,
      },
      models: JSON.parse(s.models) as string[],
      dataSources: JSON.parse(s.dataSources) as string[],
      dependencies: JSON.parse(s.dependencies) as string[],
      usersReached: s.usersReached as UsersReached,
      scaleNow: s.scaleNow,
      scalePlanned: s.scalePlanned,
      signals: signals
        .filter((g) => g.systemId === s.id)
        .map((g) => ({
          id: g.id,
          key: g.key,
          name: g.name,
          kind: g.kind,
          unit: g.unit,
          direction: g.direction,
          aggregation: g.aggregation,
          quantile: num(g.quantile),
          description: g.description,
          limits: limitsOf(g.id),
          budgets: budgetsOf(g.id),
        })),
    })),
  };
}

/** A config file that cannot be applied: every problem, with file:line:column. */
export class ConfigProblems extends ParleyError {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      "invalid",
      "config_invalid",
      `${problems.length} problem${problems.length === 1 ? "" : "s"} in ${problems[0]?.file ?? "the file"}; nothing was changed.`,
      { problems },
    );
  }
}

export interface PlanOptions {
  prune: boolean;
  /** False for partial documents (OpenSLO imports): leave out what the document does not mention. */
  reportAbsent?: boolean;
}

export interface PlanResult {
  plan: ConfigPlan;
  items: PlannedItem[];
}

/** Plans an already validated config (OpenSLO import builds one). */
export async function planParsedConfig(
  database: Database,
  source: YamlSource,
  config: Parameters<typeof planConfig>[0],
  options: PlanOptions,
): Promise<ConfigPlan> {
  return (await planParsed(database.db, source, config, options)).plan;
}

/** Parses, validates and plans a file against the workspace read through `db`. */
async function planOn(db: Db, file: string, text: string, options: PlanOptions): Promise<PlanResult> {
  const parsed = parseConfig(file, text);
  if (!parsed.ok) throw new ConfigProblems(parsed.problems);
  return planParsed(db, parsed.source, parsed.config, options);
}

async function planParsed(
  db: Db,
  source: YamlSource,
  config: Parameters<typeof planConfig>[0],
  options: PlanOptions,
): Promise<PlanResult> {
  const state = await readWorkspaceState(db);
  const problems = workspaceProblems(source, config, state);
  if (problems.length > 0) throw new ConfigProblems(problems);
  const result = planConfig(config, state, options);
  await warnOfGates(db, result);
  return result;
}

/**
 * A stage move the gate would refuse today is worth knowing at plan time (a dry run in CI), not
 * only when apply fails. The file itself may meet some conditions (owners, limits), hence a warning.
 */
async function warnOfGates(db: Db, result: PlanResult): Promise<void> {
  const now = new Date();
  for (const op of result.items.flatMap((i) => i.operations)) {
    if (op.op !== "change_stage") continue;
    const readiness = await systemReadiness(db, op.key, op.to, now);
    if (readiness.ready) continue;
    result.plan.warnings.push(
      `${op.key} → ${op.to}: as the workspace stands before this file, its readiness gate would refuse the move (${readiness.gaps
        .map((g) => g.message.replace(/\.$/, ""))
        .join("; ")}). Apply fails unless the file itself meets these.`,
    );
  }
}

/** What `parley apply` would do, without changing anything. */
export async function planConfigText(
  database: Database,
  file: string,
  text: string,
  options: PlanOptions,
): Promise<ConfigPlan> {
  return (await planOn(database.db, file, text, options)).plan;
}

/**
 * The database handle that commands see while apply runs: every query goes to the one open
 * transaction, and a command's own "begin a transaction" joins it instead of opening another,
 * so the whole file commits or nothing does, with one audit entry per change.
 */
function joinedDatabase(database: Database, tx: Tx): Database {
  const joined = new Proxy(tx, {
    get(target, prop) {
      if (prop === "transaction") return () => ({ execute: <T>(work: (t: Tx) => Promise<T>) => work(tx) });
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { ...database, db: joined as unknown as Db };
}

export interface ApplyOptions extends PlanOptions {
  /** The plan the user confirmed; apply refuses if the workspace changed since. */
  expected?: ConfigPlan | undefined;
}

export interface ApplyResult {
  plan: ConfigPlan;
  applied: boolean;
}

/**
 * Applies a config file in one transaction through the same commands the API uses, so every
 * change is checked by the same rules and recorded in the audit log under the actor's name.
 */
export async function applyConfigText(
  ctx: CommandContext,
  file: string,
  text: string,
  options: ApplyOptions,
): Promise<ApplyResult> {
  const parsed = parseConfig(file, text);
  if (!parsed.ok) throw new ConfigProblems(parsed.problems);
  return applyParsed(ctx, parsed.source, parsed.config, options);
}

/** Applies an already validated config (OpenSLO import builds one). */
export async function applyParsed(
  ctx: CommandContext,
  source: YamlSource,
  config: Parameters<typeof planConfig>[0],
  options: ApplyOptions,
): Promise<ApplyResult> {
  return inTransaction(ctx.database.db, async (tx) => {
    const { plan, items } = await planParsed(tx, source, config, options);
    if (options.expected && JSON.stringify(options.expected.items) !== JSON.stringify(plan.items))
      throw conflict(
        "plan_stale",
        "The workspace changed after the plan was shown, so it was not applied. Run the command again to see the new plan.",
      );
    const inner: CommandContext = { ...ctx, database: joinedDatabase(ctx.database, tx) };
    for (const op of operationsInOrder(items)) await runOperation(inner, tx, op);
    return { plan, applied: true };
  });
}

async function personIdByEmail(tx: Tx, email: string | null | undefined): Promise<string | null | undefined> {
  if (email === undefined) return undefined;
  if (email === null) return null;
  const row = await tx.selectFrom("people").select("id").where("email", "=", email).executeTakeFirst();
  if (!row)
    throw invalid("unknown_person", `${email} is not a person in this workspace. Add them under people:.`);
  return row.id;
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function systemFields(s: SystemSpec) {
  const { key: _key, stage: _stage, owners: _owners, signals: _signals, ...fields } = s;
  return defined(fields);
}

async function runOperation(ctx: CommandContext, tx: Tx, op: Operation): Promise<void> {
  switch (op.op) {
    case "set_gates":
      return setGatePolicy(ctx, tx, op.gates);
    case "create_person":
      await createPerson(ctx, {
        ...op.person,
        isAdmin: false,
        password: randomBytes(24).toString("base64url"),
      });
      return;
    case "update_person":
      await updatePerson(ctx, op.id, { name: op.name, side: op.side });
      return;
    case "create_question":
      return createSetQuestion(ctx, tx, op.set, op.question);
    case "update_question":
      return updateSetQuestion(ctx, tx, op.id, op.question);
    case "archive_question":
      await setQuestionArchived(ctx, op.id, true);
      return;
    case "create_system":
      await createSystem(
        ctx,
        SystemCreate.parse({
          ...systemFields(op.system),
          key: op.system.key,
          stage: op.system.stage ?? "idea",
          leadershipOwnerId: (await personIdByEmail(tx, op.system.owners?.leadership)) ?? null,
          engineeringOwnerId: (await personIdByEmail(tx, op.system.owners?.engineering)) ?? null,
        }),
      );
      return;
    case "update_system": {
      const patch: SystemUpdate = {
        ...systemFields(op.system),
        ...defined({
          leadershipOwnerId: await personIdByEmail(tx, op.system.owners?.leadership),
          engineeringOwnerId: await personIdByEmail(tx, op.system.owners?.engineering),
        }),
      };
      await updateSystem(ctx, op.key, patch);
      return;
    }
    case "change_stage":
      await changeStage(ctx, op.key, { to: op.to, note: "Applied from config as code" });
      return;
    case "create_signal": {
      const { key, limits: _l, budgets: _b, ...fields } = op.signal;
      await createSignal(ctx, op.systemKey, SignalCreate.parse({ key, ...defined(fields) }));
      return;
    }
    case "update_signal":
      return updateSignal(ctx, tx, op.id, op.signal);
    case "create_limit": {
      const { key, ...limit } = op.limit;
      const created = await createTrustLimit(ctx, {
        ...limit,
        signalId: `${op.systemKey}/${op.signalKey}`,
        sourceAnswerId: op.replaces ? await inheritedAnswer(tx, op.replaces) : null,
      });
      await tx.updateTable("trustLimits").set({ key }).where("id", "=", created.id).execute();
      return;
    }
    case "create_budget": {
      const { key, ...budget } = op.budget;
      const created = await createRiskBudget(ctx, {
        ...budget,
        signalId: `${op.systemKey}/${op.signalKey}`,
        riskId: op.replaces ? await inheritedRisk(tx, op.replaces) : null,
      });
      await tx.updateTable("riskBudgets").set({ key }).where("id", "=", created.id).execute();
      return;
    }
    case "archive_limit":
      return archiveTarget(ctx, "trust_limit", op.id);
    case "archive_budget":
      return archiveTarget(ctx, "risk_budget", op.id);
  }
}

// A replaced limit keeps the answer it came from, and a replaced budget the risk it bounds: the file
// cannot name either, so they carry over.
async function inheritedAnswer(tx: Tx, id: string): Promise<string | null> {
  const row = await tx
    .selectFrom("trustLimits")
    .select("sourceAnswerId")
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.sourceAnswerId ?? null;
}
async function inheritedRisk(tx: Tx, id: string): Promise<string | null> {
  const row = await tx.selectFrom("riskBudgets").select("riskId").where("id", "=", id).executeTakeFirst();
  return row?.riskId ?? null;
}

/** Stores the readiness gate policy for the workspace (admins only: it changes every gate). */
async function setGatePolicy(ctx: CommandContext, tx: Tx, gates: GatePolicy): Promise<void> {
  enforce(adminPermission(ctx.actor));
  const at = ctx.now.toISOString();
  const before = await readSetting<GatePolicy>(tx, SETTING_KEYS.gates);
  await writeSetting(tx, SETTING_KEYS.gates, gates, { actorId: ctx.actor.id, at });
  await appendAudit(tx, {
    at,
    actorId: ctx.actor.id,
    systemId: null,
    entity: "workspace_setting",
    entityId: SETTING_KEYS.gates,
    action: "update",
    summary: `${ctx.actor.name} changed the readiness gates`,
    before: before ?? "default",
    after: gates,
  });
}

async function createSetQuestion(ctx: CommandContext, tx: Tx, set: string, q: QuestionSpec): Promise<void> {
  const row = {
    id: newId(),
    text: q.text,
    askedBy: q.askedBy,
    category: q.topic,
    builtin: 0,
    archived: 0,
    createdBy: ctx.actor.id,
    createdAt: ctx.now.toISOString(),
    questionSet: set,
  };
  await tx.insertInto("questions").values(row).execute();
  await appendAudit(tx, {
    at: row.createdAt,
    actorId: ctx.actor.id,
    systemId: null,
    entity: "question",
    entityId: row.id,
    action: "create",
    summary: `${ctx.actor.name} added a ${row.askedBy} question to the set ${set}`,
    after: row,
  });
}

async function updateSetQuestion(ctx: CommandContext, tx: Tx, id: string, q: QuestionSpec): Promise<void> {
  const before = await tx.selectFrom("questions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const after = { askedBy: q.askedBy, category: q.topic, archived: 0 };
  await tx.updateTable("questions").set(after).where("id", "=", id).execute();
  await appendAudit(tx, {
    at: ctx.now.toISOString(),
    actorId: ctx.actor.id,
    systemId: null,
    entity: "question",
    entityId: id,
    action: "update",
    summary: `${ctx.actor.name} updated a question in the set ${before.questionSet ?? ""}`,
    before: { askedBy: before.askedBy, category: before.category, archived: before.archived },
    after,
  });
}

/** Edits what a signal is (name, unit, description, ...); its points stay as they are. */
async function updateSignal(ctx: CommandContext, tx: Tx, id: string, s: SignalSpec): Promise<void> {
  const before = await tx.selectFrom("signals").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const { key: _key, limits: _l, budgets: _b, ...fields } = s;
  const after = { ...before, ...defined(fields) };
  if (after.aggregation === "quantile" && after.quantile === null)
    throw invalid("quantile_required", "A quantile signal needs quantile, e.g. 0.95 for p95.", {
      field: "quantile",
    });
  if (after.aggregation !== "quantile") after.quantile = null;
  const { id: _id, systemId: _s, createdAt: _c, lastPointT: _p, lastReceivedAt: _r, ...columns } = after;
  await tx.updateTable("signals").set(columns).where("id", "=", id).execute();
  await appendAudit(tx, {
    at: ctx.now.toISOString(),
    actorId: ctx.actor.id,
    systemId: before.systemId,
    entity: "signal",
    entityId: id,
    action: "update",
    summary: `${ctx.actor.name} edited the signal "${after.name}"`,
    before,
    after,
  });
}

/** The workspace as a parley.yaml that applies to it with zero changes. */
export async function exportConfigText(
  database: Database,
  options: { schemaRef?: string; now?: Date } = {},
): Promise<string> {
  return renderConfigYaml(await readWorkspaceState(database.db), {
    ...(options.schemaRef !== undefined && { schemaRef: options.schemaRef }),
    ...(options.now && { generatedAt: options.now }),
  });
}
