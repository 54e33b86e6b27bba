import type { Answer, Ask, Question, ReadBack, Round, RoundSummary } from "../contract/conversations.js";
import type { QuestionCategory, Side, Verdict } from "../contract/enums.js";
import { askState, isAligned } from "../core/conversations.js";
import { notFound } from "../core/errors.js";
import type { Db } from "./database.js";
import { personRefs, refOrUnknown } from "./people.js";
import { bool } from "./rows.js";
import type { QuestionsTable, RoundsTable } from "./schema.js";

export function presentQuestion(r: QuestionsTable): Question {
  return {
    id: r.id,
    text: r.text,
    askedBy: r.askedBy as Side,
    category: r.category as QuestionCategory,
    builtin: bool(r.builtin),
    archived: bool(r.archived),
    createdAt: r.createdAt,
  };
}

export async function listQuestions(
  db: Db,
  filter: { askedBy?: Side | undefined; category?: QuestionCategory | undefined; includeArchived: boolean },
): Promise<Question[]> {
  let q = db.selectFrom("questions").selectAll();
  if (filter.askedBy) q = q.where("askedBy", "=", filter.askedBy);
  if (filter.category) q = q.where("category", "=", filter.category);
  if (!filter.includeArchived) q = q.where("archived", "=", 0);
  const rows = await q
    .orderBy("askedBy")
    .orderBy("builtin", "desc")
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
  return rows.map(presentQuestion);
}

export async function findRoundRow(db: Db, id: string): Promise<RoundsTable> {
  const row = await db.selectFrom("rounds").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("round", id);
  return row;
}

/** Loads rounds with every ask, answer and read-back, and derives where each question stands. */
export async function loadRounds(db: Db, rounds: RoundsTable[]): Promise<Round[]> {
  if (rounds.length === 0) return [];
  const roundIds = rounds.map((r) => r.id);
  const asks = await db
    .selectFrom("asks")
    .selectAll()
    .where("roundId", "in", roundIds)
    .orderBy("position")
    .orderBy("createdAt")
    .execute();
  const askIds = asks.map((a) => a.id);
  const answers = askIds.length
    ? await db
        .selectFrom("answers")
        .selectAll()
        .where("askId", "in", askIds)
        .orderBy("createdAt")
        .orderBy("id")
        .execute()
    : [];
  const readBacks = askIds.length
    ? await db
        .selectFrom("readBacks")
        .selectAll()
        .where("askId", "in", askIds)
        .orderBy("createdAt")
        .orderBy("id")
        .execute()
    : [];
  const refs = await personRefs(db, [
    ...rounds.map((r) => r.createdBy),
    ...answers.map((a) => a.answeredBy),
    ...readBacks.map((r) => r.readBy),
  ]);

  const answersByAsk = groupBy(
    answers.map((a): Answer & { askId: string } => ({
      askId: a.askId,
      id: a.id,
      body: a.body,
      answeredBy: refOrUnknown(refs, a.answeredBy),
      createdAt: a.createdAt,
    })),
    (a) => a.askId,
  );
  const readBacksByAsk = groupBy(
    readBacks.map((r): ReadBack & { askId: string } => ({
      askId: r.askId,
      id: r.id,
      answerId: r.answerId,
      restatement: r.restatement,
      verdict: r.verdict as Verdict,
      note: r.note,
      readBy: refOrUnknown(refs, r.readBy),
      createdAt: r.createdAt,
    })),
    (r) => r.askId,
  );
  const asksByRound = groupBy(
    asks.map((a): Ask => {
      const askAnswers = (answersByAsk.get(a.id) ?? []).map(({ askId: _, ...rest }) => rest);
      const askReadBacks = (readBacksByAsk.get(a.id) ?? []).map(({ askId: _, ...rest }) => rest);
      const state = askState(askAnswers, askReadBacks);
      return {
        id: a.id,
        roundId: a.roundId,
        questionId: a.questionId,
        text: a.text,
        askedBy: a.askedBy as Side,
        category: a.category as QuestionCategory,
        position: a.position,
        state,
        aligned: isAligned(state),
        answers: askAnswers,
        readBacks: askReadBacks,
      };
    }),
    (a) => a.roundId,
  );
  return rounds.map((r) => {
    const roundAsks = asksByRound.get(r.id) ?? [];
    return {
      id: r.id,
      systemId: r.systemId,
      title: r.title,
      heldOn: r.heldOn,
      createdBy: refOrUnknown(refs, r.createdBy),
      createdAt: r.createdAt,
      asked: roundAsks.length,
      answered: roundAsks.filter((a) => a.state !== "awaiting_answer").length,
      aligned: roundAsks.filter((a) => a.aligned).length,
      disagreements: roundAsks.filter((a) => a.state === "disagree").length,
      asks: roundAsks,
    };
  });
}

export async function loadRound(db: Db, id: string): Promise<Round> {
  const [round] = await loadRounds(db, [await findRoundRow(db, id)]);
  if (!round) throw notFound("round", id);
  return round;
}

/** A system's rounds, newest first. */
export async function listRoundRows(db: Db, systemIds: string[]): Promise<RoundsTable[]> {
  if (systemIds.length === 0) return [];
  return db
    .selectFrom("rounds")
    .selectAll()
    .where("systemId", "in", systemIds)
    .orderBy("heldOn", "desc")
    .orderBy("createdAt", "desc")
    .execute();
}

export function summarizeRound(round: Round): RoundSummary {
  const { asks: _, ...summary } = round;
  return summary;
}

export async function findAskRow(db: Db, id: string) {
  const row = await db.selectFrom("asks").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("question_in_round", id);
  return row;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
