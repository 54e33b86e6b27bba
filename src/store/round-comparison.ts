import type { Round, RoundComparison } from "../contract/conversations.js";
import { notFound, invalid } from "../core/errors.js";
import { compareRounds, type AskSnapshot } from "../core/round-comparison.js";
import type { Db } from "./database.js";
import { findRoundRow, loadRound, summarizeRound } from "./conversations.js";

function snapshots(round: Round): AskSnapshot[] {
  return round.asks.map((a) => ({
    questionId: a.questionId,
    text: a.text,
    askedBy: a.askedBy,
    state: a.state,
    answer: a.answers.at(-1)?.body ?? null,
  }));
}

/** Compares a round with another of the same system (by default the one held before it). */
export async function compareRound(db: Db, roundId: string, withId?: string): Promise<RoundComparison> {
  const row = await findRoundRow(db, roundId);
  let previousId = withId;
  if (!previousId) {
    const earlier = await db
      .selectFrom("rounds")
      .select("id")
      .where("systemId", "=", row.systemId)
      .where("id", "!=", row.id)
      .where((eb) =>
        eb.or([
          eb("heldOn", "<", row.heldOn),
          eb.and([eb("heldOn", "=", row.heldOn), eb("createdAt", "<", row.createdAt)]),
        ]),
      )
      .orderBy("heldOn", "desc")
      .orderBy("createdAt", "desc")
      .executeTakeFirst();
    previousId = earlier?.id;
  }
  const round = await loadRound(db, roundId);
  if (!previousId) {
    return { round: summarizeRound(round), previous: null, changes: compareRounds([], snapshots(round)) };
  }
  const previous = await loadRound(db, previousId).catch(() => {
    throw notFound("round", previousId);
  });
  if (previous.systemId !== round.systemId) {
    throw invalid("rounds_of_different_systems", "Both rounds must belong to the same system.", {
      field: "with",
    });
  }
  return {
    round: summarizeRound(round),
    previous: summarizeRound(previous),
    changes: compareRounds(snapshots(previous), snapshots(round)),
  };
}
