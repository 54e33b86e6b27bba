import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, DIALECTS, type TestWorld } from "./harness.js";

describe.each(DIALECTS)("conversation rounds with read-back [%s]", (dialect) => {
  let w: TestWorld;
  let roundId: string;
  let leadershipAsk: string;
  let engineeringAsk: string;

  beforeAll(async () => {
    w = await createWorld(dialect);
    await w.leader.post("/api/v1/systems", { key: "triage", name: "Ticket triage" });
  });
  afterAll(() => w.close());

  it("ships a starter bank of at least 12 questions in both directions", async () => {
    const bank = (await w.leader.get("/api/v1/questions")).body.items;
    expect(bank.length).toBeGreaterThanOrEqual(12);
    expect(bank.filter((q: { askedBy: string }) => q.askedBy === "leadership").length).toBeGreaterThanOrEqual(
      6,
    );
    expect(
      bank.filter((q: { askedBy: string }) => q.askedBy === "engineering").length,
    ).toBeGreaterThanOrEqual(6);
    const onlyLeadership = (await w.leader.get("/api/v1/questions?askedBy=leadership")).body.items;
    expect(onlyLeadership.every((q: { askedBy: string }) => q.askedBy === "leadership")).toBe(true);
  });

  it("starts a round with bank and custom questions", async () => {
    const bank = (await w.leader.get("/api/v1/questions")).body.items;
    const lq = bank.find((q: { askedBy: string }) => q.askedBy === "leadership");
    const res = await w.leader.post("/api/v1/systems/triage/rounds", {
      title: "Pre-launch",
      heldOn: "2026-06-01",
      questionIds: [lq.id, lq.id],
      customQuestions: [
        {
          text: "What would make you pause the rollout?",
          askedBy: "engineering",
          category: "trust",
          saveToBank: true,
        },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.asked).toBe(2);
    expect(res.body.aligned).toBe(0);
    roundId = res.body.id;
    leadershipAsk = res.body.asks[0].id;
    engineeringAsk = res.body.asks[1].id;
    expect(res.body.asks[1].questionId).not.toBeNull();
    const bankAfter = (await w.leader.get("/api/v1/questions")).body.items;
    expect(bankAfter.length).toBe(bank.length + 1);
  });

  it("lets only the other side answer and only the asking side read back", async () => {
    const wrong = await w.leader.post(`/api/v1/asks/${leadershipAsk}/answers`, {
      body: "I answer my own question",
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe("answer_requires_other_side");

    const early = await w.leader.post(`/api/v1/asks/${leadershipAsk}/read-backs`, {
      restatement: "x",
      verdict: "understood",
    });
    expect(early.status).toBe(400);
    expect(early.body.error.code).toBe("nothing_to_read_back");

    const answered = await w.engineer.post(`/api/v1/asks/${leadershipAsk}/answers`, {
      body: "The rate limit breaks first at 4x.",
    });
    expect(answered.status).toBe(201);
    expect(answered.body.state).toBe("awaiting_read_back");

    const wrongSide = await w.engineer.post(`/api/v1/asks/${leadershipAsk}/read-backs`, {
      restatement: "x",
      verdict: "understood",
    });
    expect(wrongSide.status).toBe(403);
    expect(wrongSide.body.error.code).toBe("read_back_requires_asking_side");

    const read = await w.leader.post(`/api/v1/asks/${leadershipAsk}/read-backs`, {
      restatement: "At four times today's traffic the provider throttles us.",
      verdict: "understood",
    });
    expect(read.status).toBe(201);
    expect(read.body.state).toBe("understood");
    expect(read.body.aligned).toBe(true);
  });

  it("treats disagreement as aligned, and asks for a note with it", async () => {
    await w.leader.post(`/api/v1/asks/${engineeringAsk}/answers`, { body: "A single public mistake." });
    const noNote = await w.engineer.post(`/api/v1/asks/${engineeringAsk}/read-backs`, {
      restatement: "One public mistake stops it.",
      verdict: "disagree",
    });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.code).toBe("read_back_note_required");
    const disagree = await w.engineer.post(`/api/v1/asks/${engineeringAsk}/read-backs`, {
      restatement: "One public mistake stops it.",
      verdict: "disagree",
      note: "We think a trend matters more than one incident.",
    });
    expect(disagree.status).toBe(201);
    expect(disagree.body.state).toBe("disagree");
    expect(disagree.body.aligned).toBe(true);
    const round = (await w.engineer.get(`/api/v1/rounds/${roundId}`)).body;
    expect(round.aligned).toBe(2);
    expect(round.disagreements).toBe(1);
    const map = (await w.engineer.get("/api/v1/portfolio")).body.systems[0];
    expect(map.alignment).toMatchObject({
      asked: 2,
      readBack: 2,
      disagreements: 1,
      roundTitle: "Pre-launch",
    });
    expect(map.lastReviewOn).toBe("2026-06-01");
  });

  it("needs a fresh read-back after a new answer to a clarification", async () => {
    const round2 = await w.leader.post("/api/v1/systems/triage/rounds", {
      title: "Q3 review",
      heldOn: "2026-06-02",
    });
    const bank = (await w.leader.get("/api/v1/questions?askedBy=leadership")).body.items;
    const withAsk = await w.leader.post(`/api/v1/rounds/${round2.body.id}/asks`, {
      questionIds: [bank[0].id],
    });
    const askId = withAsk.body.asks[0].id;
    await w.engineer.post(`/api/v1/asks/${askId}/answers`, { body: "Rate limit at 5x now." });
    const unclear = await w.leader.post(`/api/v1/asks/${askId}/read-backs`, {
      restatement: "?",
      verdict: "needs_clarification",
      note: "5x of what?",
    });
    expect(unclear.body.state).toBe("needs_clarification");
    expect(unclear.body.aligned).toBe(false);
    const again = await w.engineer.post(`/api/v1/asks/${askId}/answers`, {
      body: "5x today's daily requests.",
    });
    expect(again.body.state).toBe("awaiting_read_back");

    const diff = await w.leader.get(`/api/v1/rounds/${round2.body.id}/compare`);
    expect(diff.status).toBe(200);
    expect(diff.body.previous.title).toBe("Pre-launch");
    const changed = diff.body.changes.find((c: { status: string }) => c.status === "changed");
    expect(changed.previous.answer).toBe("The rate limit breaks first at 4x.");
    expect(changed.current.answer).toBe("5x today's daily requests.");
    expect(diff.body.changes.some((c: { status: string }) => c.status === "removed")).toBe(true);

    const rounds = (await w.leader.get("/api/v1/systems/triage/rounds")).body.items;
    expect(rounds.map((r: { title: string }) => r.title)).toEqual(["Q3 review", "Pre-launch"]);
  });
});
