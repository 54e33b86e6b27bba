import { z } from "zod";
import { Document } from "yaml";
import type { BudgetSpec, ConfigFile, ConfigProblem, SignalSpec } from "../contract/config.js";
import { SignalKey } from "../contract/signals.js";
import { SystemKey } from "../contract/systems.js";
import { describeBudgetRule } from "../core/limits.js";
import { slugOf, type BudgetState, type SignalState, type WorkspaceState } from "./model.js";
import { problemAt, schemaProblems, sortProblems } from "./problems.js";
import type { Path, YamlSource } from "./yaml-source.js";

/**
 * OpenSLO v1 (https://github.com/OpenSLO/OpenSLO) ↔ Parley risk budgets. An SLO objective becomes
 * an objective budget (a share of good hours or days over a rolling or monthly period) on the
 * signal its SLI describes; Parley budgets go out as SLOs with inline SLIs. What does not map is
 * reported, never dropped silently: see docs/openslo.md.
 */

const MetricSource = z
  .looseObject({
    metricSourceRef: z.string().optional(),
    type: z.string().optional(),
    spec: z.record(z.string(), z.unknown()).optional(),
  })
  .describe("Where the metric comes from; Parley keeps it as text");
const Metric = z.looseObject({ metricSource: MetricSource });

const SliSpec = z.looseObject({
  description: z.string().optional(),
  thresholdMetric: Metric.optional(),
  ratioMetric: z
    .looseObject({
      counter: z.boolean().optional(),
      good: Metric.optional(),
      bad: Metric.optional(),
      total: Metric.optional(),
      rawType: z.enum(["success", "failure"]).optional(),
      raw: Metric.optional(),
    })
    .optional(),
});
type SliSpec = z.infer<typeof SliSpec>;

const Metadata = z.looseObject({
  name: z.string().min(1),
  displayName: z.string().optional(),
  annotations: z.record(z.string(), z.unknown()).optional(),
});

/** Set on exported SLOs so that importing them again finds the same budget. */
export const BUDGET_KEY_ANNOTATION = "parley/budget-key";

const Duration = z
  .string()
  .regex(/^\d+(\.\d+)?[smhdwMQY]$/, "use an OpenSLO duration such as 28d, 1w, 1M or 1h")
  .or(z.number());

const Objective = z.looseObject({
  displayName: z.string().optional(),
  op: z.enum(["lt", "lte", "gt", "gte"]).optional(),
  value: z.number().optional(),
  target: z.number().optional(),
  targetPercent: z.number().optional(),
  timeSliceTarget: z.number().optional(),
  timeSliceWindow: Duration.optional(),
  indicator: z.unknown().optional(),
  indicatorRef: z.string().optional(),
  compositeWeight: z.number().optional(),
});

const SloSpec = z.looseObject({
  description: z.string().optional(),
  service: z.string().optional(),
  indicator: z.looseObject({ metadata: Metadata, spec: SliSpec }).optional(),
  indicatorRef: z.string().optional(),
  timeWindow: z
    .array(
      z.looseObject({
        duration: Duration,
        isRolling: z.boolean().optional(),
        calendar: z
          .looseObject({ startTime: z.string().optional(), timeZone: z.string().optional() })
          .optional(),
      }),
    )
    .min(1, "an SLO needs one timeWindow"),
  budgetingMethod: z.enum(["Occurrences", "Timeslices", "RatioTimeslices"]),
  objectives: z.array(Objective).min(1, "an SLO needs at least one objective"),
  alertPolicies: z.array(z.unknown()).optional(),
});

const OpenSloDocument = z.discriminatedUnion("kind", [
  z.looseObject({
    apiVersion: z.literal("openslo/v1"),
    kind: z.literal("SLO"),
    metadata: Metadata,
    spec: SloSpec,
  }),
  z.looseObject({
    apiVersion: z.literal("openslo/v1"),
    kind: z.literal("SLI"),
    metadata: Metadata,
    spec: SliSpec,
  }),
]);
type OpenSloDocument = z.infer<typeof OpenSloDocument>;
type SloDocument = Extract<OpenSloDocument, { kind: "SLO" }>;

/** Kinds of OpenSLO documents Parley reads; others are reported and skipped. */
const KNOWN_KINDS = ["SLO", "SLI"];
const SKIPPED_KINDS = ["Service", "DataSource", "AlertPolicy", "AlertCondition", "AlertNotificationTarget"];

