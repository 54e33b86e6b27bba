import { z } from "zod";
import { Id, IsoDate, IsoDateTime, RequiredText, Text } from "./common.js";
import { StatementKind } from "./enums.js";
import { PersonRef } from "./systems.js";

/** Engineering's "not ready", with the structure that makes it actionable. */
export const NotReadyCreate = z.object({
  kind: z.literal("not_ready"),
  missingConditions: z
    .array(RequiredText(500))
    .min(1, "name at least one condition that is missing")
    .max(30)
    .describe("What must be true before shipping"),
  riskIfShippedNow: RequiredText(4000).describe("What shipping now would risk, in outcomes"),
  note: Text(4000).default(""),
});

/** Leadership's "go faster", naming the risks it takes on and until when. */
export const GoFasterCreate = z.object({
  kind: z.literal("go_faster"),
  acceptedRiskIds: z.array(Id).max(50).default([]),
  acceptedRisksText: Text(4000).default("").describe("Risks accepted that are not in the register yet"),
  acceptedUntil: IsoDate.describe("Until when these risks are accepted"),
  reason: RequiredText(4000).describe("Why speed matters more here"),
});

export const StatementCreate = z.discriminatedUnion("kind", [NotReadyCreate, GoFasterCreate]);
export type StatementCreate = z.infer<typeof StatementCreate>;

export const Statement = z.object({
  id: Id,
  systemId: Id,
  kind: StatementKind,
  by: PersonRef,
  createdAt: IsoDateTime,
  missingConditions: z.array(z.string()),
  riskIfShippedNow: z.string(),
  note: z.string(),
  acceptedRisks: z.array(z.object({ id: Id, title: z.string() })),
  acceptedRisksText: z.string(),
  acceptedUntil: IsoDate.nullable(),
  reason: z.string(),
});
export type Statement = z.infer<typeof Statement>;
