import { describe, expect, it } from "vitest";
import { compareRounds } from "./round-comparison.js";

describe("compareRounds", () => {
  it("matches bank questions by id and custom ones by text", () => {
    const changes = compareRounds(
      [
        { questionId: "q1", text: "Scale?", askedBy: "leadership", state: "understood", answer: "4x" },
        {
          questionId: null,
          text: "Pause when?",
          askedBy: "engineering",
          state: "understood",
          answer: "Never",
        },
        { questionId: "q3", text: "Legal?", askedBy: "leadership", state: "awaiting_answer", answer: null },
      ],
      [
        { questionId: "q1", text: "Scale?", askedBy: "leadership", state: "understood", answer: "6x" },
        {
          questionId: null,
          text: "pause when? ",
          askedBy: "engineering",
          state: "understood",
          answer: "Never",
        },
        { questionId: "q4", text: "Cost?", askedBy: "leadership", state: "awaiting_answer", answer: null },
      ],
    );
    expect(changes.map((c) => [c.text, c.status])).toEqual([
      ["Scale?", "changed"],
      ["pause when? ", "unchanged"],
      ["Cost?", "new"],
      ["Legal?", "removed"],
    ]);
    expect(changes[0]?.previous?.answer).toBe("4x");
  });
});