export interface OpenSloImport {
  /** A partial parley.yaml: the systems, signals and budgets the documents describe. */
  config: ConfigFile;
  /** What did not map exactly, per document, in words. */
  notes: string[];
  problems: ConfigProblem[];
  /** Where each system came from, for "no such system" problems. */
  systemOrigins: Map<string, { source: YamlSource; path: Path }>;
}

const UNIT_DAYS: Record<string, number> = {
  s: 1 / 86_400,
  m: 1 / 1440,
  h: 1 / 24,
  d: 1,
  w: 7,
  M: 30,
  Q: 90,
  Y: 365,
};

/** Days in an OpenSLO duration (`28d`, `1w`, `12h`); months, quarters and years approximately. */
export function durationDays(duration: string | number): { days: number; approximate: boolean } {
  if (typeof duration === "number") return { days: duration / 86_400, approximate: false };
  const m = /^(\d+(?:\.\d+)?)([smhdwMQY])$/.exec(duration);
  if (!m) return { days: Number.NaN, approximate: false };
  return { days: Number(m[1]) * UNIT_DAYS[m[2]!]!, approximate: "MQY".includes(m[2]!) };
}

function metricText(
  label: string,
  metric: { metricSource: z.infer<typeof MetricSource> } | undefined,
): string {
  if (!metric) return "";
  const src = metric.metricSource;
  const spec = src.spec
    ? Object.entries(src.spec).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    : [];
  return `${label}: ${[src.type ?? src.metricSourceRef ?? "source", ...spec].join(" ")}`;
}

/** The SLI's metric sources as text, kept in the signal's description (Parley does not run them). */
function sourcesText(sli: SliSpec): string {
  const r = sli.ratioMetric;
  const parts = r
    ? [
        metricText("good", r.good),
        metricText("bad", r.bad),
        metricText("total", r.total),
        metricText("raw", r.raw),
      ]
    : [metricText("metric", sli.thresholdMetric)];
  return parts.filter(Boolean).join("; ");
}

interface SliShape {
  ratio: "good" | "bad" | null;
  parleySignal: { system?: string; signal?: string; aggregation?: string } | null;
}

function sliShape(sli: SliSpec): SliShape {
  const src = sli.thresholdMetric?.metricSource;
  const parley =
    src && src.type?.toLowerCase() === "parley"
      ? {
          system: src.spec?.system as string | undefined,
          signal: src.spec?.signal as string | undefined,
          aggregation: src.spec?.aggregation as string | undefined,
        }
      : null;
  const r = sli.ratioMetric;
  const ratio = r ? (r.bad || r.rawType === "failure" ? "bad" : "good") : null;
  return { ratio, parleySignal: parley };
}

function signalFor(
  name: string,
  display: string | undefined,
  sli: SliSpec,
  op: string | undefined,
): SignalSpec {
  const shape = sliShape(sli);
  const text = `${name} ${display ?? ""}`.toLowerCase();
  const kind =
    shape.ratio === "bad"
      ? "error_rate"
      : shape.ratio === "good"
        ? "quality"
        : /latenc|duration|response.?time/.test(text)
          ? "latency"
          : "custom";
  const higherIsBetter = shape.ratio === "good" || (shape.ratio === null && (op === "gt" || op === "gte"));
  const raw = sli.ratioMetric?.raw !== undefined;
  const description = [
    `Imported from the OpenSLO SLI "${name}".`,
    sli.description ?? "",
    sourcesText(sli) ? `Metric source, kept as text (Parley does not query it): ${sourcesText(sli)}.` : "",
    shape.ratio && !raw
      ? `Send points with v = ${shape.ratio} events and n = total events.`
      : "Send the metric's values as points.",
  ]
    .filter(Boolean)
    .join(" ")
    .slice(0, 2000);
  return {
    key: signalKeyOf(shape.parleySignal?.signal ?? name),
    name: (display ?? name).slice(0, 200),
    kind: kind,
    direction: higherIsBetter ? "higher_is_better" : "higher_is_worse",
    aggregation:
      shape.parleySignal?.aggregation && ["sum", "mean", "ratio"].includes(shape.parleySignal.aggregation)
        ? (shape.parleySignal.aggregation as "sum" | "mean" | "ratio")
        : shape.ratio && !raw
          ? "ratio"
          : "mean",
    description,
  };
}

function signalKeyOf(name: string): string {
  const key = slugOf(name, "openslo-sli").replace(/[^a-z0-9_.-]/g, "-");
  return SignalKey.safeParse(key).success ? key : "openslo-sli";
}

