import { z } from "zod";
import {
  Ask,
  AskAdd,
  AnswerCreate,
  Question,
  QuestionCreate,
  QuestionUpdate,
  QuestionsQuery,
  ReadBackCreate,
  Round,
  RoundComparison,
  RoundCreate,
  RoundSummary,
} from "../../contract/conversations.js";
import {
  addAsks,
  answerAsk,
  createQuestion,
  readBackAnswer,
  setQuestionArchived,
  startRound,
} from "../../commands/conversations.js";
import {
  listQuestions,
  listRoundRows,
  loadRound,
  loadRounds,
  summarizeRound,
} from "../../store/conversations.js";
import { compareRound } from "../../store/round-comparison.js";
import { findSystemRow } from "../../store/systems.js";
import { contextFor } from "../auth.js";
import { errorResponses, IdParams, ItemsOf, RefParams, type App, type ServerDeps } from "../deps.js";

export function registerConversationRoutes(app: App, deps: ServerDeps): void {
  const { database, clock } = deps;
  const db = database.db;

  app.get("/api/v1/questions", {
    schema: {
      tags: ["conversations"],
      summary: "The question bank",
      querystring: QuestionsQuery,
      response: { 200: ItemsOf(Question), ...errorResponses(400, 401) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      return { items: await listQuestions(db, req.query) };
    },
  });

  app.post("/api/v1/questions", {
    schema: {
      tags: ["conversations"],
      summary: "Add a custom question to the bank",
      body: QuestionCreate,
      response: { 201: Question, ...errorResponses(400, 401, 403) },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await createQuestion(contextFor(req, database, clock, "write"), req.body)),
  });

  app.patch("/api/v1/questions/:id", {
    schema: {
      tags: ["conversations"],
      summary: "Archive or restore a question",
      params: IdParams,
      body: QuestionUpdate,
      response: { 200: Question, ...errorResponses(400, 401, 404) },
    },
    handler: async (req) =>
      setQuestionArchived(contextFor(req, database, clock, "write"), req.params.id, req.body.archived),
  });

  app.get("/api/v1/systems/:ref/rounds", {
    schema: {
      tags: ["conversations"],
      summary: "A system's conversation rounds, newest first",
      params: RefParams,
      response: { 200: ItemsOf(RoundSummary), ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      const system = await findSystemRow(db, req.params.ref);
      const rounds = await loadRounds(db, await listRoundRows(db, [system.id]));
      return { items: rounds.map(summarizeRound) };
    },
  });

  app.post("/api/v1/systems/:ref/rounds", {
    schema: {
      tags: ["conversations"],
      summary: "Start a dated round with questions from the bank and/or new ones",
      params: RefParams,
      body: RoundCreate,
      response: { 201: Round, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await startRound(contextFor(req, database, clock, "write"), req.params.ref, req.body)),
  });

  app.get("/api/v1/rounds/:id", {
    schema: {
      tags: ["conversations"],
      summary: "A round with every question, answer and read-back",
      params: IdParams,
      response: { 200: Round, ...errorResponses(401, 404) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      return loadRound(db, req.params.id);
    },
  });

  app.post("/api/v1/rounds/:id/asks", {
    schema: {
      tags: ["conversations"],
      summary: "Add questions to a round",
      params: IdParams,
      body: AskAdd,
      response: { 200: Round, ...errorResponses(400, 401, 404) },
    },
    handler: async (req) => addAsks(contextFor(req, database, clock, "write"), req.params.id, req.body),
  });

  app.get("/api/v1/rounds/:id/compare", {
    schema: {
      tags: ["conversations"],
      summary: "What changed since another round (by default the previous one)",
      params: IdParams,
      querystring: z.object({ with: z.string().min(1).max(100).optional() }),
      response: { 200: RoundComparison, ...errorResponses(400, 401, 404) },
    },
    handler: async (req) => {
      contextFor(req, database, clock, "read");
      return compareRound(db, req.params.id, req.query.with);
    },
  });

  app.post("/api/v1/asks/:id/answers", {
    schema: {
      tags: ["conversations"],
      summary: "Answer a question (the side that did not ask answers)",
      params: IdParams,
      body: AnswerCreate,
      response: { 201: Ask, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await answerAsk(contextFor(req, database, clock, "write"), req.params.id, req.body)),
  });

  app.post("/api/v1/asks/:id/read-backs", {
    schema: {
      tags: ["conversations"],
      summary: "Read the latest answer back in your own words: understood, needs clarification or disagree",
      params: IdParams,
      body: ReadBackCreate,
      response: { 201: Ask, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await readBackAnswer(contextFor(req, database, clock, "write"), req.params.id, req.body)),
  });
}
