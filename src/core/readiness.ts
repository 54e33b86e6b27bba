import type { ReadinessGap } from "../contract/systems.js";
import type {
  GrowthVisibility,
  RiskPosture,
  SafeguardKind,
  SafeguardStatus,
  Stage,
} from "../contract/enums.js";
import { STAGES } from "../contract/enums.js";
import { isHighImpact, needsDecision } from "./decisions.js";

/** Everything the readiness rules look at, gathered by the store in one read. */
export interface ReadinessSnapshot {
  purpose: string;
  expectedOutcome: string;
  hasLeadershipOwner: boolean;
  hasEngineeringOwner: boolean;
  latestRound: { title: string; asked: number; aligned: number } | null;
  risks: ReadonlyArray<{
    title: string;
    impact: number;
    posture: RiskPosture;
    growth: GrowthVisibility;
    safeguards: ReadonlyArray<{ kind: SafeguardKind; status: SafeguardStatus }>;
  }>;
  /** Production signals with the kinds of limits and budgets set on them. */
  signals: ReadonlyArray<{ name: string; kind: string; lastPointAt: number | null; guarded: boolean }>;
  /** Evaluation time, epoch ms. */
  now: number;
  /** When the system was last rehearsed at scale and the age its plan allows; absent: never rehearsed. */
  rehearsal?: { latestAt: number | null; maxAgeDays: number } | null;
}

/** How old the latest scale rehearsal may be when neither the gate nor the plan says. */
export const REHEARSAL_MAX_AGE_DAYS = 30;

/** How recent the newest point of every signal must be for "signals flowing". */
export const SIGNALS_FRESH_HOURS = 48;

export const READINESS_RULES = [
  "purpose_stated",
  "owners_assigned",
  "questions_read_back",
  "high_impact_risks_decided",
  "quiet_risks_detected",
  "cost_limit",
  "quality_limit",
  "signals_flowing",
  "rehearsal_recent",
] as const;
export type ReadinessRule = (typeof READINESS_RULES)[number];

/** Tuning of a rule where it is listed in a gate, e.g. `{ rule: "signals_flowing", hours: 24 }`. */
export interface RuleParams {
  hours?: number;
  days?: number;
}

/** A rule in a gate: its id alone (default tuning) or with parameters. */
export type GateRule = ReadinessRule | ({ rule: ReadinessRule } & RuleParams);

/** Which parameter each tunable rule takes; rules not listed take none. */
export const RULE_PARAMETERS: Partial<Record<ReadinessRule, keyof RuleParams>> = {
  signals_flowing: "hours",
  rehearsal_recent: "days",
};

/**
 * Which rules must hold before a system may enter each stage. Teams override this map in config
 * as code (stored as a workspace setting); DEFAULT_GATES applies until they do.
 */
export type GatePolicy = Partial<Record<Stage, readonly GateRule[]>>;

export const DEFAULT_GATES: GatePolicy = {
  demo: ["purpose_stated"],
  pilot: ["purpose_stated", "owners_assigned", "questions_read_back", "high_impact_risks_decided"],
  production: [
    "purpose_stated",
    "owners_assigned",
    "questions_read_back",
    "high_impact_risks_decided",
    "quiet_risks_detected",
    "cost_limit",
    "quality_limit",
    "signals_flowing",
  ],
};

type RuleCheck = (s: ReadinessSnapshot, params: RuleParams) => string[];

const CHECKS: Record<ReadinessRule, RuleCheck> = {
  purpose_stated: (s) =>
    s.purpose.trim() && s.expectedOutcome.trim()
      ? []
      : ["State the purpose and the expected outcome in business terms."],
  owners_assigned: (s) => [
    ...(s.hasLeadershipOwner ? [] : ["Name a leadership owner."]),
    ...(s.hasEngineeringOwner ? [] : ["Name an engineering owner."]),
  ],
  questions_read_back: (s) => {
    if (!s.latestRound || s.latestRound.asked === 0)
      return ["Hold a conversation round with questions from both sides."];
    const open = s.latestRound.asked - s.latestRound.aligned;
    return open === 0
      ? []
      : [
          `${open} of ${s.latestRound.asked} questions in "${s.latestRound.title}" are not yet answered and read back.`,
        ];
  },
  high_impact_risks_decided: (s) =>
    s.risks
      .filter((r) => isHighImpact(r.impact) && needsDecision(r.posture))
      .map((r) =>
        r.posture === "expired"
          ? `Leadership's acceptance of "${r.title}" has expired: decide again.`
          : `Leadership has not decided on the high-impact risk "${r.title}".`,
      ),
  quiet_risks_detected: (s) =>
    s.risks
      .filter((r) => r.growth === "quiet" && r.posture !== "closed" && r.posture !== "avoided")
      .filter(
        (r) =>
          !r.safeguards.some((g) => g.kind === "detect" && (g.status === "live" || g.status === "verified")),
      )
      .map((r) => `The quietly growing risk "${r.title}" has no live detect safeguard.`),
  cost_limit: (s) =>
    s.signals.some((g) => g.kind === "cost" && g.guarded)
      ? []
      : ["Set a trust limit or budget on a cost signal, so spend cannot creep unnoticed."],
  quality_limit: (s) =>
    s.signals.some((g) => (g.kind === "quality" || g.kind === "error_rate") && g.guarded)
      ? []
      : ["Set a trust limit or budget on a quality or error-rate signal."],
  signals_flowing: (s, { hours = SIGNALS_FRESH_HOURS }) => {
    if (s.signals.length === 0) return ["Connect at least one production signal."];
    const stale = s.signals.filter(
      (g) => g.lastPointAt === null || s.now - g.lastPointAt > hours * 3_600_000,
    );
    return stale.map((g) => `No data from "${g.name}" in the last ${hours} hours.`);
  },
  rehearsal_recent: (s, { days }) => {
    const maxAge = days ?? s.rehearsal?.maxAgeDays ?? REHEARSAL_MAX_AGE_DAYS;
    const at = s.rehearsal?.latestAt ?? null;
    if (at === null) return ["Run a scale rehearsal (what breaks first as usage grows) and save it."];
    const age = Math.floor((s.now - at) / 86_400_000);
    return age > maxAge
      ? [`The latest scale rehearsal is ${age} days old; save a new one (at most ${maxAge} days old).`]
      : [];
  },
};