function systemKeyOf(name: string): string | null {
  const key = slugOf(name, "")
    .replace(/[^a-z0-9-]/g, "-")
    .slice(0, 63);
  return SystemKey.safeParse(key).success ? key : null;
}

/** Maps one SLO document to budgets (one per objective). Problems are reported at their node. */
function budgetsOf(
  doc: SloDocument,
  sli: { name: string; spec: SliSpec },
  source: YamlSource,
  notes: string[],
  problems: ConfigProblem[],
): BudgetSpec[] {
  const spec = doc.spec;
  const say = (text: string) => notes.push(`SLO ${doc.metadata.name}: ${text}`);
  const window = spec.timeWindow[0]!;
  if (spec.timeWindow.length > 1) say("only the first timeWindow is used.");
  let period: BudgetSpec["period"];
  if (window.isRolling === false || window.calendar) {
    if (window.duration !== "1M") {
      problems.push(
        problemAt(
          source,
          ["spec", "timeWindow", 0, "duration"],
          `a calendar window of ${String(window.duration)} has no Parley equivalent`,
          "Parley's calendar budgets run per month: use duration: 1M, or a rolling window (isRolling: true)",
        ),
      );
      return [];
    }
    period = { kind: "calendar_month" };
    if (window.calendar?.timeZone && !/^(UTC|Etc\/UTC|GMT)$/i.test(window.calendar.timeZone))
      say(`calendar months are counted in UTC, not ${window.calendar.timeZone}.`);
  } else {
    const { days, approximate } = durationDays(window.duration);
    if (!(days > 0) || days > 3660) {
      problems.push(
        problemAt(
          source,
          ["spec", "timeWindow", 0, "duration"],
          `${String(window.duration)} is not a usable window`,
          "use 1h to 3660d",
        ),
      );
      return [];
    }
    period = { kind: "rolling", days: Number(days.toPrecision(6)) };
    if (approximate) say(`the rolling window ${String(window.duration)} is taken as ${period.days} days.`);
  }
  if (spec.alertPolicies?.length)
    say("alertPolicies are ignored: Parley alerts on budgets with its own multi-window burn rates.");
  const shape = sliShape(sli.spec);
  const out: BudgetSpec[] = [];
  spec.objectives.forEach((o, i) => {
    const at = (field: string): Path => ["spec", "objectives", i, field];
    if (o.indicator !== undefined || o.indicatorRef !== undefined || o.compositeWeight !== undefined) {
      problems.push(
        problemAt(
          source,
          ["spec", "objectives", i],
          "composite objectives (an indicator per objective) are not supported",
          "split them into one SLO per indicator",
        ),
      );
      return;
    }
    const target = o.target ?? (o.targetPercent !== undefined ? o.targetPercent / 100 : undefined);
    if (target === undefined || !(target > 0 && target < 1)) {
      problems.push(
        problemAt(
          source,
          target === undefined
            ? ["spec", "objectives", i]
            : at(o.target !== undefined ? "target" : "targetPercent"),
          target === undefined ? "the objective has no target" : `target ${target} is outside (0, 1)`,
          "give target: 0.99 (or targetPercent: 99)",
        ),
      );
      return;
    }
    // What one good or bad event is: an hour or a day of the signal.
    let bucket: "hour" | "day" = "hour";
    if (spec.budgetingMethod !== "Occurrences") {
      const slice = o.timeSliceWindow === undefined ? null : durationDays(o.timeSliceWindow).days;
      bucket = slice !== null && slice > 1 / 24 ? "day" : "hour";
      if (slice === null) say(`objective ${i + 1} has no timeSliceWindow; hourly slices are used.`);
      else if (Math.abs(slice - 1 / 24) > 1e-9 && Math.abs(slice - 1) > 1e-9)
        say(
          `objective ${i + 1}'s ${String(o.timeSliceWindow)} slices are counted as ${bucket}s (Parley judges hours or days).`,
        );
    } else {
      say(
        "Occurrences is counted as hourly slices: an hour is good when it meets the objective (stricter than counting events).",
      );
    }
    if (spec.budgetingMethod === "RatioTimeslices")
      say(
        "RatioTimeslices is counted as Timeslices: the share of good slices, not the mean of slice ratios.",
      );
    let comparator: "at_least" | "at_most";
    let threshold: number;
    if (shape.ratio) {
      const good = o.timeSliceTarget ?? target;
      if (spec.budgetingMethod === "Timeslices" && o.timeSliceTarget === undefined)
        say(`objective ${i + 1} has no timeSliceTarget; its target is used for each slice.`);
      comparator = shape.ratio === "good" ? "at_least" : "at_most";
      threshold = shape.ratio === "good" ? good : Number((1 - good).toPrecision(12));
    } else {
      if (o.op === undefined || o.value === undefined) {
        problems.push(
          problemAt(
            source,
            ["spec", "objectives", i],
            "a threshold objective needs op and value",
            "add op: lte and value: 250 (for example)",
          ),
        );
        return;
      }
      comparator = o.op === "gt" || o.op === "gte" ? "at_least" : "at_most";
      threshold = o.value;
      if (o.op === "lt" || o.op === "gt") say(`objective ${i + 1}: ${o.op} is treated as ${o.op}e.`);
      if (o.timeSliceTarget !== undefined && o.timeSliceTarget !== 1)
        say(
          `objective ${i + 1}: a slice is judged by its ${"mean"}, not by timeSliceTarget ${o.timeSliceTarget} of its points.`,
        );
    }
    const suffix =
      spec.objectives.length > 1
        ? o.displayName
          ? `-${slugOf(o.displayName, String(i + 1))}`
          : `-${i + 1}`
        : "";
    const name = `${doc.metadata.displayName ?? doc.metadata.name}${spec.objectives.length > 1 && o.displayName ? ` — ${o.displayName}` : ""}`;
    const annotated = doc.metadata.annotations?.[BUDGET_KEY_ANNOTATION];
    out.push({
      key:
        typeof annotated === "string" && spec.objectives.length === 1
          ? annotated
          : slugOf(`${doc.metadata.name}${suffix}`, "slo").replace(/[^a-z0-9_.-]/g, "-"),
      name: name.slice(0, 200),
      kind: "objective",
      period,
      amount: null,
      target,
      bucket,
      comparator,
      threshold,
    });
  });
  return out;
}

