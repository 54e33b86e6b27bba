import type { Side } from "../contract/enums.js";
import type { Person } from "../contract/people.js";
import { addDays, isoDate } from "../core/calendar.js";
import type { Actor } from "../core/people.js";
import type { Database } from "../store/database.js";
import { createPerson } from "./people.js";
import { setupFirstAdmin } from "./auth.js";
import { answerAsk, readBackAnswer, seedQuestionBank, startRound } from "./conversations.js";
import { decideRisk, proposeRisk } from "./risks.js";
import { createSafeguard } from "./safeguards.js";
import { makeStatement } from "./statements.js";
import { changeStage, createSystem } from "./systems.js";
import type { CommandContext } from "./context.js";
import type { DemoSignals } from "./demo-signals.js";
import { loadDemoLedger } from "./ledger.js";
import { setReviewCadence } from "./notifications.js";
import { loadDemoRehearsals } from "./demo-rehearsal.js";
import { createRiskBudget, createTrustLimit } from "./limits.js";
import { createSignal, ingestPoints } from "./signals.js";
import { DEMO_SYSTEMS, type DemoSystem } from "./demo-content.js";

export const DEMO_PASSWORD = "parley-demo-2026";

export const DEMO_PEOPLE = [
  {
    name: "Maya Okafor",
    email: "maya@example.com",
    side: "leadership",
    isAdmin: true,
    title: "Chief Operating Officer",
  },
  {
    name: "Daniel Brandt",
    email: "daniel@example.com",
    side: "leadership",
    isAdmin: false,
    title: "Head of Finance",
  },
  {
    name: "Priya Raman",
    email: "priya@example.com",
    side: "engineering",
    isAdmin: false,
    title: "Staff ML Engineer",
  },
  {
    name: "Tomás Silva",
    email: "tomas@example.com",
    side: "engineering",
    isAdmin: true,
    title: "Platform Lead",
  },
] as const;

export interface DemoResult {
  loaded: boolean;
  reason?: string;
  people: Array<{ name: string; email: string; side: Side; password: string }>;
  systems: number;
}

const DAY = 86_400_000;

/**
 * Loads a realistic workspace through the same commands people use, with the clock set back so
 * the history reads as months of real work: rounds, a disagreement, decisions (one of them an
 * acceptance that has since expired), safeguards and "say what you mean" statements.
 */
export async function loadDemoWorkspace(database: Database, now: Date = new Date()): Promise<DemoResult> {
  const people = DEMO_PEOPLE.map((p) => ({
    name: p.name,
    email: p.email,
    side: p.side as Side,
    password: DEMO_PASSWORD,
  }));
  const existing = await database.db.selectFrom("people").select("email").execute();
  if (existing.length > 0) {
    const isDemo = existing.some((p) => p.email === DEMO_PEOPLE[0].email);
    return {
      loaded: false,
      reason: isDemo
        ? "The demo workspace is already loaded."
        : "This workspace already has people; the demo only loads into an empty workspace.",
      people: isDemo ? people : [],
      systems: 0,
    };
  }
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  await seedQuestionBank(database, at(120));
  const [first, ...rest] = DEMO_PEOPLE;
  const admin = await setupFirstAdmin(
    database,
    { name: first.name, email: first.email, side: first.side, password: DEMO_PASSWORD },
    at(120),
  );
  const persons: Person[] = [admin];
  const actorOf = (p: Person): Actor => ({ id: p.id, name: p.name, side: p.side, isAdmin: p.isAdmin });
  for (const p of rest) {
    persons.push(
      await createPerson(
        { database, actor: actorOf(admin), now: at(119) },
        { name: p.name, email: p.email, side: p.side, isAdmin: p.isAdmin, password: DEMO_PASSWORD },
      ),
    );
  }
  const byEmail = (email: string) => actorOf(persons.find((p) => p.email === email)!);
  const ctx = (email: string, daysAgo: number): CommandContext => ({
    database,
    actor: byEmail(email),
    now: at(daysAgo),
  });

  const questions = await database.db
    .selectFrom("questions")
    .select(["id", "category", "askedBy", "text"])
    .execute();
  for (const system of DEMO_SYSTEMS) await loadSystem(system, ctx, byEmail, questions, now);
  await loadDemoLedger(database, now);
  await loadDemoRehearsals(database, byEmail, now);
  // Agreed review cadences: a quarterly round for the assistant in production, a monthly one for
  // the pilot, so reminders and "next due" have something to say.
  await setReviewCadence(ctx("priya@example.com", 100), "support-assistant", 90);
  await setReviewCadence(ctx("maya@example.com", 60), "invoice-extraction", 30);
  return { loaded: true, people, systems: DEMO_SYSTEMS.length };
}

