import type { Brief, Voice } from "../../contract/briefs.js";
import {
  failureModesSection,
  findingsSection,
  leadershipSaidSections,
  unguardedSection,
} from "./engineering.js";
import { acceptedSection, decisionsSection, disagreementsSection, outcomeSection } from "./leadership.js";
import { limitsAtRiskSection, trustSection } from "./limits.js";
import { costSection, valueSection } from "./money.js";
import type { BriefSnapshot } from "./snapshot.js";
import { whatBreaksFirstSection } from "./rehearsal.js";

export type { BriefSnapshot, DailySeries } from "./snapshot.js";
export { outlooks } from "./leadership.js";
export { systemOutlook, OUTLOOK_LABELS } from "./outlook.js";
export { projectedSpend } from "./money.js";

const VOICE_TITLES: Record<Voice, string> = {
  leadership: "Leadership brief",
  engineering: "Engineering brief",
};

/**
 * Builds a brief from a snapshot, in the voice of the side that reads it. Leadership reads
 * outcomes, money and trust; engineering reads failure modes, limits at risk, gaps and what
 * leadership said. The same snapshot always gives the same brief.
 */
export function buildBrief(snapshot: BriefSnapshot, voice: Voice): Brief {
  const system = snapshot.scope === "system" ? (snapshot.systems[0] ?? null) : null;
  const breaks = whatBreaksFirstSection(snapshot, voice);
  const sections =
    voice === "leadership"
      ? [
          outcomeSection(snapshot),
          costSection(snapshot),
          trustSection(snapshot),
          ...(breaks ? [breaks] : []),
          decisionsSection(snapshot),
          acceptedSection(snapshot),
          valueSection(snapshot),
          disagreementsSection(snapshot),
        ]
      : [
          failureModesSection(snapshot),
          limitsAtRiskSection(snapshot),
          ...(breaks ? [breaks] : []),
          unguardedSection(snapshot),
          findingsSection(snapshot),
          ...leadershipSaidSections(snapshot),
        ];
  return {
    voice,
    title: `${VOICE_TITLES[voice]}: ${system ? system.name : "all AI systems"}`,
    scope: {
      kind: snapshot.scope,
      system: system && { id: system.id, key: system.key, name: system.name, stage: system.stage },
      systems: snapshot.systems.length,
    },
    period: snapshot.period,
    asOf: snapshot.asOf,
    generatedAt: snapshot.generatedAt,
    sections,
  };
}