/**
 * Reads OpenSLO v1 documents (SLO and SLI, any number per file) into the systems, signals and
 * budgets of a partial parley.yaml. `system` overrides each SLO's spec.service.
 */
export function openSloToConfig(
  sources: readonly YamlSource[],
  options: { system?: string } = {},
): OpenSloImport {
  const notes: string[] = [];
  const problems: ConfigProblem[] = [];
  const docs: Array<{ doc: OpenSloDocument; source: YamlSource }> = [];
  for (const source of sources) {
    problems.push(...source.problems);
    if (source.problems.length > 0 || source.value === null || source.value === undefined) continue;
    const kind = (source.value as { kind?: unknown }).kind;
    if (typeof kind === "string" && !KNOWN_KINDS.includes(kind)) {
      if (SKIPPED_KINDS.includes(kind))
        notes.push(`A ${kind} document was skipped: Parley reads SLO and SLI documents.`);
      else
        problems.push(
          problemAt(
            source,
            ["kind"],
            `"${kind}" is not an OpenSLO kind Parley reads`,
            "use kind: SLO or kind: SLI",
          ),
        );
      continue;
    }
    const parsed = OpenSloDocument.safeParse(source.value);
    if (!parsed.success)
      problems.push(
        ...schemaProblems(
          source,
          parsed.error,
          OpenSloDocument,
          "start with apiVersion: openslo/v1 and kind: SLO",
        ),
      );
    else docs.push({ doc: parsed.data, source });
  }
  const slis = new Map<string, { spec: SliSpec; display: string | undefined }>();
  for (const { doc } of docs)
    if (doc.kind === "SLI")
      slis.set(doc.metadata.name, { spec: doc.spec, display: doc.metadata.displayName });
  const systems = new Map<string, Map<string, SignalSpec>>();
  const systemOrigins = new Map<string, { source: YamlSource; path: Path }>();
  for (const { doc, source } of docs) {
    if (doc.kind !== "SLO") continue;
    let sli: { name: string; display?: string | undefined; spec: SliSpec } | null = null;
    if (doc.spec.indicator)
      sli = {
        name: doc.spec.indicator.metadata.name,
        display: doc.spec.indicator.metadata.displayName,
        spec: doc.spec.indicator.spec,
      };
    else if (doc.spec.indicatorRef) {
      const found = slis.get(doc.spec.indicatorRef);
      if (found) sli = { name: doc.spec.indicatorRef, display: found.display, spec: found.spec };
      else {
        problems.push(
          problemAt(
            source,
            ["spec", "indicatorRef"],
            `no SLI named "${doc.spec.indicatorRef}" in the files given`,
            "add the SLI document, or inline it under spec.indicator",
          ),
        );
        continue;
      }
    }
    if (!sli) {
      problems.push(
        problemAt(
          source,
          ["spec"],
          "the SLO has no indicator",
          "add spec.indicator (an inline SLI) or spec.indicatorRef",
        ),
      );
      continue;
    }
    if (!sli.spec.ratioMetric && !sli.spec.thresholdMetric) {
      problems.push(
        problemAt(
          source,
          ["spec"],
          `the SLI "${sli.name}" has neither ratioMetric nor thresholdMetric`,
          "describe the metric with one of them",
        ),
      );
      continue;
    }
    const parleySystem = sliShape(sli.spec).parleySignal?.system;
    const systemKey = options.system ?? systemKeyOf(parleySystem ?? doc.spec.service ?? "");
    if (!systemKey) {
      problems.push(
        problemAt(
          source,
          doc.spec.service ? ["spec", "service"] : ["spec"],
          doc.spec.service
            ? `"${doc.spec.service}" cannot be a Parley system key`
            : "the SLO names no service",
          "pass --system KEY to say which Parley system the SLO belongs to",
        ),
      );
      continue;
    }
    if (!systemOrigins.has(systemKey))
      systemOrigins.set(systemKey, {
        source,
        path: doc.spec.service && !options.system ? ["spec", "service"] : ["metadata", "name"],
      });
    const before = problems.length;
    const budgets = budgetsOf(doc, sli, source, notes, problems);
    if (problems.length > before) continue;
    const firstOp = doc.spec.objectives[0]?.op;
    const signal = signalFor(sli.name, sli.display, sli.spec, firstOp);
    const signals = systems.get(systemKey) ?? new Map<string, SignalSpec>();
    const existing = signals.get(signal.key);
    signals.set(signal.key, { ...signal, budgets: [...(existing?.budgets ?? []), ...budgets] });
    systems.set(systemKey, signals);
  }
  return {
    config: {
      version: 1,
      systems: [...systems].map(([key, signals]) => ({ key, signals: [...signals.values()] })),
    },
    notes,
    problems: sortProblems(problems),
    systemOrigins,
  };
}

