import type {
  ConnectorRule,
  FocusRuleCreate,
  OtlpMappingCreate,
  RuleUpdate,
} from "../contract/connectors.js";
import { FOCUS_RULE_FIELDS, OTLP_RULE_FIELDS } from "../contract/connectors.js";
import { invalid, notFound } from "../core/errors.js";
import { newId, type CommandContext } from "../commands/context.js";
import { appendAudit } from "../store/audit.js";
import { inTransaction, type Db } from "../store/database.js";
import { changesConfig } from "./config-version.js";
import type { ConnectorRulesTable } from "../store/schema.js";
import { findSystemRow } from "../store/systems.js";
import { globMatches, isGlob } from "./glob.js";

export type Connector = "otlp" | "focus";

const FIELDS: Record<Connector, readonly string[]> = { otlp: OTLP_RULE_FIELDS, focus: FOCUS_RULE_FIELDS };
const KEYED: Record<Connector, string> = { otlp: "attribute", focus: "tag" };
const LABEL: Record<Connector, string> = { otlp: "OpenTelemetry mapping", focus: "FOCUS mapping rule" };

function present(row: ConnectorRulesTable, systemKey: string): ConnectorRule {
  return {
    id: row.id,
    connector: row.connector as Connector,
    field: row.field,
    key: row.attributeKey,
    pattern: row.pattern,
    position: Number(row.position),
    systemId: row.systemId,
    systemKey,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The rules of a connector in the order they are tried: exact patterns, then globs by position. */
export async function listRules(db: Db, connector: Connector): Promise<ConnectorRule[]> {
  const rows = await db
    .selectFrom("connectorRules")
    .innerJoin("systems", "systems.id", "connectorRules.systemId")
    .selectAll("connectorRules")
    .select("systems.key as systemKey")
    .where("connectorRules.connector", "=", connector)
    .orderBy("connectorRules.position")
    .orderBy("connectorRules.createdAt")
    .execute();
  return orderRules(rows.map(({ systemKey, ...row }) => present(row, systemKey)));
}

export function orderRules<T extends { pattern: string; position: number }>(rules: T[]): T[] {
  return [...rules.filter((r) => !isGlob(r.pattern)), ...rules.filter((r) => isGlob(r.pattern))];
}

function checkShape(connector: Connector, field: string, key: string | null): void {
  if (!FIELDS[connector].includes(field))
    throw invalid("invalid_rule_field", `field must be one of ${FIELDS[connector].join(", ")}.`, {
      field: "field",
    });
  if (field === KEYED[connector] && !key)
    throw invalid("rule_key_required", `A "${field}" rule needs "key": the ${field} name to match.`, {
      field: "key",
    });
}

async function findRule(db: Db, connector: Connector, id: string): Promise<ConnectorRulesTable> {
  const row = await db
    .selectFrom("connectorRules")
    .selectAll()
    .where("id", "=", id)
    .where("connector", "=", connector)
    .executeTakeFirst();
  if (!row) throw notFound(`${connector}_rule`, id);
  return row;
}

/** Adds a mapping rule; it applies to data arriving from now on (and to FOCUS files imported again). */
export async function createRule(
  ctx: CommandContext,
  connector: Connector,
  input: OtlpMappingCreate | FocusRuleCreate,
): Promise<ConnectorRule> {
  const key = input.field === KEYED[connector] ? input.key : null;
  checkShape(connector, input.field, key);
  return changesConfig(
    ctx.database,
    inTransaction(ctx.database.db, async (tx) => {
      const system = await findSystemRow(tx, input.system);
      let position = input.position;
      if (position === undefined) {
        const last = await tx
          .selectFrom("connectorRules")
          .select((eb) => eb.fn.max("position").as("max"))
          .where("connector", "=", connector)
          .executeTakeFirst();
        position = Math.min(100_000, Number(last?.max ?? 0) + 10);
      }
      const at = ctx.now.toISOString();
      const row: ConnectorRulesTable = {
        id: newId(),
        connector,
        position,
        field: input.field,
        attributeKey: key,
        pattern: input.pattern,
        systemId: system.id,
        createdBy: ctx.actor.id,
        createdAt: at,
        updatedAt: at,
      };
      await tx.insertInto("connectorRules").values(row).execute();
      await appendAudit(tx, {
        at,
        actorId: ctx.actor.id,
        systemId: system.id,
        entity: "connector_rule",
        entityId: row.id,
        action: "create",
        summary: `${ctx.actor.name} mapped ${describe(row)} to ${system.name} (${LABEL[connector]})`,
        after: row,
      });
      return present(row, system.key);
    }),
  );
}

function describe(row: Pick<ConnectorRulesTable, "field" | "attributeKey" | "pattern">): string {
  return row.attributeKey
    ? `${row.field} ${row.attributeKey}="${row.pattern}"`
    : `${row.field} "${row.pattern}"`;
}

export async function updateRule(
  ctx: CommandContext,
  connector: Connector,
  id: string,
  input: RuleUpdate,
): Promise<ConnectorRule> {
  return changesConfig(
    ctx.database,
    inTransaction(ctx.database.db, async (tx) => {
      const before = await findRule(tx, connector, id);
      const field = input.field ?? before.field;
      const key =
        field === KEYED[connector] ? (input.key !== undefined ? input.key : before.attributeKey) : null;
      checkShape(connector, field, key);
      const system = await findSystemRow(tx, input.system ?? before.systemId);
      const after: ConnectorRulesTable = {
        ...before,
        field,
        attributeKey: key,
        pattern: input.pattern ?? before.pattern,
        position: input.position ?? Number(before.position),
        systemId: system.id,
        updatedAt: ctx.now.toISOString(),
      };
      await tx.updateTable("connectorRules").set(after).where("id", "=", id).execute();
      await appendAudit(tx, {
        at: after.updatedAt,
        actorId: ctx.actor.id,
        systemId: system.id,
        entity: "connector_rule",
        entityId: id,
        action: "update",
        summary: `${ctx.actor.name} changed the ${LABEL[connector]} for ${describe(after)} (now ${system.name})`,
        before,
        after,
      });
      return present(after, system.key);
    }),
  );
}

export async function deleteRule(ctx: CommandContext, connector: Connector, id: string): Promise<void> {
  await changesConfig(
    ctx.database,
    inTransaction(ctx.database.db, async (tx) => {
      const before = await findRule(tx, connector, id);
      await tx.deleteFrom("connectorRules").where("id", "=", id).execute();
      await appendAudit(tx, {
        at: ctx.now.toISOString(),
        actorId: ctx.actor.id,
        systemId: before.systemId,
        entity: "connector_rule",
        entityId: id,
        action: "delete",
        summary: `${ctx.actor.name} removed the ${LABEL[connector]} for ${describe(before)}`,
        before,
      });
    }),
  );
}

/** Everything needed to resolve a system from incoming data, loaded once per request or import. */
export interface RuleSet {
  rules: Array<Pick<ConnectorRule, "field" | "key" | "pattern" | "systemId" | "position">>;
  systemIdByKey: Map<string, string>;
  systemKeyById: Map<string, string>;
}

export async function loadRuleSet(db: Db, connector: Connector): Promise<RuleSet> {
  const [rules, systems] = await Promise.all([
    listRules(db, connector),
    db.selectFrom("systems").select(["id", "key"]).execute(),
  ]);
  return {
    rules,
    systemIdByKey: new Map(systems.map((s) => [s.key, s.id])),
    systemKeyById: new Map(systems.map((s) => [s.id, s.key])),
  };
}

/**
 * The first rule (in `rules` order) whose field value matches, else a system whose key (or id) is
 * the fallback name, else null. `valueOf` reads a rule's field from the incoming item.
 */
export function resolveByRules(
  set: RuleSet,
  valueOf: (field: string, key: string | null) => string | null | readonly string[],
  fallbackName: string | null,
): string | null {
  for (const rule of set.rules) {
    const value = valueOf(rule.field, rule.key);
    if (value === null) continue;
    const values = typeof value === "string" ? [value] : value;
    if (values.some((v) => globMatches(rule.pattern, v))) return rule.systemId;
  }
  if (fallbackName) {
    const direct = set.systemIdByKey.get(fallbackName.toLowerCase());
    if (direct) return direct;
    if (set.systemKeyById.has(fallbackName)) return fallbackName;
  }
  return null;
}
