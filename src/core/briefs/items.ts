import type { BriefChart, BriefItem, BriefSection, Quote, Tone } from "../../contract/briefs.js";
import type { Ask, Round } from "../../contract/conversations.js";
import type { LimitState } from "../../contract/limits.js";

/** A brief item; `details` are sub-points, `quote` a leadership or engineering answer word for word. */
export function item(
  text: string,
  tone: Tone,
  extra: { system?: string | null; details?: Array<string | null | false>; quote?: Quote | null } = {},
): BriefItem {
  return {
    text,
    tone,
    system: extra.system ?? null,
    details: (extra.details ?? []).filter((d): d is string => typeof d === "string" && d.length > 0),
    quote: extra.quote ?? null,
  };
}

/** A section whose tone is its worst item's, unless told otherwise. */
export function section(
  id: string,
  title: string,
  headline: string,
  items: BriefItem[],
  charts: BriefChart[] = [],
  tone?: Tone,
): BriefSection {
  return { id, title, headline, tone: tone ?? worstTone(items.map((i) => i.tone)), items, charts };
}

const TONE_RANK: Record<Tone, number> = { bad: 3, warn: 2, good: 1, neutral: 0 };

export function worstTone(tones: readonly Tone[]): Tone {
  return tones.reduce<Tone>((worst, t) => (TONE_RANK[t] > TONE_RANK[worst] ? t : worst), "neutral");
}

export function toneOfState(state: LimitState): Tone {
  if (state === "breached") return "bad";
  if (state === "at_risk") return "warn";
  if (state === "ok") return "good";
  return "neutral";
}

export const STATE_LABELS: Record<LimitState, string> = {
  ok: "holding",
  at_risk: "at risk",
  breached: "breached",
  no_data: "no data",
};

/** The latest answer to an ask, quoted with how the asking side read it back. */
export function quoteOf(ask: Ask): Quote | null {
  const answer = ask.answers.at(-1);
  if (!answer) return null;
  const readBack = [...ask.readBacks].reverse().find((r) => r.answerId === answer.id) ?? null;
  return {
    text: answer.body,
    by: answer.answeredBy.name,
    on: answer.createdAt.slice(0, 10),
    question: ask.text,
    readBack: readBack
      ? {
          restatement: readBack.restatement,
          verdict: readBack.verdict,
          by: readBack.readBy.name,
          note: readBack.note,
        }
      : null,
  };
}

/** The newest round of each system, from rounds listed newest first. */
export function latestRounds(rounds: readonly Round[]): Round[] {
  const seen = new Set<string>();
  return rounds.filter((r) => (seen.has(r.systemId) ? false : (seen.add(r.systemId), true)));
}
