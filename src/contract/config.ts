import { z } from "zod";
import { patchOf, RequiredText } from "./common.js";
import { QuestionCategory, Side, Stage, STAGES } from "./enums.js";
import { RiskBudgetCreate, TrustLimitCreate } from "./limits.js";
import { Email } from "./people.js";
import { SignalCreate, SignalKey } from "./signals.js";
import { SystemFields, SystemKey } from "./systems.js";
import { READINESS_RULES, RULE_PARAMETERS } from "../core/readiness.js";

// Config as code: the shape of parley.yaml. Every schema is strict, so a misspelt key is an error
// with its line and column rather than silently ignored. The JSON Schema in schema/ is generated
// from ConfigFile (npm test fails when the committed copy is stale).

/** A limit's or budget's stable name within its signal, e.g. monthly-spend. */
export const TargetKey = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/, "use lowercase letters, digits, dots, dashes and underscores");

export const ReadinessRuleName = z.enum(READINESS_RULES).describe("A readiness rule id");

const Hours = z
  .number()
  .positive()
  .max(24 * 366);
const Days = z.number().positive().max(3660);

/** A rule in a gate: its id, or `{ rule, hours }` / `{ rule, days }` for rules that take one. */
export const GateRuleSpec = z.union([
  ReadinessRuleName,
  z
    .strictObject({
      rule: ReadinessRuleName,
      hours: Hours.optional().describe("For signals_flowing: how recent the newest point must be"),
      days: Days.optional().describe("For rehearsal_recent: how old the latest scale rehearsal may be"),
    })
    .superRefine((entry, ctx) => {
      const takes = RULE_PARAMETERS[entry.rule];
      for (const param of ["hours", "days"] as const) {
        if (entry[param] !== undefined && takes !== param) {
          ctx.addIssue({
            code: "custom",
            path: [param],
            message: takes
              ? `${entry.rule} takes ${takes}, not ${param}`
              : `${entry.rule} takes no parameter; write it as a plain rule name`,
          });
        }
      }
    }),
]);
export type GateRuleSpec = z.infer<typeof GateRuleSpec>;

const gatedStages = STAGES.filter((s) => s !== "idea" && s !== "retired");
export const GatesSpec = z
  .strictObject(
    Object.fromEntries(
      gatedStages.map((stage) => [
        stage,
        z
          .array(GateRuleSpec)
          .max(50)
          .optional()
          .describe(
            `Rules to pass before entering ${stage}; [] for none; left out, the stage keeps its current gate`,
          ),
      ]),
    ) as Record<(typeof gatedStages)[number], z.ZodOptional<z.ZodArray<typeof GateRuleSpec>>>,
  )
  .describe("The readiness gate policy per stage");

export const PersonSpec = z
  .strictObject({
    email: Email,
    name: RequiredText(200),
    side: Side,
  })
  .describe("A person; apply adds missing people as accounts without a usable password");
export type PersonSpec = z.infer<typeof PersonSpec>;

export const QuestionSpec = z.strictObject({
  text: RequiredText(1000),
  askedBy: Side.describe("The side that asks; the other side answers"),
  topic: QuestionCategory.default("other"),
});
export type QuestionSpec = z.infer<typeof QuestionSpec>;

export const QuestionSetSpec = z.strictObject({
  name: SignalKey.describe("The set's name, e.g. launch-review"),
  questions: z.array(QuestionSpec).max(500),
});
export type QuestionSetSpec = z.infer<typeof QuestionSetSpec>;

export const LimitSpec = TrustLimitCreate.omit({ signalId: true, sourceAnswerId: true })
  .extend({
    key: TargetKey.optional().describe("Stable name within the signal; defaults to one derived from name"),
  })
  .strict()
  .superRefine((limit, ctx) => {
    if (limit.aggregate === "quantile" && limit.quantile === null)
      ctx.addIssue({
        code: "custom",
        path: ["quantile"],
        message: "a quantile limit needs quantile, e.g. 0.95",
      });
  });
export type LimitSpec = z.infer<typeof LimitSpec>;

