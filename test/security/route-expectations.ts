import type { TestWorld } from "../integration/harness.js";
import { PASSWORD } from "../integration/harness.js";
import type { CallerName, PersonName } from "./support/callers.js";
import type { Fixtures } from "./support/workspace.js";

/**
 * Who may call what. One entry per documented route, keyed "METHOD /path/{param}" exactly as in
 * /api/openapi.json. The authorization matrix calls every route as every caller and compares the
 * outcome with this table; a documented route without an entry fails the matrix by name, so a new
 * route cannot ship without someone deciding who may call it.
 *
 * To add a route: pick the preset that says who may call it (`reader`, `writer`, `adminOnly`,
 * `ingester`, `anyone`), override the callers a domain rule refuses, and give a `request` that
 * builds a minimal valid request. Allowed callers must get the success status, so the request must
 * point at real fixtures (see support/workspace.ts).
 */

/** A success status, or "STATUS error_code" for a refusal. */
export type Outcome = number | `${number} ${string}`;
export type Expectation = Record<CallerName, Outcome>;

export interface RequestParts {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Session callers send a just-signed-in cookie, because this request ends the session. */
  freshSession?: boolean;
}

export interface RequestContext {
  w: TestWorld;
  f: Fixtures;
  caller: CallerName;
  /** A string no other request in the run has used: for keys, e-mails and names. */
  unique: string;
  /** Creates an API token owned by `person` and returns its id. */
  tokenOwnedBy(person: PersonName): Promise<string>;
  /** The person the caller acts as; tokens act as the engineer who made them. */
  person: PersonName | null;
}

export interface RouteCase {
  /** Names the variant when a route has several (e.g. per side). */
  label?: string;
  expect: Expectation;
  request?: (ctx: RequestContext) => RequestParts | Promise<RequestParts>;
}

const UNAUTHENTICATED = "401 unauthenticated";
const SCOPE_MISSING = "403 token_scope_missing";

/** Open to everyone, signed in or not. */
export function anyone(ok: Outcome): Expectation {
  return {
    anonymous: ok,
    ingestToken: ok,
    readToken: ok,
    writeToken: ok,
    engineer: ok,
    leader: ok,
    admin: ok,
  };
}

/** A read: any signed-in person, or a token with read (or write) scope. */
export function reader(ok: Outcome = 200, overrides: Partial<Expectation> = {}): Expectation {
  return { ...anyone(ok), anonymous: UNAUTHENTICATED, ingestToken: SCOPE_MISSING, ...overrides };
}

/** A write: any signed-in person, or a token with write scope; domain rules override per caller. */
export function writer(ok: Outcome, overrides: Partial<Expectation> = {}): Expectation {
  return { ...reader(ok), readToken: SCOPE_MISSING, ...overrides };
}

/** Account management: admins only, and tokens only with the admin scope. */
export function adminOnly(ok: Outcome, overrides: Partial<Expectation> = {}): Expectation {
  return {
    ...writer("403 admin_required"),
    writeToken: SCOPE_MISSING,
    admin: ok,
    ...overrides,
  };
}

/**
 * Sending signal points: ingest-scoped tokens (which can do nothing else), write tokens (write
 * implies ingest) and sessions; a read-only token cannot.
 */
export function ingester(ok: Outcome, overrides: Partial<Expectation> = {}): Expectation {
  return { ...writer(ok), ingestToken: ok, ...overrides };
}

const LEADERSHIP_ONLY = (code: string): Partial<Expectation> => ({
  engineer: `403 ${code}`,
  admin: `403 ${code}`, // the test admin is an engineer
  writeToken: `403 ${code}`, // the tokens are the engineer's
});
const ENGINEERING_ONLY = (code: string): Partial<Expectation> => ({ leader: `403 ${code}` });

/** Reads only admins may make (channel destinations, delivery logs, job status). */
const ADMIN_READ: Partial<Expectation> = {
  engineer: "403 admin_required",
  leader: "403 admin_required",
  readToken: "403 admin_required", // the tokens are the engineer's, who is no admin
  writeToken: "403 admin_required",
};

