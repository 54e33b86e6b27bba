import { describe, expect, it } from "vitest";
import {
  answerPermission,
  askState,
  isAligned,
  readBackPermission,
  readBackShapeProblem,
} from "./conversations.js";
import type { Actor } from "./people.js";

const leader: Actor = { id: "l", name: "L", side: "leadership", isAdmin: false };
const engineer: Actor = { id: "e", name: "E", side: "engineering", isAdmin: false };

describe("askState", () => {
  it("follows a question from asked to aligned", () => {
    expect(askState([], [])).toBe("awaiting_answer");
    expect(askState([{ id: "a1" }], [])).toBe("awaiting_read_back");
    expect(askState([{ id: "a1" }], [{ answerId: "a1", verdict: "understood" }])).toBe("understood");
  });

  it("only counts a read-back of the latest answer", () => {
    const readBacks = [{ answerId: "a1", verdict: "needs_clarification" as const }];
    expect(askState([{ id: "a1" }], readBacks)).toBe("needs_clarification");
    expect(askState([{ id: "a1" }, { id: "a2" }], readBacks)).toBe("awaiting_read_back");
  });

  it("counts disagreement as aligned but not a request for clarification", () => {
    expect(isAligned("disagree")).toBe(true);
    expect(isAligned("understood")).toBe(true);
    expect(isAligned("needs_clarification")).toBe(false);
    expect(isAligned("awaiting_read_back")).toBe(false);
  });
});

describe("who answers and who reads back", () => {
  it("has the other side answer and the asking side read back", () => {
    expect(answerPermission(engineer, "leadership")).toBeNull();
    expect(answerPermission(leader, "leadership")?.code).toBe("answer_requires_other_side");
    expect(readBackPermission(leader, "leadership", true)).toBeNull();
    expect(readBackPermission(engineer, "leadership", true)?.code).toBe("read_back_requires_asking_side");
    expect(readBackPermission(leader, "leadership", false)?.code).toBe("nothing_to_read_back");
  });

  it("asks for a note when the reader disagrees or is unsure", () => {
    expect(readBackShapeProblem("understood", "")).toBeNull();
    expect(readBackShapeProblem("disagree", " ")?.code).toBe("read_back_note_required");
    expect(readBackShapeProblem("needs_clarification", "Which month?")).toBeNull();
  });
});
