import type { ConfigPlan, PlanCounts, PlanItem } from "../contract/config.js";

/** How a value reads in a plan line: JSON, cut short. */
function shown(value: unknown): string {
  const text = value === undefined ? "(unset)" : JSON.stringify(value);
  return text.length > 90 ? `${text.slice(0, 87)}...` : text;
}

const PRUNABLE = new Set<PlanItem["entity"]>(["trust_limit", "risk_budget", "question"]);

function symbol(item: PlanItem): string {
  if (item.action === "create") return "+";
  if (item.action === "prune") return "-";
  return item.replace ? "-/+" : "~";
}

/** A list change as what was added and removed; anything else as before → after. */
function changeLine(field: string, before: unknown, after: unknown): string {
  if (Array.isArray(before) && Array.isArray(after)) {
    const key = (v: unknown) => JSON.stringify(v);
    const was = new Set(before.map(key));
    const now = new Set(after.map(key));
    const added = after.filter((v) => !was.has(key(v))).map(key);
    const removed = before.filter((v) => !now.has(key(v))).map(key);
    if (added.length + removed.length > 0 && added.length + removed.length <= 6)
      return `${field}: ${[...added.map((a) => `+ ${a}`), ...removed.map((r) => `- ${r}`)].join(", ")}`;
  }
  return `${field}: ${shown(before)} → ${shown(after)}`;
}

/** "2 created, 1 changed, 0 pruned, 19 unchanged" */
export function appliedLine(c: PlanCounts): string {
  return `${c.create} created, ${c.change} changed, ${c.prune} archived, ${c.unchanged} unchanged`;
}

/** "2 to create, 1 to change, 0 to prune, 19 unchanged" */
export function countsLine(c: PlanCounts): string {
  return `${c.create} to create, ${c.change} to change, ${c.prune} to prune, ${c.unchanged} unchanged`;
}

/** The plan as Terraform users expect to read it: one block per change, field by field. */
export function renderPlan(plan: ConfigPlan, heading: string): string {
  const lines: string[] = [heading, ""];
  const changing = plan.items.filter(
    (i) => i.action === "create" || i.action === "change" || i.action === "prune",
  );
  if (changing.length === 0) lines.push("  No changes: the workspace already matches the file.");
  for (const item of changing) {
    const what = item.action === "prune" ? "archive" : item.replace ? "replace" : item.action;
    lines.push(`  ${symbol(item).padEnd(3)} ${item.address} (${what})`);
    for (const c of item.changes) lines.push(`        ${changeLine(c.field, c.before, c.after)}`);
    if (item.note) lines.push(`        note: ${item.note}`);
  }
  const absent = plan.items.filter((i) => i.action === "absent");
  if (absent.length > 0) {
    const prunable = absent.filter((i) => PRUNABLE.has(i.entity));
    lines.push("", `  In the workspace but not in the file, left as they are (${absent.length}):`);
    for (const item of absent)
      lines.push(`      ${item.address}${PRUNABLE.has(item.entity) ? " (--prune would archive it)" : ""}`);
    if (prunable.length === 0) lines.push("      (--prune would remove none of these)");
  }
  for (const w of plan.warnings) lines.push("", `  Warning: ${w}`);
  lines.push("", `Plan: ${countsLine(plan.counts)}.`);
  return lines.join("\n");
}

/** Whether applying the plan would change anything. */
export function planChangesSomething(plan: ConfigPlan): boolean {
  return plan.counts.create + plan.counts.change + plan.counts.prune > 0;
}
