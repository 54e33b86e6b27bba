import type { Generated } from "kysely";

// Table types as Kysely sees them (camelCase here, snake_case in the database via CamelCasePlugin).
// Timestamps are ISO-8601 UTC strings and dates YYYY-MM-DD on both databases, so ordering and
// comparison behave the same; lists are JSON text; booleans are 0/1 integers.

export interface PeopleTable {
  id: string;
  email: string;
  name: string;
  side: string;
  isAdmin: number;
  passwordHash: string;
  disabled: number;
  createdAt: string;
}

export interface SessionsTable {
  idHash: string;
  personId: string;
  createdAt: string;
  expiresAt: string;
}

export interface InvitationsTable {
  id: string;
  email: string;
  name: string;
  side: string;
  isAdmin: number;
  tokenHash: string;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  /** "email" or "link" (e-mail not configured: the admin passes the link on). */
  delivery: string;
  acceptedAt: string | null;
  personId: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  replacedBy: string | null;
}

export interface PasswordResetsTable {
  id: string;
  personId: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
}

export interface ApiTokensTable {
  id: string;
  personId: string;
  name: string;
  tokenHash: string;
  scopes: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface SystemsTable {
  id: string;
  key: string;
  name: string;
  purpose: string;
  expectedOutcome: string;
  valueAmount: number | null;
  valueCurrency: string | null;
  targetDate: string | null;
  stage: string;
  leadershipOwnerId: string | null;
  engineeringOwnerId: string | null;
  models: string;
  dataSources: string;
  dependencies: string;
  usersReached: string;
  scaleNow: string;
  scalePlanned: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface StageChangesTable {
  id: string;
  systemId: string;
  fromStage: string;
  toStage: string;
  note: string;
  changedBy: string;
  changedAt: string;
}

export interface QuestionsTable {
  id: string;
  text: string;
  askedBy: string;
  category: string;
  builtin: number;
  archived: number;
  createdBy: string | null;
  createdAt: string;
  /** The config-as-code question set it belongs to; null for the starter bank and ad-hoc questions. */
  questionSet?: string | null;
}

export interface RoundsTable {
  id: string;
  systemId: string;
  title: string;
  heldOn: string;
  createdBy: string;
  createdAt: string;
}

export interface AsksTable {
  id: string;
  roundId: string;
  questionId: string | null;
  text: string;
  askedBy: string;
  category: string;
  position: number;
  createdAt: string;
}

export interface AnswersTable {
  id: string;
  askId: string;
  body: string;
  answeredBy: string;
  createdAt: string;
}

export interface ReadBacksTable {
  id: string;
  askId: string;
  answerId: string;
  restatement: string;
  verdict: string;
  note: string;
  readBy: string;
  createdAt: string;
}

export interface RisksTable {
  id: string;
  systemId: string;
  title: string;
  class: string;
  failureMode: string;
  triggers: string;
  dependencies: string;
  businessImpact: string;
  impactAreas: string;
  growth: string;
  growthDrivers: string;
  likelihood: number;
  impact: number;
  costLow: number | null;
  costHigh: number | null;
  costCurrency: string | null;
  revealingSignals: string;
  sourceAnswerId: string | null;
  closed: number;
  proposedBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface DecisionsTable {
  id: string;
  riskId: string;
  outcome: string;
  rationale: string;
  conditions: string;
  reviewBy: string | null;
  decidedBy: string;
  decidedAt: string;
  supersededBy: string | null;
  sourceAnswerId: string | null;
}

export interface SafeguardsTable {
  id: string;
  systemId: string;
  name: string;
  kind: string;
  status: string;
  description: string;
  ownerId: string | null;
  sourceAnswerId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SafeguardRisksTable {
  safeguardId: string;
  riskId: string;
}

export interface StatementsTable {
  id: string;
  systemId: string;
  kind: string;
  byId: string;
  createdAt: string;
  missingConditions: string;
  riskIfShippedNow: string;
  note: string;
  acceptedRiskIds: string;
  acceptedRisksText: string;
  acceptedUntil: string | null;
  reason: string;
}

export interface AuditEventsTable {
  seq: Generated<number>;
  at: string;
  actorId: string | null;
  systemId: string | null;
  entity: string;
  entityId: string;
  action: string;
  summary: string;
  before: string | null;
  after: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface SignalsTable {
  id: string;
  systemId: string;
  key: string;
  name: string;
  kind: string;
  unit: string;
  direction: string;
  aggregation: string;
  quantile: number | null;
  description: string;
  createdAt: string;
  lastPointT: number | null;
  lastReceivedAt: string | null;
}

export interface PointsTable {
  signalId: string;
  t: number;
  source: string;
  value: number;
  denominator: number | null;
}

export interface RollupsTable {
  signalId: string;
  granularity: string;
  start: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  denominatorSum: number;
}

export interface TrustLimitsTable {
  id: string;
  systemId: string;
  signalId: string;
  name: string;
  windowDays: number;
  aggregate: string;
  quantile: number | null;
  comparator: string;
  threshold: number;
  horizonDays: number | null;
  sourceAnswerId: string | null;
  createdBy: string;
  createdAt: string;
  archived: number;
  /** Stable name within the signal for config as code; null means derived from the name. */
  key?: string | null;
}

export interface RiskBudgetsTable {
  id: string;
  systemId: string;
  signalId: string;
  name: string;
  kind: string;
  period: string;
  amount: number | null;
  target: number | null;
  bucket: string;
  comparator: string;
  threshold: number | null;
  riskId: string | null;
  createdBy: string;
  createdAt: string;
  archived: number;
  /** Stable name within the signal for config as code; null means derived from the name. */
  key?: string | null;
}

export interface WorkspaceSettingsTable {
  key: string;
  /** JSON text. */
  value: string;
  updatedBy: string | null;
  updatedAt: string;
}

export interface EvaluationStatesTable {
  targetId: string;
  at: string;
  state: string;
  value: number | null;
}

export interface FindingsTable {
  id: string;
  systemId: string;
  signalId: string;
  kind: string;
  sinceT: number | null;
  detectedAt: string;
  summary: string;
  change: number;
  baseline: number;
  relativeChange: number | null;
  confidence: number;
  confidenceLabel: string;
  worse: number | null;
  status: string;
  note: string;
  triagedBy: string | null;
  triagedAt: string | null;
}

export interface DetectorStatesTable {
  signalId: string;
  fedUntil: number;
  state: string;
}

export interface LedgerEntriesTable {
  id: string;
  systemId: string;
  safeguardId: string | null;
  occurredOn: string;
  kind: string;
  summary: string;
  valueLow: number | null;
  valueHigh: number | null;
  valueCurrency: string | null;
  estimateBasis: string;
  evidenceUrl: string | null;
  externalId: string | null;
  enteredBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ConnectorRulesTable {
  id: string;
  connector: string;
  position: number;
  field: string;
  attributeKey: string | null;
  pattern: string;
  systemId: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface ConnectorPricesTable {
  id: string;
  provider: string;
  model: string;
  tokenType: string;
  currency: string;
  perMillion: number;
  effectiveFrom: string;
  origin: string;
  note: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ConnectorSightingsTable {
  connector: string;
  kind: string;
  name: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  detail: string;
}

export interface OtlpMinutesTable {
  systemId: string;
  minute: number;
  state: string;
  updatedAt: string;
}

export interface OtlpMetricStreamsTable {
  streamKey: string;
  systemId: string;
  startTime: number;
  count: number;
  sum: number;
  buckets: string;
  seenAt: number;
}

export interface FocusImportsTable {
  id: string;
  fileName: string;
  rows: number;
  imported: number;
  duplicates: number;
  unmapped: number;
  rejected: number;
  summary: string;
  createdBy: string;
  createdAt: string;
  undoneAt: string | null;
}

export interface FocusChargesTable {
  fingerprint: string;
  day: number;
  importId: string;
  systemId: string;
  currency: string;
  effectiveCost: number;
  billedCost: number;
  listCost: number | null;
  tokenType: string | null;
  tokens: number | null;
}

export interface NotificationChannelsTable {
  id: string;
  name: string;
  kind: string;
  url: string | null;
  secret: string | null;
  recipients: string;
  events: string;
  systemIds: string | null;
  enabled: number;
  consecutiveFailures: number;
  failingSince: string | null;
  lastError: string | null;
  lastSuccessAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  archived: number;
}

export interface NotificationEventsTable {
  id: string;
  key: string;
  kind: string;
  systemId: string | null;
  occurredAt: string;
  title: string;
  body: string;
  link: string;
  severity: string;
  personIds: string;
  data: string;
  createdAt: string;
}

export interface NotificationDeliveriesTable {
  id: string;
  dedupeKey: string;
  eventId: string | null;
  channelId: string | null;
  personId: string | null;
  digestFrom: string | null;
  digestTo: string | null;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  leaseUntil: string | null;
  leasedBy: string | null;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

export interface NotificationPreferencesTable {
  personId: string;
  eventKind: string;
  mode: string;
}

export interface ReviewCadencesTable {
  systemId: string;
  everyDays: number;
  updatedBy: string;
  updatedAt: string;
}

export interface ScheduledJobsTable {
  name: string;
  nextRunAt: string;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastRunBy: string | null;
  lastResult: string | null;
  lastError: string | null;
  runs: number;
}

export interface PlannedScalesTable {
  systemId: string;
  /** The PlannedScaleInput as JSON. */
  plan: string;
  updatedBy: string | null;
  updatedAt: string;
}

export interface CapacityLimitsTable {
  id: string;
  systemId: string;
  name: string;
  kind: string;
  value: number;
  unit: string;
  source: string;
  peakFactor: number | null;
  quantile: number | null;
  measure: string | null;
  countWindow: string | null;
  currentUsage: number | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface RehearsalsTable {
  id: string;
  systemId: string;
  whatIf: string;
  inputs: string;
  result: string;
  firstBreakMultiple: number | null;
  createdBy: string | null;
  createdAt: string;
}

export interface Schema {
  people: PeopleTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  invitations: InvitationsTable;
  passwordResets: PasswordResetsTable;
  systems: SystemsTable;
  stageChanges: StageChangesTable;
  questions: QuestionsTable;
  rounds: RoundsTable;
  asks: AsksTable;
  answers: AnswersTable;
  readBacks: ReadBacksTable;
  risks: RisksTable;
  decisions: DecisionsTable;
  safeguards: SafeguardsTable;
  safeguardRisks: SafeguardRisksTable;
  statements: StatementsTable;
  auditEvents: AuditEventsTable;
  auditHead: AuditHeadTable;
  signals: SignalsTable;
  points: PointsTable;
  rollups: RollupsTable;
  trustLimits: TrustLimitsTable;
  riskBudgets: RiskBudgetsTable;
  evaluationStates: EvaluationStatesTable;
  findings: FindingsTable;
  detectorStates: DetectorStatesTable;
  ledgerEntries: LedgerEntriesTable;
  connectorRules: ConnectorRulesTable;
  connectorPrices: ConnectorPricesTable;
  connectorSightings: ConnectorSightingsTable;
  otlpMinutes: OtlpMinutesTable;
  otlpMetricStreams: OtlpMetricStreamsTable;
  focusImports: FocusImportsTable;
  focusCharges: FocusChargesTable;
  plannedScales: PlannedScalesTable;
  capacityLimits: CapacityLimitsTable;
  rehearsals: RehearsalsTable;
  notificationChannels: NotificationChannelsTable;
  notificationEvents: NotificationEventsTable;
  notificationDeliveries: NotificationDeliveriesTable;
  notificationPreferences: NotificationPreferencesTable;
  reviewCadences: ReviewCadencesTable;
  scheduledJobs: ScheduledJobsTable;
  workspaceSettings: WorkspaceSettingsTable;
}
