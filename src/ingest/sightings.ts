import { sql } from "kysely";
import type { Sighting } from "../contract/connectors.js";
import type { Db } from "../store/database.js";
import type { Connector } from "./rules.js";
import { storableText } from "./text.js";

export type SightingKind = Sighting["kind"];

const MAX_NAME = 300;

/**
 * Remembers what could not be used (an unmapped service, a model without a price) with a count,
 * so the workspace can see and fix it instead of finding out from a quiet gap in a chart.
 */
export async function recordSightings(
  db: Db,
  connector: Connector,
  kind: SightingKind,
  counts: ReadonlyMap<string, number>,
  detail: (name: string) => string,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  for (const [rawName, n] of [...counts].slice(0, 100)) {
    const name = storableText(rawName.slice(0, MAX_NAME));
    await db
      .insertInto("connectorSightings")
      .values({
        connector,
        kind,
        name,
        count: n,
        firstSeen: at,
        lastSeen: at,
        detail: storableText(detail(name)),
      })
      .onConflict((oc) =>
        oc.columns(["connector", "kind", "name"]).doUpdateSet({
          count: sql<number>`connector_sightings.count + excluded.count`,
          lastSeen: at,
        }),
      )
      .execute();
  }
}

export async function listSightings(
  db: Db,
  connector: Connector,
  kinds: SightingKind[],
): Promise<Sighting[]> {
  const rows = await db
    .selectFrom("connectorSightings")
    .selectAll()
    .where("connector", "=", connector)
    .where("kind", "in", kinds)
    .orderBy("lastSeen", "desc")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    kind: r.kind as SightingKind,
    name: r.name,
    count: Number(r.count),
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
    detail: r.detail,
  }));
}

/** Forgets sightings that a new rule or price resolves, so the list shows only open problems. */
export async function clearSightings(
  db: Db,
  connector: Connector,
  kind: SightingKind,
  names: string[],
): Promise<void> {
  if (names.length === 0) return;
  await db
    .deleteFrom("connectorSightings")
    .where("connector", "=", connector)
    .where("kind", "=", kind)
    .where("name", "in", names)
    .execute();
}
