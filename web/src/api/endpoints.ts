// Typed wrappers for every route the web app uses. Shapes come from the shared zod contract:
// responses use the inferred output types, requests the input types (defaults may be omitted).
import type { z } from "zod";
import type {
  Ask,
  AskAdd,
  AnswerCreate,
  DecisionCreate,
  Page,
  Person,
  PersonCreate,
  PersonUpdate,
  Portfolio,
  Question,
  QuestionCreate,
  Readiness,
  ReadBackCreate,
  Risk,
  RiskCreate,
  RiskUpdate,
  RiskWithHistory,
  Round,
  RoundComparison,
  RoundCreate,
  RoundSummary,
  Safeguard,
  SafeguardCreate,
  SafeguardUpdate,
  SessionInfo,
  SetupFirstAdmin,
  SignIn,
  Stage,
  StageChange,
  Statement,
  StatementCreate,
  System,
  SystemCreate,
  SystemUpdate,
  TimelineEvent,
} from "../../../src/contract/index.js";
import type { Board, Brief, Changes, Voice } from "../../../src/contract/briefs.js";
import type {
  LedgerEntry,
  LedgerEntryCreate,
  LedgerEntryCreateForSystem,
  LedgerEntryUpdate,
  LedgerRollup,
} from "../../../src/contract/ledger.js";
import type {
  Finding,
  FindingTriage,
  LimitSeries,
  RiskBudget,
  RiskBudgetCreate,
  StateChange,
  TrustLimit,
  TrustLimitCreate,
} from "../../../src/contract/limits.js";
import type { Series, Signal } from "../../../src/contract/signals.js";
import type {
  AccountsSettings,
  Invitation,
  InvitationAccept,
  InvitationCreate,
  InvitationCreated,
  InvitationPreview,
  PasswordResetCheck,
  PasswordResetConfirm,
  PasswordResetRequested,
} from "../../../src/contract/accounts.js";
import { API_BASE, request, withQuery, type Query, type RequestOptions } from "./client.js";

type In<T extends z.ZodType> = z.input<T>;
type Items<T> = { items: T[] };
type Opts = RequestOptions;

const enc = encodeURIComponent;