/** What each rule asks for, in words, to show the checklist including what is already met. */
export const RULE_LABELS: Record<ReadinessRule, string> = {
  purpose_stated: "Purpose and expected outcome stated in business terms",
  owners_assigned: "An owner on each side",
  questions_read_back: "The latest round answered and read back",
  high_impact_risks_decided: "Every high-impact risk decided by leadership, and not expired",
  quiet_risks_detected: "A live detect safeguard for every quietly growing risk",
  cost_limit: "A limit or budget on cost",
  quality_limit: "A limit or budget on quality or errors",
  signals_flowing: `Signals received data in the last ${SIGNALS_FRESH_HOURS} hours`,
  rehearsal_recent: "A recent scale rehearsal: what breaks first as usage grows",
};

/**
 * The rules a move from `from` to `to` must pass, each once, in gate order. A rule listed by more
 * than one stage passed keeps the tuning of the latest stage.
 */
export function gateRules(
  gates: GatePolicy,
  from: Stage,
  to: Stage,
): Array<{ rule: ReadinessRule; params: RuleParams }> {
  if (!isGatedMove(from, to)) return [];
  const passed = STAGES.slice(STAGES.indexOf(from) + 1, STAGES.indexOf(to) + 1);
  const rules = new Map<ReadinessRule, RuleParams>();
  for (const entry of passed.flatMap((stage) => gates[stage] ?? [])) {
    const { rule, ...params } = typeof entry === "string" ? { rule: entry } : entry;
    rules.set(rule, params);
  }
  return [...rules].map(([rule, params]) => ({ rule, params }));
}

function ruleLabel(rule: ReadinessRule, params: RuleParams): string {
  if (rule === "signals_flowing" && params.hours !== undefined)
    return `Signals received data in the last ${params.hours} hours`;
  if (rule === "rehearsal_recent" && params.days !== undefined)
    return `A scale rehearsal saved in the last ${params.days} days`;
  return RULE_LABELS[rule];
}

/** Every rule of the gate into `to`, met or not, in the order the gate lists them. */
export function readinessChecks(
  snapshot: ReadinessSnapshot,
  from: Stage,
  to: Stage,
  gates: GatePolicy = DEFAULT_GATES,
): Array<{ rule: ReadinessRule; label: string; met: boolean }> {
  return gateRules(gates, from, to).map(({ rule, params }) => ({
    rule,
    label: ruleLabel(rule, params),
    met: CHECKS[rule](snapshot, params).length === 0,
  }));
}

/** The stage after `stage`, or null for the last one. */
export function nextStage(stage: Stage): Stage | null {
  const i = STAGES.indexOf(stage);
  const next = STAGES[i + 1];
  return next && next !== "retired" ? next : null;
}

/** Moving forward is gated; moving back or retiring never is (stopping must always be possible). */
export function isGatedMove(from: Stage, to: Stage): boolean {
  return to !== "retired" && STAGES.indexOf(to) > STAGES.indexOf(from);
}

/**
 * What is still missing before a system at `from` may move to `to`. A jump over several stages
 * must satisfy every stage it passes through.
 */
export function readinessGaps(
  snapshot: ReadinessSnapshot,
  from: Stage,
  to: Stage,
  gates: GatePolicy = DEFAULT_GATES,
): ReadinessGap[] {
  return gateRules(gates, from, to).flatMap(({ rule, params }) =>
    CHECKS[rule](snapshot, params).map((message) => ({ rule, message })),
  );
}

/**
 * The stage a gate is checked from. Asking about the stage a system is already in re-applies the
 * gate into that stage, so a release pipeline can verify production still meets production's rules.
 */
export function gateOrigin(current: Stage, to: Stage): Stage {
  if (to !== current) return current;
  return STAGES[Math.max(STAGES.indexOf(to) - 1, 0)] ?? current;
}
