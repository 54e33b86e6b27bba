import type { Caller, Response, TestWorld } from "../../integration/harness.js";
import { PASSWORD } from "../../integration/harness.js";

/** Everything the security tests point requests at: real rows, so allowed callers reach handlers. */
export interface Fixtures {
  systemKey: string;
  systemId: string;
  riskId: string;
  safeguardId: string;
  questionId: string;
  roundId: string;
  /** Asked by leadership, answered by engineering: engineering answers again, leadership reads back. */
  leadershipAskId: string;
  /** Asked by engineering, answered by leadership. */
  engineeringAskId: string;
  /** The answers to the two asks. */
  answerIds: string[];
  /** A person nobody signs in as, for admin edits that must not lock the test callers out. */
  sparePersonId: string;
  /** Tokens of the engineer with exactly one kind of access each. */
  tokens: { ingest: string; read: string; write: string };
  /** A token of the admin's, to try to revoke as someone else. */
  adminTokenId: string;
  /** The system's cost signal ("sec-bot/cost_usd"), fed 120 days with a jump at day 80. */
  signalId: string;
  limitId: string;
  budgetId: string;
  /** The quiet-failure finding the jump raised; null if the detector did not raise one. */
  findingId: string | null;
}

const DAY = 86_400_000;

function expectOk(what: string, res: Response): Response {
  if (res.status >= 300)
    throw new Error(`fixture "${what}" failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

async function token(caller: Caller, name: string, scopes: string[]): Promise<Response> {
  return expectOk(`token ${name}`, await caller.post("/api/v1/tokens", { name, scopes }));
}

/**
 * Builds a small workspace through the API, as the people who would really do it: a system with
 * owners on both sides, a risk with a decision, a safeguard, a custom question, a round whose two
 * questions (one per side) are answered, a spare person and API tokens.
 */
export async function buildWorkspace(w: TestWorld): Promise<Fixtures> {
  const { engineer, leader, admin } = w;
  const system = expectOk(
    "system",
    await engineer.post("/api/v1/systems", {
      key: "sec-bot",
      name: "Security bot",
      purpose: "Answers support tickets",
      leadershipOwnerId: leader.person.id,
      engineeringOwnerId: engineer.person.id,
    }),
  ).body;
  const risk = expectOk(
    "risk",
    await engineer.post("/api/v1/systems/sec-bot/risks", {
      title: "Answers drift as the product changes",
      class: "quiet_degradation",
      growth: "quiet",
      impact: 4,
    }),
  ).body;
  expectOk(
    "decision",
    await leader.post(`/api/v1/risks/${risk.id}/decisions`, {
      outcome: "mitigate",
      rationale: "Weekly evaluation set",
    }),
  );
  const safeguard = expectOk(
    "safeguard",
    await engineer.post("/api/v1/systems/sec-bot/safeguards", {
      name: "Weekly evaluation",
      kind: "detect",
      status: "live",
      riskIds: [risk.id],
    }),
  ).body;
  const question = expectOk(
    "question",
    await leader.post("/api/v1/questions", {
      text: "What breaks first as usage grows?",
      askedBy: "leadership",
    }),
  ).body;
  const round = expectOk(
    "round",
    await leader.post("/api/v1/systems/sec-bot/rounds", {
      title: "Pre-launch",
      questionIds: [question.id],
      customQuestions: [
        { text: "Where does speed matter more than predictability?", askedBy: "engineering" },
      ],
    }),
  ).body;
  const askBy = (side: string): string => round.asks.find((a: { askedBy: string }) => a.askedBy === side).id;
  const leadershipAskId = askBy("leadership");
  const engineeringAskId = askBy("engineering");
  const answered = [
    expectOk(
      "answer",
      await engineer.post(`/api/v1/asks/${leadershipAskId}/answers`, { body: "The retrieval index" }),
    ).body,
    expectOk("answer", await leader.post(`/api/v1/asks/${engineeringAskId}/answers`, { body: "Onboarding" }))
      .body,
  ];
  const spare = expectOk(
    "person",
    await admin.post("/api/v1/people", {
      name: "Pat Spare",
      email: "pat@test.dev",
      side: "engineering",
      password: PASSWORD,
    }),
  ).body;
  const adminToken = (await token(admin, "admin-ci", ["read", "write", "admin"])).body;
  const signal = expectOk(
    "signal",
    await engineer.post("/api/v1/systems/sec-bot/signals", {
      key: "cost_usd",
      name: "Model spend",
      kind: "cost",
      unit: "USD",
      aggregation: "sum",
    }),
  ).body;
  const start = w.clock.now.getTime() - 120 * DAY;
  const points = Array.from({ length: 120 }, (_, i) => ({
    t: start + i * DAY,
    v: (i < 80 ? 800 : 1400) + Math.sin(i * 2.3) * 20,
  }));
  expectOk("points", await engineer.post(`/api/v1/signals/${signal.id}/points`, points));
  const limit = expectOk(
    "limit",
    await leader.post("/api/v1/limits", {
      signalId: "sec-bot/cost_usd",
      windowDays: 7,
      aggregate: "sum",
      comparator: "above",
      threshold: 50_000,
    }),
  ).body;
  const budget = expectOk(
    "budget",
    await leader.post("/api/v1/budgets", {
      signalId: "sec-bot/cost_usd",
      name: "Monthly model spend",
      kind: "spend",
      period: { kind: "calendar_month" },
      amount: 60_000,
    }),
  ).body;
  const findings = expectOk("findings", await engineer.get("/api/v1/findings")).body.items;
  return {
    systemKey: system.key,
    systemId: system.id,
    riskId: risk.id,
    safeguardId: safeguard.id,
    questionId: question.id,
    roundId: round.id,
    leadershipAskId,
    engineeringAskId,
    answerIds: answered.map((ask: { answers: Array<{ id: string }> }) => ask.answers[0]!.id),
    sparePersonId: spare.id,
    tokens: {
      ingest: (await token(engineer, "ingest-only", ["ingest"])).body.token,
      read: (await token(engineer, "read-only", ["read"])).body.token,
      write: (await token(engineer, "read-write", ["read", "write"])).body.token,
    },
    adminTokenId: adminToken.id,
    signalId: signal.id,
    limitId: limit.id,
    budgetId: budget.id,
    findingId: findings[0]?.id ?? null,
  };
}
