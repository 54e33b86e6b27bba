import { z } from "zod";
import { Id, IsoDate, IsoDateTime, Text } from "./common.js";
import { RowProblem } from "./signals.js";

// Connectors: OpenTelemetry (OTLP/HTTP), FinOps FOCUS billing exports, and the price table that
// turns tokens into money. Mapping rules decide which system incoming data belongs to.

/** A glob: `*` matches any run of characters, `?` one character; matching ignores case. */
export const GlobPattern = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .describe('A glob: "*" matches anything, "?" one character; case-insensitive. E.g. "checkout-*"');

const SystemRef = z.string().trim().min(1).max(100).describe("The system's key or id");
const AttributeKey = z.string().trim().min(1).max(200);
const Position = z
  .number()
  .int()
  .min(0)
  .max(100_000)
  .describe("Order among glob rules; lower comes first. Exact patterns always win over globs");

export const OTLP_RULE_FIELDS = ["service", "attribute"] as const;
export const OtlpMappingCreate = z.object({
  field: z
    .enum(OTLP_RULE_FIELDS)
    .default("service")
    .describe(
      'service: the resource\'s parley.system attribute, else service.name; attribute: the resource attribute named by "key"',
    ),
  key: AttributeKey.nullable()
    .default(null)
    .describe('For field "attribute": the resource attribute, e.g. deployment.environment'),
  pattern: GlobPattern,
  system: SystemRef,
  position: Position.optional(),
});
export type OtlpMappingCreate = z.infer<typeof OtlpMappingCreate>;

export const FOCUS_RULE_FIELDS = ["tag", "service", "sku", "model", "account"] as const;
export const FocusRuleCreate = z.object({
  field: z
    .enum(FOCUS_RULE_FIELDS)
    .describe(
      'tag: the Tags value under "key"; service: ServiceName; sku: SkuId or SkuMeter; model: the model named in SkuPriceDetails or SkuMeter; account: SubAccountId or SubAccountName',
    ),
  key: AttributeKey.nullable().default(null).describe('For field "tag": the tag key, e.g. team'),
  pattern: GlobPattern,
  system: SystemRef,
  position: Position.optional(),
});
export type FocusRuleCreate = z.infer<typeof FocusRuleCreate>;

/** PATCH body for a rule of either connector: any field of the create body. */
export const RuleUpdate = z.object({
  field: z.string().trim().min(1).max(40).optional(),
  key: AttributeKey.nullable().optional(),
  pattern: GlobPattern.optional(),
  system: SystemRef.optional(),
  position: Position.optional(),
});
export type RuleUpdate = z.infer<typeof RuleUpdate>;

export const ConnectorRule = z.object({
  id: Id,
  connector: z.enum(["otlp", "focus"]),
  field: z.string(),
  key: z.string().nullable(),
  pattern: z.string(),
  position: z.number().int(),
  systemId: Id,
  systemKey: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ConnectorRule = z.infer<typeof ConnectorRule>;

export const SIGHTING_KINDS = ["unmapped_service", "unpriced_model", "unmapped_charge"] as const;
export const Sighting = z.object({
  kind: z.enum(SIGHTING_KINDS),
  name: z.string().describe("The service, model or charge group that could not be used"),
  count: z.number().int().describe("Spans, data points or rows seen so far"),
  firstSeen: IsoDateTime,
  lastSeen: IsoDateTime,
  detail: z.string().describe("What to do about it"),
});
export type Sighting = z.infer<typeof Sighting>;

export const TOKEN_TYPES = ["input", "output", "cached_input", "cache_write"] as const;
export const TokenType = z.enum(TOKEN_TYPES);
export type TokenType = z.infer<typeof TokenType>;

export const Currency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "use a 3-letter ISO currency code such as USD");

export const PriceCreate = z.object({
  provider: GlobPattern.default("*").describe(
    'gen_ai.provider.name (or gen_ai.system), e.g. "openai", "aws.bedrock"; "*" for any',
  ),
  model: GlobPattern.describe(
    'Model name glob, matched against the response model, else the request model, e.g. "gpt-4o-mini*"',
  ),
  tokenType: TokenType.describe(
    "input (uncached input), output, cached_input (cache reads), cache_write (cache creation)",
  ),
  perMillion: z.number().finite().min(0).max(1_000_000).describe("Price per million tokens"),
  currency: Currency.default("USD"),
  effectiveFrom: IsoDate.describe("First day (UTC) the price applies; the newest applicable entry wins"),
  note: Text(500).default(""),
});
export type PriceCreate = z.infer<typeof PriceCreate>;

export const PriceUpdate = z.object({
  provider: GlobPattern.optional(),
  model: GlobPattern.optional(),
  tokenType: TokenType.optional(),
  perMillion: z.number().finite().min(0).max(1_000_000).optional(),
  currency: Currency.optional(),
  effectiveFrom: IsoDate.optional(),
  note: Text(500).optional(),
});
export type PriceUpdate = z.infer<typeof PriceUpdate>;

export const Price = z.object({
  id: Id,
  provider: z.string(),
  model: z.string(),
  tokenType: TokenType,
  perMillion: z.number(),
  currency: z.string(),
  effectiveFrom: IsoDate,
  origin: z.enum(["default", "custom"]).describe("default: shipped with Parley, to be reviewed"),
  note: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Price = z.infer<typeof Price>;

export const PriceQuery = z.object({
  model: z.string().trim().max(200).optional().describe("Only entries whose pattern matches this model"),
});

export const FocusImportQuery = z.object({
  dryRun: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => v === "true" || v === "1")
    .describe("Check and summarise the file without storing anything"),
  fileName: z.string().trim().max(200).optional().describe("Shown in the import history"),
});

export const FocusSystemTotal = z.object({
  systemKey: z.string(),
  currency: z.string(),
  cost: z.number().describe("EffectiveCost (BilledCost where EffectiveCost is empty) of the new rows"),
  tokens: z.number(),
  days: z.number().int(),
});

export const FocusUnmapped = z.object({
  name: z.string().describe('"ServiceName / SkuMeter" of rows no rule maps to a system'),
  rows: z.number().int(),
  cost: z.number(),
  currency: z.string(),
});

export const FocusImportResult = z.object({
  importId: Id.nullable().describe("null for a dry run or when nothing new was found"),
  dryRun: z.boolean(),
  rows: z.number().int().describe("Data rows read"),
  imported: z.number().int().describe("Charges stored for the first time"),
  duplicates: z.number().int().describe("Charges already imported before (re-imports change nothing)"),
  corrections: z.number().int().describe("Rows with ChargeClass = Correction among the new ones"),
  unmapped: z.number().int().describe("Rows no rule maps to a system; add a rule and import again"),
  rejected: z.number().int(),
  problems: z.array(RowProblem),
  systems: z.array(FocusSystemTotal),
  unmappedGroups: z.array(FocusUnmapped).describe("The largest unmapped groups, to write rules for"),
});
export type FocusImportResult = z.infer<typeof FocusImportResult>;

export const FocusImport = z.object({
  id: Id,
  fileName: z.string(),
  rows: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  unmapped: z.number().int(),
  rejected: z.number().int(),
  createdAt: IsoDateTime,
  undoneAt: IsoDateTime.nullable(),
  systems: z.array(FocusSystemTotal),
});
export type FocusImport = z.infer<typeof FocusImport>;
