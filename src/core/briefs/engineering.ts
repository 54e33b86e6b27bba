import type { BriefItem, BriefSection } from "../../contract/briefs.js";
import type { QuestionCategory } from "../../contract/enums.js";
import type { Risk } from "../../contract/risks.js";
import { totalsByCurrency } from "../ledger.js";
import { byExpectedCost, expectedCost } from "./expected-cost.js";
import { clip, formatDate, formatPercent, formatRange, humanize, listOf, plural } from "./format.js";
import { item, quoteOf, section } from "./items.js";
import { systemNamer, type BriefSnapshot } from "./snapshot.js";

/** Risks engineering still has to design for: not closed, not avoided. */
function openRisks(s: BriefSnapshot): Risk[] {
  return s.risks.filter((r) => r.posture !== "closed" && r.posture !== "avoided");
}

const LIVE = new Set(["live", "verified"]);

/** Engineering: open failure modes, costliest expected loss first. */
export function failureModesSection(s: BriefSnapshot): BriefSection {
  const names = systemNamer(s);
  const risks = byExpectedCost(openRisks(s));
  const items: BriefItem[] = risks.map((r) => {
    const e = expectedCost(r);
    const guards = r.safeguards.map((g) => `${g.name} (${g.kind}, ${g.status})`);
    return item(
      `${names.prefix(r.systemId)}${r.title} — ${e ? `expected ${formatRange(e.low, e.high, e.currency)}` : "no cost estimate yet"}.`,
      r.posture === "expired" || r.posture === "undecided" ? (r.impact >= 4 ? "bad" : "warn") : "neutral",
      {
        system: names.key(r.systemId),
        details: [
          e &&
            `Likelihood ${r.likelihood} of 5 (about ${formatPercent(e.probability)}) × cost of failure ${formatRange(r.costOfFailure!.low, r.costOfFailure!.high, r.costOfFailure!.currency)}.`,
          !e &&
            `Likelihood ${r.likelihood} of 5, impact ${r.impact} of 5. Add a cost-of-failure range to rank it.`,
          r.failureMode && `Fails by: ${r.failureMode}`,
          r.triggers && `Triggered by: ${r.triggers}`,
          `${humanize(r.class)}; grows ${r.growth === "quiet" ? "quietly" : "loudly"}${r.growthDrivers.length > 0 ? ` with ${listOf(r.growthDrivers.map((d) => d.replace(/_/g, " ")))}` : ""}; decision: ${r.posture}.`,
          guards.length > 0 ? `Safeguards: ${guards.join("; ")}.` : "No safeguard.",
        ],
      },
    );
  });
  const costed = risks.map(expectedCost).filter((e) => e !== null);
  const totals = totalsByCurrency(costed.map((e) => ({ low: e.low, high: e.high, currency: e.currency })));
  const uncosted = risks.length - costed.length;
  const headline =
    risks.length === 0
      ? "No open failure modes on the register."
      : `${plural(risks.length, "open failure mode")}${totals.length > 0 ? ` with an expected cost of ${totals.map((t) => formatRange(t.low, t.high, t.currency)).join(" and ")}` : ""}${uncosted > 0 ? `; ${uncosted} without a cost estimate` : ""}.`;
  return section("failure_modes", "Open failure modes by expected cost", headline, items, [], "neutral");
}

/** Engineering: risks with no safeguard at all, and quiet risks nothing live would detect. */
export function unguardedSection(s: BriefSnapshot): BriefSection {
  const names = systemNamer(s);
  const open = byExpectedCost(openRisks(s).filter((r) => r.posture !== "transferred"));
  const none = open.filter((r) => r.safeguards.length === 0);
  const undetected = open.filter(
    (r) =>
      r.growth === "quiet" &&
      r.safeguards.length > 0 &&
      !r.safeguards.some((g) => g.kind === "detect" && LIVE.has(g.status)),
  );
  const items = [
    ...none.map((r) =>
      item(`${names.prefix(r.systemId)}${r.title} — no safeguard.`, r.impact >= 4 ? "bad" : "warn", {
        system: names.key(r.systemId),
        details: [
          `Impact ${r.impact} of 5, likelihood ${r.likelihood} of 5; decision: ${r.posture}.`,
          r.revealingSignals.length > 0 && `Signals that would reveal it: ${listOf(r.revealingSignals)}.`,
        ],
      }),
    ),
    ...undetected.map((r) =>
      item(`${names.prefix(r.systemId)}${r.title} — grows quietly and no live detector watches it.`, "warn", {
        system: names.key(r.systemId),
        details: [
          `Safeguards so far: ${r.safeguards.map((g) => `${g.name} (${g.kind}, ${g.status})`).join("; ")}.`,
        ],
      }),
    ),
  ];
  const headline =
    items.length === 0
      ? "Every open risk has a safeguard, and every quiet one a live detector."
      : listOf(
          [
            none.length > 0 && `${plural(none.length, "risk has", "risks have")} no safeguard`,
            undetected.length > 0 &&
              `${plural(undetected.length, "quiet risk has", "quiet risks have")} no live detector`,
          ].filter((p): p is string => Boolean(p)),
        ).replace(/^./, (c) => c.toUpperCase()) + ".";
  return section("unguarded_risks", "Risks without safeguards", headline, items);
}