export const BudgetSpec = RiskBudgetCreate.omit({ signalId: true, riskId: true })
  .extend({
    key: TargetKey.optional().describe("Stable name within the signal; defaults to one derived from name"),
  })
  .strict()
  .superRefine((budget, ctx) => {
    if (budget.kind === "spend" && budget.amount === null)
      ctx.addIssue({ code: "custom", path: ["amount"], message: "a spend budget needs amount, e.g. 30000" });
    if (budget.kind === "objective" && budget.target === null)
      ctx.addIssue({
        code: "custom",
        path: ["target"],
        message: "an objective budget needs target, e.g. 0.99",
      });
    if (budget.kind === "objective" && budget.threshold === null)
      ctx.addIssue({
        code: "custom",
        path: ["threshold"],
        message: "an objective budget needs threshold, the value a good bucket must reach",
      });
  });
export type BudgetSpec = z.infer<typeof BudgetSpec>;

/** Fields left out of a signal are left alone on an existing one; a new one needs name and kind. */
export const SignalSpec = patchOf(SignalCreate.omit({ key: true }))
  .extend({
    key: SignalKey,
    limits: z.array(LimitSpec).max(100).optional().describe("Trust limits on this signal"),
    budgets: z.array(BudgetSpec).max(100).optional().describe("Risk budgets on this signal"),
  })
  .strict();
export type SignalSpec = z.infer<typeof SignalSpec>;

const OwnerEmail = Email.nullable().describe(
  "E-mail of a person in the workspace or under people:; null clears",
);

/** Fields left out of a system are left alone on an existing one; a new one needs name. */
export const SystemSpec = patchOf(
  SystemFields.omit({ key: true, leadershipOwnerId: true, engineeringOwnerId: true }),
)
  .extend({
    key: SystemKey,
    stage: Stage.optional().describe("Moving an existing system forward passes its readiness gate"),
    owners: z
      .strictObject({ leadership: OwnerEmail.optional(), engineering: OwnerEmail.optional() })
      .optional(),
    signals: z.array(SignalSpec).max(200).optional(),
  })
  .strict();
export type SystemSpec = z.infer<typeof SystemSpec>;

export const ConfigFile = z
  .strictObject({
    version: z.literal(1).default(1).describe("Format version of this file"),
    people: z.array(PersonSpec).max(1000).optional(),
    readiness: z.strictObject({ gates: GatesSpec.optional() }).optional(),
    questionSets: z.array(QuestionSetSpec).max(100).optional(),
    systems: z.array(SystemSpec).max(1000).optional(),
  })
  .describe(
    "Parley config as code: systems, owners, signals, limits, budgets, readiness gates, question sets",
  );
export type ConfigFile = z.infer<typeof ConfigFile>;

// The plan, as the CLI prints it with --json and the API returns it.

export const PLAN_ACTIONS = ["create", "change", "unchanged", "prune", "absent"] as const;
export const PlanAction = z.enum(PLAN_ACTIONS);
export type PlanAction = z.infer<typeof PlanAction>;

export const PLAN_ENTITIES = [
  "setting",
  "person",
  "question",
  "system",
  "signal",
  "trust_limit",
  "risk_budget",
] as const;

export const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export type FieldChange = z.infer<typeof FieldChange>;

export const PlanItem = z.object({
  action: PlanAction.describe("absent: in the workspace, not in the file, and kept (no --prune)"),
  entity: z.enum(PLAN_ENTITIES),
  address: z.string().describe('e.g. "signal support-assistant/cost_usd"'),
  changes: z.array(FieldChange),
  replace: z.boolean().describe("Applied by archiving the old one (history kept) and creating a new one"),
  note: z.string().nullable(),
});
export type PlanItem = z.infer<typeof PlanItem>;

export const PlanCounts = z.object({
  create: z.number().int(),
  change: z.number().int(),
  unchanged: z.number().int(),
  prune: z.number().int(),
  absent: z.number().int(),
});
export type PlanCounts = z.infer<typeof PlanCounts>;

export const ConfigPlan = z.object({
  items: z.array(PlanItem),
  counts: PlanCounts,
  warnings: z.array(z.string()),
});
export type ConfigPlan = z.infer<typeof ConfigPlan>;

export const ConfigProblem = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  path: z.string().describe('e.g. "systems[1].signals[0].kind"'),
  message: z.string(),
  fix: z.string().nullable(),
});
export type ConfigProblem = z.infer<typeof ConfigProblem>;

export const ConfigRequest = z.object({
  yaml: z.string().max(2_000_000).describe("The parley.yaml text"),
  prune: z
    .boolean()
    .default(false)
    .describe("Also archive limits, budgets and set questions not in the file"),
});
export type ConfigRequest = z.infer<typeof ConfigRequest>;

export const ConfigApplyResult = z.object({ plan: ConfigPlan, applied: z.boolean() });
