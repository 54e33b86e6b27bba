import { z } from "zod";
import { Id, IsoDate, IsoDateTime, Money, patchOf, RequiredText, Text } from "./common.js";
import { Stage, UsersReached } from "./enums.js";

export const SystemKey = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "use 2-63 lowercase letters, digits and dashes, e.g. support-bot");

const StringList = z.array(RequiredText(200)).max(50);

export const SystemFields = z.object({
  key: SystemKey,
  name: RequiredText(200),
  purpose: Text(4000).default("").describe("What the system is for, in business terms"),
  expectedOutcome: Text(4000).default("").describe("The outcome leadership expects, in business terms"),
  valueEstimate: Money.nullable().default(null).describe("Estimated yearly value"),
  targetDate: IsoDate.nullable().default(null),
  leadershipOwnerId: Id.nullable().default(null),
  engineeringOwnerId: Id.nullable().default(null),
  models: StringList.default([]).describe("Models and providers, e.g. openai/gpt-4o"),
  dataSources: StringList.default([]),
  dependencies: StringList.default([]),
  usersReached: UsersReached.default("internal"),
  scaleNow: Text(500).default(""),
  scalePlanned: Text(500).default(""),
});

export const SystemCreate = SystemFields.extend({ stage: Stage.default("idea") });
export type SystemCreate = z.infer<typeof SystemCreate>;

export const SystemUpdate = patchOf(SystemFields.omit({ key: true })).extend({
  version: z.number().int().optional().describe("Send the version you read to avoid overwriting"),
});
export type SystemUpdate = z.infer<typeof SystemUpdate>;

export const PersonRef = z.object({ id: Id, name: z.string(), side: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

export const System = z.object({
  id: Id,
  key: z.string(),
  name: z.string(),
  purpose: z.string(),
  expectedOutcome: z.string(),
  valueEstimate: Money.nullable(),
  targetDate: IsoDate.nullable(),
  stage: Stage,
  leadershipOwner: PersonRef.nullable(),
  engineeringOwner: PersonRef.nullable(),
  models: z.array(z.string()),
  dataSources: z.array(z.string()),
  dependencies: z.array(z.string()),
  usersReached: UsersReached,
  scaleNow: z.string(),
  scalePlanned: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type System = z.infer<typeof System>;

export const SystemsQuery = z.object({
  stage: Stage.optional(),
  ownerId: Id.optional().describe("Either owner"),
  q: z.string().max(200).optional().describe("Search in key, name and purpose"),
});

export const StageChangeRequest = z.object({
  to: Stage,
  note: Text(2000).default(""),
});
export type StageChangeRequest = z.infer<typeof StageChangeRequest>;

export const StageChange = z.object({
  id: Id,
  systemId: Id,
  from: Stage,
  to: Stage,
  note: z.string(),
  changedBy: PersonRef,
  changedAt: IsoDateTime,
});
export type StageChange = z.infer<typeof StageChange>;

export const ReadinessGap = z.object({
  rule: z.string().describe("Stable rule id, e.g. questions_read_back"),
  message: z.string(),
});
export type ReadinessGap = z.infer<typeof ReadinessGap>;

export const Readiness = z.object({
  from: Stage,
  to: Stage.nullable(),
  ready: z.boolean(),
  gaps: z.array(ReadinessGap),
  checks: z
    .array(z.object({ rule: z.string(), label: z.string(), met: z.boolean() }))
    .describe("Every rule of the gate, met or not, for a checklist"),
});
export type Readiness = z.infer<typeof Readiness>;
