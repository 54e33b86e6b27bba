import type {
  Ask,
  AskAdd,
  AnswerCreate,
  Question,
  QuestionCreate,
  ReadBackCreate,
  Round,
  RoundCreate,
} from "../contract/conversations.js";
import type { Side } from "../contract/enums.js";
import { isoDate } from "../core/calendar.js";
import { answerPermission, readBackPermission, readBackShapeProblem } from "../core/conversations.js";
import { invalid, notFound } from "../core/errors.js";
import { STARTER_QUESTIONS } from "../core/question-bank.js";
import { appendAudit } from "../store/audit.js";
import { findAskRow, findRoundRow, loadRound, presentQuestion } from "../store/conversations.js";
import { inTransaction, type Database, type Tx } from "../store/database.js";
import { findSystemRow } from "../store/systems.js";
import { enforce, newId, type CommandContext } from "./context.js";

/** Adds the starter questions once; safe to call on every start. */
export async function seedQuestionBank(database: Database, now: Date): Promise<number> {
  return inTransaction(database.db, async (tx) => {
    const existing = await tx.selectFrom("questions").select("text").where("builtin", "=", 1).execute();
    const have = new Set(existing.map((q) => q.text));
    const missing = STARTER_QUESTIONS.filter((q) => !have.has(q.text));
    for (const q of missing) {
      await tx
        .insertInto("questions")
        .values({
          id: newId(),
          text: q.text,
          askedBy: q.askedBy,
          category: q.category,
          builtin: 1,
          archived: 0,
          createdBy: null,
          createdAt: now.toISOString(),
        })
        .execute();
    }
    return missing.length;
  });
}

async function insertQuestion(tx: Tx, ctx: CommandContext, input: QuestionCreate) {
  const row = {
    id: newId(),
    text: input.text,
    askedBy: input.askedBy,
    category: input.category,
    builtin: 0,
    archived: 0,
    createdBy: ctx.actor.id,
    createdAt: ctx.now.toISOString(),
  };
  await tx.insertInto("questions").values(row).execute();
  await appendAudit(tx, {
    at: row.createdAt,
    actorId: ctx.actor.id,
    systemId: null,
    entity: "question",
    entityId: row.id,
    action: "create",
    summary: `${ctx.actor.name} added a ${row.askedBy} question to the bank`,
    after: row,
  });
  return row;
}

/** Adds a custom question to the bank. */
export async function createQuestion(ctx: CommandContext, input: QuestionCreate): Promise<Question> {
  return presentQuestion(await inTransaction(ctx.database.db, (tx) => insertQuestion(tx, ctx, input)));
}

/** Archives or restores a question; rounds that asked it keep their copy of the text. */
export async function setQuestionArchived(
  ctx: CommandContext,
  id: string,
  archived: boolean,
): Promise<Question> {
  return inTransaction(ctx.database.db, async (tx) => {
    const row = await tx.selectFrom("questions").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw notFound("question", id);
    await tx
      .updateTable("questions")
      .set({ archived: archived ? 1 : 0 })
      .where("id", "=", id)
      .execute();
    await appendAudit(tx, {
      at: ctx.now.toISOString(),
      actorId: ctx.actor.id,
      systemId: null,
      entity: "question",
      entityId: id,
      action: archived ? "archive" : "restore",
      summary: `${ctx.actor.name} ${archived ? "archived" : "restored"} a question`,
    });
    return presentQuestion({ ...row, archived: archived ? 1 : 0 });
  });
}

async function addAsksInTx(
  tx: Tx,
  ctx: CommandContext,
  roundId: string,
  systemId: string,
  input: AskAdd,
): Promise<number> {
  const existing = await tx
    .selectFrom("asks")
    .select(["questionId", "position"])
    .where("roundId", "=", roundId)
    .execute();
  const already = new Set(existing.map((a) => a.questionId).filter(Boolean));
  let position = existing.reduce((max, a) => Math.max(max, a.position), 0);
  const planned: Array<{ questionId: string | null; text: string; askedBy: Side; category: string }> = [];
  for (const id of input.questionIds) {
    if (already.has(id)) continue;
    const q = await tx.selectFrom("questions").selectAll().where("id", "=", id).executeTakeFirst();
    if (!q)
      throw invalid(
        "unknown_question",
        `Question ${id} is not in the bank. Pick ids from /api/v1/questions.`,
        { field: "questionIds" },
      );
    already.add(id);
    planned.push({ questionId: q.id, text: q.text, askedBy: q.askedBy as Side, category: q.category });
  }
  for (const custom of input.customQuestions) {
    const questionId = custom.saveToBank ? (await insertQuestion(tx, ctx, custom)).id : null;
    planned.push({ questionId, text: custom.text, askedBy: custom.askedBy, category: custom.category });
  }
  for (const p of planned) {
    position += 1;
    const ask = { id: newId(), roundId, ...p, position, createdAt: ctx.now.toISOString() };
    await tx.insertInto("asks").values(ask).execute();
    await appendAudit(tx, {
      at: ask.createdAt,
      actorId: ctx.actor.id,
      systemId,
      entity: "ask",
      entityId: ask.id,
      action: "ask",
      summary: `${ctx.actor.name} added a question for ${p.askedBy === "leadership" ? "engineering" : "leadership"}: "${p.text}"`,
      after: ask,
    });
  }
  return planned.length;
}

