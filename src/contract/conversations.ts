import { z } from "zod";
import { Id, IsoDate, IsoDateTime, RequiredText, Text } from "./common.js";
import { QuestionCategory, Side, Verdict } from "./enums.js";
import { PersonRef } from "./systems.js";

export const Question = z.object({
  id: Id,
  text: z.string(),
  askedBy: Side.describe("The side that asks; the other side answers"),
  category: QuestionCategory,
  builtin: z.boolean(),
  archived: z.boolean(),
  createdAt: IsoDateTime,
});
export type Question = z.infer<typeof Question>;

export const QuestionCreate = z.object({
  text: RequiredText(1000),
  askedBy: Side,
  category: QuestionCategory.default("other"),
});
export type QuestionCreate = z.infer<typeof QuestionCreate>;

export const QuestionUpdate = z.object({ archived: z.boolean() });

export const QuestionsQuery = z.object({
  askedBy: Side.optional(),
  category: QuestionCategory.optional(),
  includeArchived: z.stringbool().default(false),
});

export const Answer = z.object({
  id: Id,
  body: z.string(),
  answeredBy: PersonRef,
  createdAt: IsoDateTime,
});
export type Answer = z.infer<typeof Answer>;

export const ReadBack = z.object({
  id: Id,
  answerId: Id,
  restatement: z.string().describe("The answer in the asking side's own words"),
  verdict: Verdict,
  note: z.string(),
  readBy: PersonRef,
  createdAt: IsoDateTime,
});
export type ReadBack = z.infer<typeof ReadBack>;

export const ASK_STATES = [
  "awaiting_answer",
  "awaiting_read_back",
  "understood",
  "needs_clarification",
  "disagree",
] as const;
export const AskState = z.enum(ASK_STATES);
export type AskState = z.infer<typeof AskState>;

/** One question asked in one round, with its answers and read-backs (newest last). */
export const Ask = z.object({
  id: Id,
  roundId: Id,
  questionId: Id.nullable(),
  text: z.string(),
  askedBy: Side,
  category: QuestionCategory,
  position: z.number().int(),
  state: AskState,
  aligned: z.boolean().describe("Answered and read back (understood or disagree): shared understanding"),
  answers: z.array(Answer),
  readBacks: z.array(ReadBack),
});
export type Ask = z.infer<typeof Ask>;

export const RoundSummary = z.object({
  id: Id,
  systemId: Id,
  title: z.string(),
  heldOn: IsoDate,
  createdBy: PersonRef,
  createdAt: IsoDateTime,
  asked: z.number().int(),
  answered: z.number().int(),
  aligned: z.number().int(),
  disagreements: z.number().int(),
});
export type RoundSummary = z.infer<typeof RoundSummary>;

export const Round = RoundSummary.extend({ asks: z.array(Ask) });
export type Round = z.infer<typeof Round>;

export const CustomQuestion = z.object({
  text: RequiredText(1000),
  askedBy: Side,
  category: QuestionCategory.default("other"),
  saveToBank: z.boolean().default(false).describe("Also add it to the question bank"),
});

export const AskAdd = z.object({
  questionIds: z.array(Id).max(100).default([]),
  customQuestions: z.array(CustomQuestion).max(100).default([]),
});
export type AskAdd = z.infer<typeof AskAdd>;

export const RoundCreate = AskAdd.extend({
  title: RequiredText(200).describe('e.g. "pre-launch" or "Q3 review"'),
  heldOn: IsoDate.optional().describe("Defaults to today"),
});
export type RoundCreate = z.infer<typeof RoundCreate>;

export const AnswerCreate = z.object({ body: RequiredText(10000) });
export type AnswerCreate = z.infer<typeof AnswerCreate>;

export const ReadBackCreate = z.object({
  restatement: RequiredText(10000).describe("Say the answer back in your own words"),
  verdict: Verdict,
  note: Text(4000).default(""),
});
export type ReadBackCreate = z.infer<typeof ReadBackCreate>;

export const AskChange = z.object({
  text: z.string(),
  askedBy: Side,
  status: z.enum(["new", "removed", "changed", "unchanged"]),
  previous: z.object({ answer: z.string().nullable(), state: AskState }).nullable(),
  current: z.object({ answer: z.string().nullable(), state: AskState }).nullable(),
});
export type AskChange = z.infer<typeof AskChange>;

export const RoundComparison = z.object({
  round: RoundSummary,
  previous: RoundSummary.nullable(),
  changes: z.array(AskChange),
});
export type RoundComparison = z.infer<typeof RoundComparison>;
