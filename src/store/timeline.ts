import type { Page } from "../contract/common.js";
import type { TimelineEvent } from "../contract/portfolio.js";
import { listAudit } from "./audit.js";
import type { Db } from "./database.js";
import { personRefs } from "./people.js";

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The attributed, dated history of a system (or the whole workspace), newest first. */
export async function timeline(
  db: Db,
  filter: { systemId?: string; since?: string | undefined; limit: number; offset: number },
): Promise<Page<TimelineEvent>> {
  const { rows, total } = await listAudit(db, filter);
  const refs = await personRefs(
    db,
    rows.map((r) => r.actorId),
  );
  const items = rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actorId ? (refs.get(r.actorId) ?? null) : null,
    systemId: r.systemId,
    entity: r.entity,
    entityId: r.entityId,
    action: r.action,
    summary: r.summary,
    before: parse(r.before),
    after: parse(r.after),
  }));
  const next = filter.offset + items.length;
  return { items, total, limit: filter.limit, offset: filter.offset, nextOffset: next < total ? next : null };
}