/** Opens a dated conversation round for a system with questions from the bank or new ones. */
export async function startRound(ctx: CommandContext, systemRef: string, input: RoundCreate): Promise<Round> {
  const id = await inTransaction(ctx.database.db, async (tx) => {
    const system = await findSystemRow(tx, systemRef);
    const round = {
      id: newId(),
      systemId: system.id,
      title: input.title,
      heldOn: input.heldOn ?? isoDate(ctx.now),
      createdBy: ctx.actor.id,
      createdAt: ctx.now.toISOString(),
    };
    await tx.insertInto("rounds").values(round).execute();
    await appendAudit(tx, {
      at: round.createdAt,
      actorId: ctx.actor.id,
      systemId: system.id,
      entity: "round",
      entityId: round.id,
      action: "create",
      summary: `${ctx.actor.name} started the round "${round.title}" for ${system.name}`,
      after: round,
    });
    await addAsksInTx(tx, ctx, round.id, system.id, input);
    return round.id;
  });
  return loadRound(ctx.database.db, id);
}

/** Adds more questions to an existing round; questions already in it are skipped. */
export async function addAsks(ctx: CommandContext, roundId: string, input: AskAdd): Promise<Round> {
  await inTransaction(ctx.database.db, async (tx) => {
    const round = await findRoundRow(tx, roundId);
    await addAsksInTx(tx, ctx, round.id, round.systemId, input);
  });
  return loadRound(ctx.database.db, roundId);
}

async function askById(ctx: CommandContext, askId: string): Promise<Ask> {
  const ask = await findAskRow(ctx.database.db, askId);
  const round = await loadRound(ctx.database.db, ask.roundId);
  const found = round.asks.find((a) => a.id === askId);
  if (!found) throw notFound("question_in_round", askId);
  return found;
}

/** The other side answers a question; a new answer replaces the previous one as the current one. */
export async function answerAsk(ctx: CommandContext, askId: string, input: AnswerCreate): Promise<Ask> {
  await inTransaction(ctx.database.db, async (tx) => {
    const ask = await findAskRow(tx, askId);
    enforce(answerPermission(ctx.actor, ask.askedBy as Side));
    const round = await findRoundRow(tx, ask.roundId);
    const answer = {
      id: newId(),
      askId,
      body: input.body,
      answeredBy: ctx.actor.id,
      createdAt: ctx.now.toISOString(),
    };
    await tx.insertInto("answers").values(answer).execute();
    await appendAudit(tx, {
      at: answer.createdAt,
      actorId: ctx.actor.id,
      systemId: round.systemId,
      entity: "answer",
      entityId: answer.id,
      action: "answer",
      summary: `${ctx.actor.name} answered "${ask.text}"`,
      after: answer,
    });
  });
  return askById(ctx, askId);
}

/** The asking side restates the latest answer in its own words and says where it stands. */
export async function readBackAnswer(
  ctx: CommandContext,
  askId: string,
  input: ReadBackCreate,
): Promise<Ask> {
  await inTransaction(ctx.database.db, async (tx) => {
    const ask = await findAskRow(tx, askId);
    const answers = await tx
      .selectFrom("answers")
      .select(["id"])
      .where("askId", "=", askId)
      .orderBy("createdAt")
      .orderBy("id")
      .execute();
    const latest = answers.at(-1);
    enforce(readBackPermission(ctx.actor, ask.askedBy as Side, Boolean(latest)));
    enforce(readBackShapeProblem(input.verdict, input.note));
    const round = await findRoundRow(tx, ask.roundId);
    const readBack = {
      id: newId(),
      askId,
      answerId: latest!.id,
      restatement: input.restatement,
      verdict: input.verdict,
      note: input.note,
      readBy: ctx.actor.id,
      createdAt: ctx.now.toISOString(),
    };
    await tx.insertInto("readBacks").values(readBack).execute();
    const label = {
      understood: "understood",
      needs_clarification: "needs clarification on",
      disagree: "disagrees with",
    }[input.verdict];
    await appendAudit(tx, {
      at: readBack.createdAt,
      actorId: ctx.actor.id,
      systemId: round.systemId,
      entity: "read_back",
      entityId: readBack.id,
      action: input.verdict,
      summary: `${ctx.actor.name} read back and ${label} the answer to "${ask.text}"`,
      after: readBack,
    });
  });
  return askById(ctx, askId);
}