export interface BriefParams {
  voice: Voice;
  system?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Where "what changed" starts: a date (YYYY-MM-DD) or a round. */
export type ChangesSince = { since: string } | { round: string };

/** A link to a brief as a file (Markdown or PDF), for a plain download. */
export function briefFileUrl(params: BriefParams, format: "md" | "pdf"): string {
  return API_BASE + withQuery("/briefs", { ...params, format });
}

/** A CSV download (Excel-friendly: UTF-8 with a byte order mark), e.g. csvExportUrl("/risks", {...}). */
export function csvExportUrl(
  what: "/risks" | "/decisions" | "/ledger" | "/people" | `/signals/${string}`,
  query?: Query,
): string {
  const path = what.startsWith("/signals/") ? `/signals/${enc(what.slice(9))}` : what;
  return API_BASE + withQuery(`${path}/export.csv`, { ...query, bom: true });
}

/** A link to "what changed" as Markdown, for one system or the workspace. */
export function changesFileUrl(systemRef: string | null, since: ChangesSince): string {
  const path = systemRef ? `/systems/${enc(systemRef)}/changes` : "/changes";
  return API_BASE + withQuery(path, { ...since, format: "md" });
}

export const api = {
  setupStatus: (o?: Opts) => request<{ needsSetup: boolean }>("GET", "/setup", undefined, o),
  setup: (body: In<typeof SetupFirstAdmin>) => request<SessionInfo>("POST", "/setup", body),
  signIn: (body: In<typeof SignIn>) => request<SessionInfo>("POST", "/auth/sign-in", body),
  signOut: () => request<void>("POST", "/auth/sign-out", {}),
  me: (o?: Opts) => request<SessionInfo>("GET", "/auth/me", undefined, { ...o, quietUnauthorized: true }),

  people: (query?: { side?: string; q?: string }, o?: Opts) =>
    request<Items<Person>>("GET", withQuery("/people", query), undefined, o),
  createPerson: (body: In<typeof PersonCreate>) => request<Person>("POST", "/people", body),
  updatePerson: (id: string, body: In<typeof PersonUpdate>) =>
    request<Person>("PATCH", `/people/${enc(id)}`, body),

  accountsSettings: (o?: Opts) => request<AccountsSettings>("GET", "/accounts/settings", undefined, o),
  invitations: (o?: Opts) => request<Items<Invitation>>("GET", "/invitations", undefined, o),
  invite: (body: In<typeof InvitationCreate>) => request<InvitationCreated>("POST", "/invitations", body),
  revokeInvitation: (id: string) => request<Invitation>("DELETE", `/invitations/${enc(id)}`),
  previewInvitation: (token: string, o?: Opts) =>
    request<InvitationPreview>("POST", "/invitations/preview", { token }, o),
  acceptInvitation: (body: In<typeof InvitationAccept>) =>
    request<SessionInfo>("POST", "/invitations/accept", body),
  requestPasswordReset: (email: string) =>
    request<PasswordResetRequested>("POST", "/auth/password-reset", { email }),
  checkPasswordReset: (token: string, o?: Opts) =>
    request<PasswordResetCheck>("POST", "/auth/password-reset/check", { token }, o),
  confirmPasswordReset: (body: In<typeof PasswordResetConfirm>) =>
    request<SessionInfo>("POST", "/auth/password-reset/confirm", body),

  portfolio: (o?: Opts) => request<Portfolio>("GET", "/portfolio", undefined, o),

  systems: (query?: Query, o?: Opts) =>
    request<Page<System>>("GET", withQuery("/systems", query), undefined, o),
  system: (ref: string, o?: Opts) => request<System>("GET", `/systems/${enc(ref)}`, undefined, o),
  createSystem: (body: In<typeof SystemCreate>) => request<System>("POST", "/systems", body),
  updateSystem: (ref: string, body: In<typeof SystemUpdate>) =>
    request<System>("PATCH", `/systems/${enc(ref)}`, body),
  changeStage: (ref: string, to: Stage, note: string) =>
    request<System>("POST", `/systems/${enc(ref)}/stage`, { to, note }),
  readiness: (ref: string, to?: Stage, o?: Opts) =>
    request<Readiness>("GET", withQuery(`/systems/${enc(ref)}/readiness`, { to }), undefined, o),
  stageChanges: (ref: string, o?: Opts) =>
    request<Items<StageChange>>("GET", `/systems/${enc(ref)}/stage-changes`, undefined, o),

  systemTimeline: (ref: string, query?: Query, o?: Opts) =>
    request<Page<TimelineEvent>>("GET", withQuery(`/systems/${enc(ref)}/timeline`, query), undefined, o),
  timeline: (query?: Query, o?: Opts) =>
    request<Page<TimelineEvent>>("GET", withQuery("/timeline", query), undefined, o),

  questions: (query?: Query, o?: Opts) =>
    request<Items<Question>>("GET", withQuery("/questions", query), undefined, o),
  createQuestion: (body: In<typeof QuestionCreate>) => request<Question>("POST", "/questions", body),
  archiveQuestion: (id: string, archived: boolean) =>
    request<Question>("PATCH", `/questions/${enc(id)}`, { archived }),

  rounds: (ref: string, o?: Opts) =>
    request<Items<RoundSummary>>("GET", `/systems/${enc(ref)}/rounds`, undefined, o),
  createRound: (ref: string, body: In<typeof RoundCreate>) =>
    request<Round>("POST", `/systems/${enc(ref)}/rounds`, body),
  round: (id: string, o?: Opts) => request<Round>("GET", `/rounds/${enc(id)}`, undefined, o),
  addAsks: (roundId: string, body: In<typeof AskAdd>) =>
    request<Round>("POST", `/rounds/${enc(roundId)}/asks`, body),
  compareRound: (id: string, withId?: string, o?: Opts) =>
    request<RoundComparison>("GET", withQuery(`/rounds/${enc(id)}/compare`, { with: withId }), undefined, o),
  answer: (askId: string, body: In<typeof AnswerCreate>) =>
    request<Ask>("POST", `/asks/${enc(askId)}/answers`, body),
  readBack: (askId: string, body: In<typeof ReadBackCreate>) =>
    request<Ask>("POST", `/asks/${enc(askId)}/read-backs`, body),

  risks: (query?: Query, o?: Opts) => request<Page<Risk>>("GET", withQuery("/risks", query), undefined, o),
  createRisk: (ref: string, body: In<typeof RiskCreate>) =>
    request<Risk>("POST", `/systems/${enc(ref)}/risks`, body),
  risk: (id: string, o?: Opts) => request<RiskWithHistory>("GET", `/risks/${enc(id)}`, undefined, o),
  updateRisk: (id: string, body: In<typeof RiskUpdate>) => request<Risk>("PATCH", `/risks/${enc(id)}`, body),
  decide: (riskId: string, body: In<typeof DecisionCreate>) =>
    request<RiskWithHistory>("POST", `/risks/${enc(riskId)}/decisions`, body),

  safeguards: (query?: Query, o?: Opts) =>
    request<Page<Safeguard>>("GET", withQuery("/safeguards", query), undefined, o),
  createSafeguard: (ref: string, body: In<typeof SafeguardCreate>) =>
    request<Safeguard>("POST", `/systems/${enc(ref)}/safeguards`, body),
  safeguard: (id: string, o?: Opts) => request<Safeguard>("GET", `/safeguards/${enc(id)}`, undefined, o),
  updateSafeguard: (id: string, body: In<typeof SafeguardUpdate>) =>
    request<Safeguard>("PATCH", `/safeguards/${enc(id)}`, body),

  signals: (ref: string, o?: Opts) =>
    request<Items<Signal>>("GET", `/systems/${enc(ref)}/signals`, undefined, o),
  series: (signalId: string, query?: Query, o?: Opts) =>
    request<Series>("GET", withQuery(`/signals/${enc(signalId)}/series`, query), undefined, o),
  limits: (ref: string, o?: Opts) =>
    request<Items<TrustLimit>>("GET", `/systems/${enc(ref)}/limits`, undefined, o),
  budgets: (ref: string, o?: Opts) =>
    request<Items<RiskBudget>>("GET", `/systems/${enc(ref)}/budgets`, undefined, o),
  findings: (query?: Query, o?: Opts) =>
    request<Items<Finding>>("GET", withQuery("/findings", query), undefined, o),
  triageFinding: (id: string, body: In<typeof FindingTriage>) =>
    request<Finding>("PATCH", `/findings/${enc(id)}`, body),
  createLimit: (body: In<typeof TrustLimitCreate>) => request<TrustLimit>("POST", "/limits", body),
  deleteLimit: (id: string) => request<void>("DELETE", `/limits/${enc(id)}`),
  limitHistory: (id: string, o?: Opts) =>
    request<Items<StateChange>>("GET", `/limits/${enc(id)}/history`, undefined, o),
  limitSeries: (id: string, query?: Query, o?: Opts) =>
    request<LimitSeries>("GET", withQuery(`/limits/${enc(id)}/series`, query), undefined, o),
  createBudget: (body: In<typeof RiskBudgetCreate>) => request<RiskBudget>("POST", "/budgets", body),
  deleteBudget: (id: string) => request<void>("DELETE", `/budgets/${enc(id)}`),
  budgetHistory: (id: string, o?: Opts) =>
    request<Items<StateChange>>("GET", `/budgets/${enc(id)}/history`, undefined, o),

  ledger: (query?: Query, o?: Opts) =>
    request<Page<LedgerEntry>>("GET", withQuery("/ledger", query), undefined, o),
  systemLedger: (ref: string, query?: Query, o?: Opts) =>
    request<Page<LedgerEntry>>("GET", withQuery(`/systems/${enc(ref)}/ledger`, query), undefined, o),
  ledgerRollup: (query?: Query, o?: Opts) =>
    request<LedgerRollup>("GET", withQuery("/ledger/rollup", query), undefined, o),
  createLedgerEntry: (body: In<typeof LedgerEntryCreateForSystem>) =>
    request<LedgerEntry>("POST", "/ledger", body),
  createSystemLedgerEntry: (ref: string, body: In<typeof LedgerEntryCreate>) =>
    request<LedgerEntry>("POST", `/systems/${enc(ref)}/ledger`, body),
  updateLedgerEntry: (id: string, body: In<typeof LedgerEntryUpdate>) =>
    request<LedgerEntry>("PATCH", `/ledger/${enc(id)}`, body),
  deleteLedgerEntry: (id: string) => request<void>("DELETE", `/ledger/${enc(id)}`),

  brief: (params: BriefParams, o?: Opts) =>
    request<Brief>("GET", withQuery("/briefs", { ...params }), undefined, o),
  systemChanges: (ref: string, since: ChangesSince, o?: Opts) =>
    request<Changes>("GET", withQuery(`/systems/${enc(ref)}/changes`, since), undefined, o),
  changes: (since: ChangesSince, o?: Opts) =>
    request<Changes>("GET", withQuery("/changes", since), undefined, o),
  board: (query?: { from?: string; to?: string }, o?: Opts) =>
    request<Board>("GET", withQuery("/board", query), undefined, o),
  workspace: (o?: Opts) => request<{ name: string; version: string }>("GET", "/workspace", undefined, o),

  statements: (ref: string, o?: Opts) =>
    request<Items<Statement>>("GET", `/systems/${enc(ref)}/statements`, undefined, o),
  createStatement: (ref: string, body: In<typeof StatementCreate>) =>
    request<Statement>("POST", `/systems/${enc(ref)}/statements`, body),
};