const dnsName = (text: string) =>
  slugOf(text, "slo")
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/-+$/, "")
    .slice(0, 63);

function sloOf(systemKey: string, signal: SignalState, budget: BudgetState): Record<string, unknown> {
  const window =
    budget.period.kind === "rolling"
      ? { duration: `${budget.period.days}d`, isRolling: true }
      : { duration: "1M", isRolling: false, calendar: { startTime: "2024-01-01 00:00:00", timeZone: "UTC" } };
  return {
    apiVersion: "openslo/v1",
    kind: "SLO",
    metadata: {
      name: dnsName(`${systemKey}-${budget.key}`),
      displayName: budget.name,
      annotations: { [BUDGET_KEY_ANNOTATION]: budget.key },
    },
    spec: {
      description: describeBudgetRule(budget, signal.name, signal.unit),
      service: systemKey,
      indicator: {
        metadata: { name: dnsName(`${systemKey}-${signal.key}`), displayName: signal.name },
        spec: {
          thresholdMetric: {
            metricSource: {
              type: "Parley",
              spec: { system: systemKey, signal: signal.key, aggregation: signal.aggregation },
            },
          },
        },
      },
      timeWindow: [window],
      budgetingMethod: "Timeslices",
      objectives: [
        {
          displayName: budget.name,
          op: budget.comparator === "at_least" ? "gte" : "lte",
          value: budget.threshold,
          target: budget.target,
          timeSliceWindow: budget.bucket === "hour" ? "1h" : "1d",
        },
      ],
    },
  };
}

/**
 * Parley's objective budgets as OpenSLO v1 SLO documents with inline SLIs, one YAML stream.
 * Spend budgets are not SLOs (a money total, not a share of good events) and are listed in
 * `skipped` instead.
 */
export function budgetsToOpenSlo(
  state: WorkspaceState,
  options: { system?: string } = {},
): { text: string; count: number; skipped: string[] } {
  const docs: string[] = [];
  const skipped: string[] = [];
  for (const system of state.systems) {
    if (options.system && system.key !== options.system) continue;
    for (const signal of system.signals)
      for (const budget of signal.budgets) {
        if (budget.kind !== "objective") {
          skipped.push(`${system.key}/${signal.key}/${budget.key}: a spend budget is not an SLO`);
          continue;
        }
        docs.push(new Document(sloOf(system.key, signal, budget)).toString({ lineWidth: 100 }));
      }
  }
  return { text: docs.join("---\n"), count: docs.length, skipped };
}
