import type { AskState } from "../contract/conversations.js";
import type { Side, Verdict } from "../contract/enums.js";
import { forbidden, invalid, type ParleyError } from "./errors.js";
import { otherSide, type Actor } from "./people.js";

export interface AnswerFacts {
  id: string;
}
export interface ReadBackFacts {
  answerId: string;
  verdict: Verdict;
}

/**
 * Where one asked question stands. Only the latest answer counts, and only a read-back of that
 * answer: a fresh answer after "needs clarification" waits for a fresh read-back.
 */
export function askState(answers: readonly AnswerFacts[], readBacks: readonly ReadBackFacts[]): AskState {
  const latest = answers.at(-1);
  if (!latest) return "awaiting_answer";
  const readBack = readBacks.filter((r) => r.answerId === latest.id).at(-1);
  if (!readBack) return "awaiting_read_back";
  return readBack.verdict;
}

/**
 * Aligned means shared understanding, not agreement: the asking side has restated the answer and
 * either understood it or knowingly disagrees. "Needs clarification" is not yet understanding.
 */
export function isAligned(state: AskState): boolean {
  return state === "understood" || state === "disagree";
}

/** The side that did not ask answers. */
export function answerPermission(actor: Actor, askedBy: Side): ParleyError | null {
  if (actor.side !== askedBy) return null;
  return forbidden(
    "answer_requires_other_side",
    `This question is asked by ${askedBy}; it is answered by ${otherSide(askedBy)}. Ask a colleague on that side to answer it.`,
    { rule: "other_side_answers", askedBy },
  );
}

/** The asking side reads the answer back, in its own words, once there is an answer. */
export function readBackPermission(actor: Actor, askedBy: Side, hasAnswer: boolean): ParleyError | null {
  if (actor.side !== askedBy) {
    return forbidden(
      "read_back_requires_asking_side",
      `Only ${askedBy}, who asked this question, can read the answer back. You can add context in a new answer instead.`,
      { rule: "asking_side_reads_back", askedBy },
    );
  }
  if (!hasAnswer) {
    return invalid(
      "nothing_to_read_back",
      "This question has no answer yet; read-back comes after the other side answers.",
    );
  }
  return null;
}

/** A disagreement without a note is unhelpful to the other side: say what you see differently. */
export function readBackShapeProblem(verdict: Verdict, note: string): ParleyError | null {
  if (verdict === "understood" || note.trim().length > 0) return null;
  const what = verdict === "disagree" ? "what you see differently" : "what is unclear";
  return invalid("read_back_note_required", `Add a note saying ${what}, so the other side can respond.`, {
    field: "note",
  });
}