/** Engineering: quiet-failure findings nobody has triaged yet, and those under investigation. */
export function findingsSection(s: BriefSnapshot): BriefSection {
  const names = systemNamer(s);
  // Newest first; findings detected in the same run are ordered by signal so the brief is stable.
  const findings = [...s.findings].sort(
    (a, b) =>
      b.detectedAt.localeCompare(a.detectedAt) ||
      a.signal.name.localeCompare(b.signal.name) ||
      a.summary.localeCompare(b.summary),
  );
  const open = findings.filter((f) => f.status === "open");
  const investigating = findings.filter((f) => f.status === "investigating");
  const items = [
    ...open.map((f) =>
      item(`${names.prefix(f.systemId)}${f.summary}`, f.worse === false ? "neutral" : "warn", {
        system: names.key(f.systemId),
        details: [
          `${f.signal.name}: ${humanize(f.kind).toLowerCase()} detected on ${formatDate(f.detectedAt)}, ${f.confidenceLabel} confidence.`,
          "Awaiting triage: mark it expected, investigating or resolved.",
        ],
      }),
    ),
    ...investigating.map((f) =>
      item(`${names.prefix(f.systemId)}${f.summary}`, "neutral", {
        system: names.key(f.systemId),
        details: [
          `Under investigation${f.triagedBy ? ` by ${f.triagedBy.name}` : ""}${f.triagedAt ? ` since ${formatDate(f.triagedAt)}` : ""}.`,
          f.note && `Note: ${clip(f.note)}`,
        ],
      }),
    ),
  ];
  const headline =
    items.length === 0
      ? "No findings are waiting: every quiet change has been triaged."
      : `${plural(open.length, "finding awaits", "findings await")} triage${investigating.length > 0 ? `; ${investigating.length} under investigation` : ""}.`;
  return section("findings", "Findings awaiting triage", headline, items);
}

const SAID: Array<{ category: QuestionCategory; id: string; title: string; missing: string }> = [
  {
    category: "speed",
    id: "said_speed",
    title: "Where leadership says speed beats predictability",
    missing:
      "Leadership has not said where speed matters more than predictability. Ask it in the next round.",
  },
  {
    category: "acceptable_risk",
    id: "said_acceptable_risk",
    title: "Which risks leadership finds acceptable",
    missing: "Leadership has not said which risks are acceptable right now. Ask it in the next round.",
  },
  {
    category: "trust",
    id: "said_trust",
    title: "What would lose leadership's trust",
    missing: "Leadership has not said what would make it stop trusting the system. Ask it in the next round.",
  },
];

/**
 * Engineering: leadership's own words on speed, acceptable risk and trust, quoted from the
 * answers with how engineering read them back. Newest round first; one quote per question.
 */
export function leadershipSaidSections(s: BriefSnapshot): BriefSection[] {
  const names = systemNamer(s);
  return SAID.map(({ category, id, title, missing }) => {
    const items: BriefItem[] = [];
    for (const round of s.rounds) {
      for (const ask of round.asks) {
        if (ask.category !== category || ask.askedBy !== "engineering") continue;
        const quote = quoteOf(ask);
        if (!quote) continue;
        const verdict = quote.readBack?.verdict;
        items.push(
          item(
            `${names.prefix(round.systemId)}${quote.by}, ${round.title} (${formatDate(round.heldOn)})${verdict ? ` — read back: ${verdict.replace(/_/g, " ")}` : " — not read back yet"}`,
            verdict === "disagree" ? "warn" : verdict === "needs_clarification" ? "warn" : "neutral",
            { system: names.key(round.systemId), quote },
          ),
        );
      }
    }
    const first = items[0]?.quote;
    const headline = first ? `"${clip(first.text, 160)}" — ${first.by}` : missing;
    return section(id, title, headline, items, [], items.length === 0 ? "warn" : "neutral");
  });
}