async function loadSystem(
  s: DemoSystem,
  ctx: (email: string, daysAgo: number) => CommandContext,
  byEmail: (email: string) => Actor,
  questions: Array<{ id: string; category: string; askedBy: string; text: string }>,
  now: Date,
): Promise<void> {
  const dateAgo = (daysAgo: number) => isoDate(new Date(now.getTime() - daysAgo * DAY));
  const created = await createSystem(ctx(s.engineeringOwner, s.startedDaysAgo), {
    key: s.key,
    name: s.name,
    purpose: s.purpose,
    expectedOutcome: s.expectedOutcome,
    valueEstimate: s.value,
    targetDate: addDays(isoDate(now), s.targetInDays),
    stage: "idea",
    leadershipOwnerId: byEmail(s.leadershipOwner).id,
    engineeringOwnerId: byEmail(s.engineeringOwner).id,
    models: s.models,
    dataSources: s.dataSources,
    dependencies: s.dependencies,
    usersReached: s.usersReached,
    scaleNow: s.scaleNow,
    scalePlanned: s.scalePlanned,
  });

  // Every step is dated; running them oldest first lets each readiness gate see the world as it was.
  const riskIds = new Map<string, string>();
  const steps: Array<{ daysAgo: number; run: () => Promise<unknown> }> = [];
  for (const r of s.risks) {
    steps.push({
      daysAgo: r.daysAgo,
      run: async () =>
        riskIds.set(
          r.fields.title,
          (await proposeRisk(ctx(r.proposedBy, r.daysAgo), created.id, r.fields)).id,
        ),
    });
    for (const d of r.decisions) {
      steps.push({
        daysAgo: d.daysAgo,
        run: () =>
          decideRisk(ctx(d.by, d.daysAgo), riskIds.get(r.fields.title)!, {
            outcome: d.outcome,
            rationale: d.rationale,
            conditions: d.conditions,
            reviewBy: d.reviewInDays === null ? null : addDays(dateAgo(d.daysAgo), d.reviewInDays),
            sourceAnswerId: null,
          }),
      });
    }
  }
  for (const g of s.safeguards) {
    steps.push({
      daysAgo: g.daysAgo,
      run: () =>
        createSafeguard(ctx(g.owner, g.daysAgo), created.id, {
          name: g.name,
          kind: g.kind,
          status: g.status,
          description: g.description,
          ownerId: byEmail(g.owner).id,
          riskIds: g.risks.map((t) => riskIds.get(t)).filter((id): id is string => Boolean(id)),
          sourceAnswerId: null,
        }),
    });
  }
  for (const round of s.rounds) {
    steps.push({
      daysAgo: round.daysAgo,
      run: async () => {
        const picked = round.questions.map((q) => {
          const found = questions.find((b) => b.category === q.category && b.askedBy === q.askedBy);
          if (!found) throw new Error(`demo content: no ${q.askedBy} question in category ${q.category}`);
          return { q, id: found.id };
        });
        const r = await startRound(ctx(round.by, round.daysAgo), created.id, {
          title: round.title,
          heldOn: dateAgo(round.daysAgo),
          questionIds: picked.map((p) => p.id),
          customQuestions: [],
        });
        for (const [i, ask] of r.asks.entries()) {
          const script = picked[i]!.q;
          if (!script.answer) continue;
          await answerAsk(ctx(script.answer.by, round.daysAgo - 0.5), ask.id, { body: script.answer.body });
          if (!script.readBack) continue;
          const { by, ...readBack } = script.readBack;
          await readBackAnswer(ctx(by, round.daysAgo - 1), ask.id, readBack);
        }
      },
    });
  }
  for (const st of s.statements) {
    steps.push({
      daysAgo: st.daysAgo,
      run: () => makeStatement(ctx(st.by, st.daysAgo), created.id, st.body(riskIds, now)),
    });
  }
  for (const move of s.stageMoves) {
    steps.push({
      daysAgo: move.daysAgo,
      run: () => changeStage(ctx(move.by, move.daysAgo), created.id, { to: move.to, note: move.note }),
    });
  }
  if (s.production)
    addProductionSteps(steps, s.production, created.id, s.engineeringOwner, s.leadershipOwner, ctx, now);
  steps.sort((a, b) => b.daysAgo - a.daysAgo);
  for (const step of steps) await step.run();
}