const FUTURE = "2026-12-31"; // the test clock starts on 2026-06-01

export const ROUTES: Record<string, RouteCase | RouteCase[]> = {
  "GET /api/health": { expect: anyone(200) },
  // Public so the sign-in page can show the workspace name: the one /api/v1 read open to anyone.
  "GET /api/v1/workspace": { expect: anyone(200) },

  // Identity
  "GET /api/v1/setup": { expect: anyone(200) },
  "POST /api/v1/setup": {
    expect: anyone("409 already_set_up"),
    request: ({ unique }) => ({
      body: { name: "Late", email: `late-${unique}@test.dev`, side: "leadership", password: PASSWORD },
    }),
  },
  "POST /api/v1/auth/sign-in": {
    expect: anyone(200),
    request: () => ({ body: { email: "lena@test.dev", password: PASSWORD } }),
  },
  "POST /api/v1/auth/sign-out": { expect: anyone(204), request: () => ({ freshSession: true }) },
  "GET /api/v1/auth/me": { expect: reader() },
  "GET /api/v1/people": { expect: reader() },
  "POST /api/v1/people": {
    expect: adminOnly(201),
    request: ({ unique }) => ({
      body: {
        name: `Person ${unique}`,
        email: `p-${unique}@test.dev`,
        side: "engineering",
        password: PASSWORD,
      },
    }),
  },
  "PATCH /api/v1/people/{id}": {
    expect: adminOnly(200),
    request: ({ f, unique }) => ({ params: { id: f.sparePersonId }, body: { name: `Pat ${unique}` } }),
  },
  "GET /api/v1/tokens": { expect: reader() },
  "POST /api/v1/tokens": [
    {
      label: "read scope",
      expect: writer(201),
      request: ({ unique }) => ({ body: { name: `t-${unique}`, scopes: ["read"] } }),
    },
    {
      label: "admin scope",
      expect: writer(201, {
        writeToken: "403 admin_required",
        engineer: "403 admin_required",
        leader: "403 admin_required",
      }),
      request: ({ unique }) => ({ body: { name: `t-${unique}`, scopes: ["admin"] } }),
    },
  ],
  "DELETE /api/v1/tokens/{id}": [
    {
      label: "own token",
      expect: writer(200),
      request: async ({ person, tokenOwnedBy }) => ({
        params: { id: await tokenOwnedBy(person ?? "engineer") },
      }),
    },
    {
      label: "someone else's token",
      expect: writer("404 api_token_not_found", { admin: 200 }),
      request: ({ f }) => ({ params: { id: f.adminTokenId } }),
    },
  ],
  // Accounts (invitations, password reset). The test server has no SMTP: invitations return the link.
  "GET /api/v1/accounts/settings": { expect: anyone(200) },
  "GET /api/v1/invitations": { expect: adminOnly(200) },
  "POST /api/v1/invitations": {
    expect: adminOnly(201),
    request: ({ unique }) => ({
      body: { email: `inv-${unique}@test.dev`, name: "Invitee", side: "leadership" },
    }),
  },
  "DELETE /api/v1/invitations/{id}": {
    expect: adminOnly(200),
    request: async ({ w, unique }) => {
      const res = await w.admin.post("/api/v1/invitations", {
        email: `rev-${unique}@test.dev`,
        name: "Withdrawn",
        side: "engineering",
      });
      if (res.status !== 201)
        throw new Error(`invitation fixture: ${res.status} ${JSON.stringify(res.body)}`);
      return { params: { id: res.body.invitation.id } };
    },
  },
  "POST /api/v1/invitations/preview": {
    expect: anyone("404 invitation_not_found"),
    request: () => ({ body: { token: "no-such-invitation-token-000000000000000" } }),
  },
  "POST /api/v1/invitations/accept": {
    expect: anyone("404 invitation_not_found"),
    request: () => ({ body: { token: "no-such-invitation-token-000000000000000", password: PASSWORD } }),
  },
  "POST /api/v1/auth/password-reset": {
    expect: anyone("409 email_not_configured"),
    request: () => ({ body: { email: "lena@test.dev" } }),
  },
  "POST /api/v1/auth/password-reset/check": {
    expect: anyone("404 password_reset_not_found"),
    request: () => ({ body: { token: "no-such-reset-token-00000000000000000000" } }),
  },
  "POST /api/v1/auth/password-reset/confirm": {
    expect: anyone("404 password_reset_not_found"),
    request: () => ({ body: { token: "no-such-reset-token-00000000000000000000", password: PASSWORD } }),
  },
  // Systems and the map
  "GET /api/v1/portfolio": { expect: reader() },
  "GET /api/v1/systems": { expect: reader() },
  "POST /api/v1/systems": {
    expect: writer(201),
    request: ({ unique }) => ({ body: { key: `sys-${unique}`, name: `System ${unique}` } }),
  },
  "GET /api/v1/systems/{ref}": { expect: reader() },
  "PATCH /api/v1/systems/{ref}": {
    expect: writer(200),
    request: ({ unique }) => ({ body: { purpose: `Purpose ${unique}` } }),
  },
  "POST /api/v1/systems/{ref}/stage": {
    expect: writer(200),
    // Moving back is never gated, so a fresh pilot system can always go back to demo.
    request: async ({ w, unique }) => {
      const key = `stage-${unique}`;
      const res = await w.admin.post("/api/v1/systems", { key, name: key, stage: "pilot" });
      if (res.status !== 201) throw new Error(`stage fixture: ${res.status} ${JSON.stringify(res.body)}`);
      return { params: { ref: key }, body: { to: "demo", note: "back to the drawing board" } };
    },
  },
  "GET /api/v1/systems/{ref}/readiness": { expect: reader() },
  "GET /api/v1/systems/{ref}/stage-changes": { expect: reader() },
  "GET /api/v1/systems/{ref}/timeline": { expect: reader() },
  "GET /api/v1/timeline": { expect: reader() },
  "GET /api/v1/systems/{ref}/statements": { expect: reader() },
  "POST /api/v1/systems/{ref}/statements": [
    {
      label: "not ready",
      expect: writer(201, ENGINEERING_ONLY("not_ready_requires_engineering")),
      request: () => ({
        body: {
          kind: "not_ready",
          missingConditions: ["An evaluation set"],
          riskIfShippedNow: "Wrong refunds",
        },
      }),
    },
    {
      label: "go faster",
      expect: writer(201, LEADERSHIP_ONLY("go_faster_requires_leadership")),
      request: ({ f }) => ({
        body: {
          kind: "go_faster",
          acceptedRiskIds: [f.riskId],
          acceptedUntil: FUTURE,
          reason: "Launch date",
        },
      }),
    },
  ],

  // Conversations
  "GET /api/v1/questions": { expect: reader() },
  "POST /api/v1/questions": {
    expect: writer(201),
    request: ({ unique }) => ({ body: { text: `Question ${unique}?`, askedBy: "engineering" } }),
  },
  "PATCH /api/v1/questions/{id}": {
    expect: writer(200),
    request: ({ f }) => ({ params: { id: f.questionId }, body: { archived: false } }),
  },
  "GET /api/v1/systems/{ref}/rounds": { expect: reader() },
  "POST /api/v1/systems/{ref}/rounds": {
    expect: writer(201),
    request: ({ unique }) => ({ body: { title: `Round ${unique}` } }),
  },
  "GET /api/v1/rounds/{id}": { expect: reader(), request: ({ f }) => ({ params: { id: f.roundId } }) },
  "POST /api/v1/rounds/{id}/asks": {
    expect: writer(200),
    request: ({ f, unique }) => ({
      params: { id: f.roundId },
      body: { customQuestions: [{ text: `More ${unique}?`, askedBy: "leadership" }] },
    }),
  },
  "GET /api/v1/rounds/{id}/compare": {
    expect: reader(),
    request: ({ f }) => ({ params: { id: f.roundId } }),
  },
  "POST /api/v1/asks/{id}/answers": [
    {
      label: "asked by leadership",
      expect: writer(201, ENGINEERING_ONLY("answer_requires_other_side")),
      request: ({ f }) => ({ params: { id: f.leadershipAskId }, body: { body: "The index" } }),
    },
    {
      label: "asked by engineering",
      expect: writer(201, LEADERSHIP_ONLY("answer_requires_other_side")),
      request: ({ f }) => ({ params: { id: f.engineeringAskId }, body: { body: "Onboarding" } }),
    },
  ],
  "POST /api/v1/asks/{id}/read-backs": [
    {
      label: "asked by leadership",
      expect: writer(201, LEADERSHIP_ONLY("read_back_requires_asking_side")),
      request: ({ f }) => ({
        params: { id: f.leadershipAskId },
        body: { restatement: "The index breaks first", verdict: "understood" },
      }),
    },
    {
      label: "asked by engineering",
      expect: writer(201, ENGINEERING_ONLY("read_back_requires_asking_side")),
      request: ({ f }) => ({
        params: { id: f.engineeringAskId },
        body: { restatement: "Speed matters in onboarding", verdict: "disagree", note: "Billing too" },
      }),
    },
  ],

  // Risks, decisions, safeguards
  "GET /api/v1/risks": { expect: reader() },
  "POST /api/v1/systems/{ref}/risks": {
    expect: writer(201),
    request: ({ unique }) => ({ body: { title: `Risk ${unique}`, class: "cost_variability" } }),
  },
  "GET /api/v1/risks/{id}": { expect: reader(), request: ({ f }) => ({ params: { id: f.riskId } }) },
  "PATCH /api/v1/risks/{id}": {
    expect: writer(200),
    request: ({ f, unique }) => ({ params: { id: f.riskId }, body: { triggers: `Trigger ${unique}` } }),
  },
  "GET /api/v1/risks/{id}/decisions": {
    expect: reader(),
    request: ({ f }) => ({ params: { id: f.riskId } }),
  },
  "POST /api/v1/risks/{id}/decisions": [
    {
      label: "mitigate",
      expect: writer(201, LEADERSHIP_ONLY("decision_requires_leadership")),
      request: ({ f }) => ({
        params: { id: f.riskId },
        body: { outcome: "mitigate", rationale: "Evaluate weekly" },
      }),
    },
    {
      label: "accept",
      expect: writer(201, LEADERSHIP_ONLY("risk_acceptance_requires_leadership")),
      request: ({ f }) => ({
        params: { id: f.riskId },
        body: { outcome: "accept", rationale: "Worth it for launch", reviewBy: FUTURE },
      }),
    },
  ],
  "GET /api/v1/safeguards": { expect: reader() },
  "POST /api/v1/systems/{ref}/safeguards": {
    expect: writer(201),
    request: ({ f, unique }) => ({ body: { name: `Guard ${unique}`, kind: "limit", riskIds: [f.riskId] } }),
  },
  "GET /api/v1/safeguards/{id}": {
    expect: reader(),
    request: ({ f }) => ({ params: { id: f.safeguardId } }),
  },
  "PATCH /api/v1/safeguards/{id}": {
    expect: writer(200),
    request: ({ f, unique }) => ({ params: { id: f.safeguardId }, body: { description: `Runs ${unique}` } }),
  },

  // Signals
  "GET /api/v1/systems/{ref}/signals": { expect: reader() },
  "POST /api/v1/systems/{ref}/signals": {
    expect: writer(201),
    request: ({ unique }) => ({
      body: { key: `signal_${unique}`, name: `Signal ${unique}`, kind: "latency" },
    }),
  },
  "GET /api/v1/signals/{id}": { expect: reader(), request: ({ f }) => ({ params: { id: f.signalId } }) },
  "GET /api/v1/signals/{id}/series": {
    expect: reader(),
    request: ({ f }) => ({ params: { id: f.signalId }, query: { resolution: "raw" } }),
  },
  "POST /api/v1/signals/{id}/points": {
    expect: ingester(200),
    request: ({ f }) => ({ params: { id: f.signalId }, body: [{ t: "2026-05-31T10:00:00Z", v: 12.5 }] }),
  },
  "POST /api/v1/points": {
    expect: ingester(200),
    request: () => ({ body: [{ signal: "sec-bot/cost_usd", t: "2026-05-31T11:00:00Z", v: 3 }] }),
  },

  // Trust limits, risk budgets, quiet-failure findings
  "GET /api/v1/systems/{ref}/limits": { expect: reader() },
  "POST /api/v1/limits": {
    expect: writer(201),
    request: ({ unique }) => ({
      body: {
        signalId: "sec-bot/cost_usd",
        name: unique,
        windowDays: 7,
        comparator: "above",
        threshold: 9_000,
      },
    }),
  },
  "GET /api/v1/limits/{id}": { expect: reader(), request: ({ f }) => ({ params: { id: f.limitId } }) },
  "GET /api/v1/limits/{id}/history": {
    expect: reader(),
    request: ({ f }) => ({ params: { id: f.limitId } }),
  },
  "GET /api/v1/limits/{id}/series": {
    expect: reader(),
    request: ({ f }) => ({ params: { id: f.limitId } }),
  },
  "DELETE /api/v1/limits/{id}": {
    expect: writer(204),
    request: async ({ w, unique }) => ({ params: { id: await freshTarget(w, "limits", unique) } }),
  },
  "GET /api/v1/systems/{ref}/budgets": { expect: reader() },
  "POST /api/v1/budgets": {
    expect: writer(201),
    request: ({ unique }) => ({
      body: {
        signalId: "sec-bot/cost_usd",
        name: unique,
        kind: "spend",
        period: { kind: "rolling", days: 30 },
        amount: 9_000,
      },
    }),
  },
  "GET /api/v1/budgets/{id}": { expect: reader(), request: ({ f }) => ({ params: { id: f.budgetId } }) },
  "GET /api/v1/budgets/{id}/history": {
    expect: reader(),
    request: ({ f }) => ({ params: { id: f.budgetId } }),
  },
  "DELETE /api/v1/budgets/{id}": {
    expect: writer(204),
    request: async ({ w, unique }) => ({ params: { id: await freshTarget(w, "budgets", unique) } }),
  },
  // Scale rehearsal: planned scale, capacity limits, what-if and saved rehearsals
  "GET /api/v1/systems/{ref}/rehearsal": { expect: reader() },
  "PUT /api/v1/systems/{ref}/rehearsal/plan": {
    expect: writer(200),
    request: () => ({ body: { requestsPerDay: 100, milestones: [{ multiple: 3, date: FUTURE }] } }),
  },
  "GET /api/v1/systems/{ref}/capacity-limits": { expect: reader() },
  "POST /api/v1/systems/{ref}/capacity-limits": {
    expect: writer(201),
    request: ({ unique }) => ({ body: { name: unique, kind: "requests_per_minute", value: 500 } }),
  },
  "PATCH /api/v1/capacity-limits/{id}": {
    expect: writer(200),
    request: async ({ w, unique }) => ({
      params: { id: await freshCapacityLimit(w, unique) },
      body: { value: 600 },
    }),
  },
  "DELETE /api/v1/capacity-limits/{id}": {
    expect: writer(204),
    request: async ({ w, unique }) => ({ params: { id: await freshCapacityLimit(w, unique) } }),
  },
  "POST /api/v1/systems/{ref}/rehearsal/what-if": {
    expect: reader(),
    request: () => ({ body: { scale: 5 } }),
  },
  "POST /api/v1/systems/{ref}/rehearsals": { expect: writer(201), request: () => ({ body: {} }) },
  "GET /api/v1/systems/{ref}/rehearsals/latest": { expect: reader() },
  "GET /api/v1/findings": { expect: reader() },
  "PATCH /api/v1/findings/{id}": {
    expect: writer(200),
    request: ({ f, unique }) => ({
      params: { id: findingOf(f) },
      body: { status: "investigating", note: unique },
    }),
  },

  // Invisible-work ledger, briefs, what changed, board
  "GET /api/v1/ledger": { expect: reader() },
  "POST /api/v1/ledger": {
    expect: ingester(201),
    request: ({ unique }) => ({
      body: { system: "sec-bot", kind: "caught", summary: `Blocked prompts ${unique}` },
    }),
  },
  "GET /api/v1/ledger/rollup": { expect: reader() },
  "GET /api/v1/ledger/{id}": {
    expect: reader(),
    request: async ({ w, unique }) => ({ params: { id: await freshLedgerEntry(w, unique) } }),
  },
  "PATCH /api/v1/ledger/{id}": {
    expect: writer(200, { leader: "403 ledger_entry_not_yours" }),
    request: async ({ w, unique }) => ({
      params: { id: await freshLedgerEntry(w, unique) },
      body: { summary: `Edited ${unique}` },
    }),
  },
  "DELETE /api/v1/ledger/{id}": {
    expect: writer(204, { leader: "403 ledger_entry_not_yours" }),
    request: async ({ w, unique }) => ({ params: { id: await freshLedgerEntry(w, unique) } }),
  },
  "GET /api/v1/systems/{ref}/ledger": { expect: reader() },
  "POST /api/v1/systems/{ref}/ledger": {
    expect: ingester(201),
    request: ({ unique }) => ({
      params: { ref: "sec-bot" },
      body: { kind: "prevented", summary: `Stopped ${unique}` },
    }),
  },
  "GET /api/v1/briefs": { expect: reader(), request: () => ({ query: { voice: "leadership" } }) },
  "GET /api/v1/systems/{ref}/changes": {
    expect: reader(),
    request: () => ({ params: { ref: "sec-bot" }, query: { since: "2026-01-01" } }),
  },
  "GET /api/v1/changes": { expect: reader(), request: () => ({ query: { since: "2026-01-01" } }) },
  "GET /api/v1/board": { expect: reader() },

  // Connectors: OTLP receiver, mappings, prices, FOCUS
  "POST /v1/traces": { expect: ingester(200), request: () => ({ body: {} }) },
  "POST /v1/metrics": { expect: ingester(200), request: () => ({ body: {} }) },
  "POST /v1/logs": { expect: ingester(200), request: () => ({ body: {} }) },
  "POST /api/v1/connectors/focus": {
    expect: ingester("400 csv_body_required"),
    request: () => ({ body: {} }),
  },
  "GET /api/v1/connectors/otlp/mappings": { expect: reader() },
  "POST /api/v1/connectors/otlp/mappings": {
    expect: writer(201),
    request: ({ unique }) => ({ body: { pattern: `svc-${unique}`, system: "sec-bot" } }),
  },
  "PATCH /api/v1/connectors/otlp/mappings/{id}": {
    expect: writer(200),
    request: async ({ w, unique }) => ({
      params: {
        id: await freshConnectorItem(w, "otlp/mappings", { pattern: `m-${unique}`, system: "sec-bot" }),
      },
      body: { pattern: `m2-${unique}` },
    }),
  },
  "DELETE /api/v1/connectors/otlp/mappings/{id}": {
    expect: writer(204),
    request: async ({ w, unique }) => ({
      params: {
        id: await freshConnectorItem(w, "otlp/mappings", { pattern: `d-${unique}`, system: "sec-bot" }),
      },
    }),
  },
  "GET /api/v1/connectors/otlp/unmapped": { expect: reader() },
  "GET /api/v1/connectors/focus/rules": { expect: reader() },
  "POST /api/v1/connectors/focus/rules": {
    expect: writer(201),
    request: ({ unique }) => ({ body: { field: "service", pattern: `svc-${unique}`, system: "sec-bot" } }),
  },
  "PATCH /api/v1/connectors/focus/rules/{id}": {
    expect: writer(200),
    request: async ({ w, unique }) => ({
      params: {
        id: await freshConnectorItem(w, "focus/rules", {
          field: "service",
          pattern: `r-${unique}`,
          system: "sec-bot",
        }),
      },
      body: { pattern: `r2-${unique}` },
    }),
  },
  "DELETE /api/v1/connectors/focus/rules/{id}": {
    expect: writer(204),
    request: async ({ w, unique }) => ({
      params: {
        id: await freshConnectorItem(w, "focus/rules", {
          field: "service",
          pattern: `x-${unique}`,
          system: "sec-bot",
        }),
      },
    }),
  },
  "GET /api/v1/connectors/focus/unmapped": { expect: reader() },
  "GET /api/v1/connectors/prices": { expect: reader() },
  "POST /api/v1/connectors/prices": {
    expect: writer(201),
    request: ({ unique }) => ({
      body: { model: `model-${unique}`, tokenType: "input", perMillion: 1, effectiveFrom: "2026-01-01" },
    }),
  },
  "PATCH /api/v1/connectors/prices/{id}": {
    expect: writer(200),
    request: async ({ w, unique }) => ({
      params: {
        id: await freshConnectorItem(w, "prices", {
          model: `p-${unique}`,
          tokenType: "output",
          perMillion: 2,
          effectiveFrom: "2026-01-01",
        }),
      },
      body: { perMillion: 3 },
    }),
  },
  "DELETE /api/v1/connectors/prices/{id}": {
    expect: writer(204),
    request: async ({ w, unique }) => ({
      params: {
        id: await freshConnectorItem(w, "prices", {
          model: `q-${unique}`,
          tokenType: "output",
          perMillion: 2,
          effectiveFrom: "2026-01-01",
        }),
      },
    }),
  },
  "GET /api/v1/connectors/prices/missing": { expect: reader() },
  "GET /api/v1/connectors/focus/imports": { expect: reader() },
  "DELETE /api/v1/connectors/focus/imports/{id}": {
    expect: writer("404 focus_import_not_found"),
    request: () => ({ params: { id: "no-such-import" } }),
  },
  // CSV exports (reads; the people list is for admins)
  "GET /api/v1/risks/export.csv": { expect: reader() },
  "GET /api/v1/decisions/export.csv": { expect: reader() },
  "GET /api/v1/ledger/export.csv": { expect: reader() },
  "GET /api/v1/signals/{id}/export.csv": {
    expect: reader(),
    request: ({ f }) => ({ params: { id: f.signalId }, query: { resolution: "raw" } }),
  },
  "GET /api/v1/people/export.csv": { expect: adminOnly(200) },
  // Config as code: the schema is public (no workspace data); plan and apply are for admins.
  "GET /api/v1/config/schema": { expect: anyone(200) },
  "GET /api/v1/config/export": { expect: reader() },
  "POST /api/v1/config/plan": {
    expect: adminOnly(200),
    request: () => ({ body: { yaml: "systems:\n  - key: sec-bot\n" } }),
  },
  "POST /api/v1/config/apply": {
    expect: adminOnly(200),
    request: () => ({ body: { yaml: "questionSets:\n  - name: sec-set\n    questions: []\n" } }),
  },
  // Notifications, review cadence and the scheduler
  "GET /api/v1/notifications/status": { expect: reader() },
  "GET /api/v1/notifications/channels": { expect: reader(200, ADMIN_READ) },
  "POST /api/v1/notifications/channels": {
    expect: adminOnly(201),
    request: ({ unique }) => ({
      body: { name: `Hook ${unique}`, kind: "webhook", url: "http://127.0.0.1:9/hook" },
    }),
  },
  "PATCH /api/v1/notifications/channels/{id}": {
    expect: adminOnly(200),
    request: async ({ w, unique }) => ({
      params: { id: await freshChannel(w, unique) },
      body: { enabled: false },
    }),
  },
  "DELETE /api/v1/notifications/channels/{id}": {
    expect: adminOnly(204),
    request: async ({ w, unique }) => ({ params: { id: await freshChannel(w, unique) } }),
  },
  "POST /api/v1/notifications/channels/{id}/test": {
    expect: adminOnly(200),
    request: async ({ w, unique }) => ({ params: { id: await freshChannel(w, unique) } }),
  },
  "GET /api/v1/notifications/deliveries": { expect: reader(200, ADMIN_READ) },
  "GET /api/v1/notifications/events": { expect: reader() },
  "GET /api/v1/me/notification-preferences": { expect: reader() },
  "PUT /api/v1/me/notification-preferences": {
    expect: writer(200),
    request: () => ({ body: { modes: { finding_raised: "digest" } } }),
  },
  "GET /api/v1/systems/{ref}/review-cadence": {
    expect: reader(),
    request: ({ f }) => ({ params: { ref: f.systemKey } }),
  },
  "PUT /api/v1/systems/{ref}/review-cadence": {
    expect: writer(200),
    request: ({ f }) => ({ params: { ref: f.systemKey }, body: { everyDays: 90 } }),
  },
  "GET /api/v1/scheduler/jobs": { expect: reader(200, ADMIN_READ) },
};

