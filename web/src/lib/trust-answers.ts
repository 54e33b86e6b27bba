// Leadership's answers in a system's conversation rounds, newest first with answers to the trust
// question ("what would make you stop trusting it") ahead of the rest: the source a trust limit is
// set from, and the quote a limit shows.
import type { QuestionCategory, System } from "../../../src/contract/index.js";
import { api } from "../api/endpoints.js";
import { useResource, type Resource } from "./use-resource.js";

export interface TrustAnswer {
  id: string;
  body: string;
  by: string;
  question: string;
  category: QuestionCategory;
  roundTitle: string;
  heldOn: string;
}

async function loadLeadershipAnswers(systemKey: string, signal: AbortSignal): Promise<TrustAnswer[]> {
  const rounds = await api.rounds(systemKey, { signal });
  const full = await Promise.all(rounds.items.map((r) => api.round(r.id, { signal })));
  const answers: TrustAnswer[] = [];
  for (const round of full) {
    for (const ask of round.asks) {
      for (const answer of ask.answers) {
        if (answer.answeredBy.side !== "leadership") continue;
        answers.push({
          id: answer.id,
          body: answer.body,
          by: answer.answeredBy.name,
          question: ask.text,
          category: ask.category,
          roundTitle: round.title,
          heldOn: round.heldOn,
        });
      }
    }
  }
  const trustFirst = (a: TrustAnswer) => (a.category === "trust" ? 0 : 1);
  return answers.sort((a, b) => trustFirst(a) - trustFirst(b) || b.heldOn.localeCompare(a.heldOn));
}

export function useLeadershipAnswers(system: System): Resource<TrustAnswer[]> {
  return useResource(`leadership-answers:${system.id}`, (signal) =>
    loadLeadershipAnswers(system.key, signal),
  );
}