type Step = { daysAgo: number; run: () => Promise<unknown> };

/** Signals, their history, the limits and budgets leadership set, and today's fresh data. */
function addProductionSteps(
  steps: Step[],
  p: DemoSignals,
  systemId: string,
  engineer: string,
  leader: string,
  ctx: (email: string, daysAgo: number) => CommandContext,
  now: Date,
): void {
  const cut = now.getTime() - p.historyCutDaysAgo * DAY;
  const pointsOf = new Map(p.signals.map((sig) => [sig.definition.key, sig.points(now)]));
  const send = async (c: CommandContext, keep: (t: number) => boolean) => {
    const rows = p.signals.flatMap((sig) =>
      pointsOf
        .get(sig.definition.key)!
        .filter((pt) => keep(pt.t))
        .map((pt, i) => ({
          line: i + 1,
          row: {
            t: pt.t,
            v: pt.v,
            ...(pt.n !== undefined && { n: pt.n }),
            signal: `${systemKey}/${sig.definition.key}`,
            source: "demo",
          },
        })),
    );
    await ingestPoints(c, rows, null);
  };
  let systemKey = "";
  steps.push({
    daysAgo: p.historyCutDaysAgo,
    run: async () => {
      const c = ctx(engineer, p.historyCutDaysAgo);
      for (const sig of p.signals) systemKey = (await createSignal(c, systemId, sig.definition)).systemKey;
      await send(c, (t) => t < cut);
    },
  });
  steps.push({
    daysAgo: p.setDaysAgo,
    run: async () => {
      const c = ctx(leader, p.setDaysAgo);
      for (const limit of p.limits) {
        const answer = limit.fromAnswer
          ? await c.database.db
              .selectFrom("answers")
              .innerJoin("asks", "asks.id", "answers.askId")
              .innerJoin("rounds", "rounds.id", "asks.roundId")
              .select("answers.id")
              .where("rounds.systemId", "=", systemId)
              .where("answers.body", "like", `%${limit.fromAnswer}%`)
              .executeTakeFirst()
          : undefined;
        await createTrustLimit(c, {
          signalId: `${systemKey}/${limit.signal}`,
          name: "",
          windowDays: limit.windowDays,
          aggregate: limit.aggregate,
          quantile: null,
          comparator: limit.comparator,
          threshold: limit.threshold,
          horizonDays: null,
          sourceAnswerId: answer?.id ?? null,
        });
      }
      for (const budget of p.budgets) {
        await createRiskBudget(c, {
          signalId: `${systemKey}/${budget.signal}`,
          name: budget.name,
          kind: "spend",
          amount: budget.amount,
          period: { kind: "calendar_month" },
          target: null,
          bucket: "day",
          comparator: "at_least",
          threshold: null,
          riskId: null,
        });
      }
    },
  });
  steps.push({ daysAgo: 0, run: () => send(ctx(engineer, 0), (t) => t >= cut) });
}