/** A connector mapping, rule or price made just for this request. */
async function freshConnectorItem(w: TestWorld, path: string, body: unknown): Promise<string> {
  const res = await w.engineer.post(`/api/v1/connectors/${path}`, body);
  if (res.status !== 201) throw new Error(`${path} fixture: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** A ledger entry written by the engineer (whose tokens the token callers use), just for this request. */
async function freshLedgerEntry(w: TestWorld, unique: string): Promise<string> {
  const res = await w.engineer.post("/api/v1/ledger", {
    system: "sec-bot",
    kind: "caught",
    summary: `Fixture ${unique}`,
  });
  if (res.status !== 201) throw new Error(`ledger fixture: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** A notification channel made just for this request, pointing nowhere (connections are refused). */
async function freshChannel(w: TestWorld, unique: string): Promise<string> {
  const res = await w.admin.post("/api/v1/notifications/channels", {
    name: `Channel ${unique}`,
    kind: "webhook",
    url: "http://127.0.0.1:9/hook",
  });
  if (res.status !== 201) throw new Error(`channel fixture: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** A capacity limit made just for this request, so changing or removing it leaves the fixtures alone. */
async function freshCapacityLimit(w: TestWorld, unique: string): Promise<string> {
  const res = await w.engineer.post("/api/v1/systems/sec-bot/capacity-limits", {
    name: `Fixture ${unique}`,
    kind: "tokens_per_minute",
    value: 1000,
  });
  if (res.status !== 201)
    throw new Error(`capacity limit fixture: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** A trust limit or budget made just for this request, so removing it leaves the fixtures alone. */
async function freshTarget(w: TestWorld, kind: "limits" | "budgets", unique: string): Promise<string> {
  const body =
    kind === "limits"
      ? { signalId: "sec-bot/cost_usd", name: unique, windowDays: 1, comparator: "above", threshold: 1 }
      : {
          signalId: "sec-bot/cost_usd",
          name: unique,
          kind: "spend",
          period: { kind: "calendar_month" },
          amount: 1,
        };
  const res = await w.leader.post(`/api/v1/${kind}`, body);
  if (res.status !== 201) throw new Error(`${kind} fixture: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

function findingOf(f: Fixtures): string {
  if (!f.findingId)
    throw new Error("the fixture signal raised no finding: check the detector or the fixture series");
  return f.findingId;
}

/** The cases of one route, however the table spells them. */
export function casesOf(key: string): RouteCase[] | undefined {
  const entry = ROUTES[key];
  return entry === undefined ? undefined : Array.isArray(entry) ? entry : [entry];
}
