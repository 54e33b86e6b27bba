import type { AskChange, AskState } from "../contract/conversations.js";
import type { Side } from "../contract/enums.js";

export interface AskSnapshot {
  questionId: string | null;
  text: string;
  askedBy: Side;
  state: AskState;
  answer: string | null;
}

function matchKey(a: AskSnapshot): string {
  return a.questionId ?? `text:${a.text.trim().toLowerCase()}`;
}

/**
 * What changed between two rounds of the same system: questions are matched by bank question, or
 * by their text for custom ones, and compared on the latest answer and where they stand.
 */
export function compareRounds(
  previous: readonly AskSnapshot[],
  current: readonly AskSnapshot[],
): AskChange[] {
  const before = new Map(previous.map((a) => [matchKey(a), a]));
  const seen = new Set<string>();
  const changes: AskChange[] = current.map((a) => {
    const key = matchKey(a);
    seen.add(key);
    const prev = before.get(key);
    const now = { answer: a.answer, state: a.state };
    if (!prev) return { text: a.text, askedBy: a.askedBy, status: "new", previous: null, current: now };
    const same = prev.answer === a.answer && prev.state === a.state;
    return {
      text: a.text,
      askedBy: a.askedBy,
      status: same ? "unchanged" : "changed",
      previous: { answer: prev.answer, state: prev.state },
      current: now,
    };
  });
  for (const [key, prev] of before) {
    if (seen.has(key)) continue;
    changes.push({
      text: prev.text,
      askedBy: prev.askedBy,
      status: "removed",
      previous: { answer: prev.answer, state: prev.state },
      current: null,
    });
  }
  return changes;
}
