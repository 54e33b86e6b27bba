import { z } from "zod";
import { Id, IsoDateTime, patchOf, RequiredText, Text } from "./common.js";
import { SafeguardKind, SafeguardStatus } from "./enums.js";
import { PersonRef } from "./systems.js";

export const SafeguardFields = z.object({
  name: RequiredText(200),
  kind: SafeguardKind,
  status: SafeguardStatus.default("planned"),
  description: Text(4000).default(""),
  ownerId: Id.nullable().default(null),
  riskIds: z.array(Id).max(100).default([]).describe("Risks this safeguard protects against"),
  sourceAnswerId: Id.nullable().default(null),
});
export const SafeguardCreate = SafeguardFields;
export type SafeguardCreate = z.infer<typeof SafeguardCreate>;
export const SafeguardUpdate = patchOf(SafeguardFields).extend({ version: z.number().int().optional() });
export type SafeguardUpdate = z.infer<typeof SafeguardUpdate>;

export const Safeguard = z.object({
  id: Id,
  systemId: Id,
  name: z.string(),
  kind: SafeguardKind,
  status: SafeguardStatus,
  description: z.string(),
  owner: PersonRef.nullable(),
  risks: z.array(z.object({ id: Id, title: z.string() })),
  sourceAnswerId: Id.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type Safeguard = z.infer<typeof Safeguard>;

export const SafeguardsQuery = z.object({
  systemId: Id.optional(),
  kind: SafeguardKind.optional(),
  status: SafeguardStatus.optional(),
});
