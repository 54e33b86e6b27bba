import type { BriefItem, BriefSection } from "../../contract/briefs.js";
import type { Risk } from "../../contract/risks.js";
import type { System } from "../../contract/systems.js";
import { daysBetween } from "../calendar.js";
import { EXPIRING_SOON_DAYS, isHighImpact } from "../decisions.js";
import { clip, formatDate, formatRange, listOf, plural, relativeDays } from "./format.js";
import { item, latestRounds, quoteOf, section } from "./items.js";
import { limitLabel } from "./limits.js";
import { OUTLOOK_LABELS, systemOutlook, type OutlookResult } from "./outlook.js";
import { snapshotToday, systemNamer, type BriefSnapshot } from "./snapshot.js";

/** The outlook of each covered system as of the snapshot. */
export function outlooks(s: BriefSnapshot): Map<string, OutlookResult> {
  const today = snapshotToday(s);
  return new Map(
    s.systems.map((system) => {
      const readiness = s.readiness[system.id];
      return [
        system.id,
        systemOutlook({
          system,
          risks: s.risks.filter((r) => r.systemId === system.id),
          targets: [
            ...s.limits
              .filter((l) => l.systemId === system.id)
              .map((l) => ({ label: `the ${limitLabel(l)} limit`, state: l.evaluation.state })),
            ...s.budgets
              .filter((b) => b.systemId === system.id)
              .map((b) => ({ label: `the ${b.name} budget`, state: b.evaluation.state })),
          ],
          gaps: readiness?.gaps.length ?? 0,
          next: readiness?.next ?? null,
          today,
        }),
      ];
    }),
  );
}

const OUTLOOK_TONE = {
  on_track: "good",
  at_risk: "warn",
  off_track: "bad",
  not_applicable: "neutral",
} as const;
const OUTLOOK_ORDER = { off_track: 0, at_risk: 1, on_track: 2, not_applicable: 3 } as const;

function outcomeDetails(system: System, s: BriefSnapshot): string[] {
  const today = snapshotToday(s);
  const readiness = s.readiness[system.id];
  const days = system.targetDate ? daysBetween(today, system.targetDate) : null;
  return [
    system.expectedOutcome && `Expected outcome: ${system.expectedOutcome}`,
    system.targetDate && `Target date: ${formatDate(system.targetDate)} (${relativeDays(days!)}).`,
    system.valueEstimate &&
      `Estimated value: ${formatRange(system.valueEstimate.amount, system.valueEstimate.amount, system.valueEstimate.currency)} a year.`,
    readiness?.next && readiness.gaps.length === 0 && `Ready to move to ${readiness.next}.`,
    ...(readiness?.next ? readiness.gaps.map((g) => `Before ${readiness.next}: ${g.message}`) : []),
  ].filter((d): d is string => Boolean(d));
}

/** Leadership: is each system on track for the outcome it was built for? */
export function outcomeSection(s: BriefSnapshot): BriefSection {
  const results = outlooks(s);
  const ordered = [...s.systems].sort(
    (a, b) =>
      OUTLOOK_ORDER[results.get(a.id)!.outlook] - OUTLOOK_ORDER[results.get(b.id)!.outlook] ||
      a.name.localeCompare(b.name),
  );
  const items: BriefItem[] = ordered.map((system) => {
    const r = results.get(system.id)!;
    const why = r.reasons.length > 0 ? `: ${listOf(r.reasons.map((x) => x.text))}` : "";
    const lead =
      s.scope === "portfolio"
        ? `${system.name} (${system.stage})`
        : `${OUTLOOK_LABELS[r.outlook]} in ${system.stage}`;
    return item(
      s.scope === "portfolio"
        ? `${lead} — ${OUTLOOK_LABELS[r.outlook].toLowerCase()}${why}.`
        : `${lead}${why}.`,
      OUTLOOK_TONE[r.outlook],
      { system: system.key, details: outcomeDetails(system, s) },
    );
  });
  const count = (o: keyof typeof OUTLOOK_ORDER) =>
    s.systems.filter((x) => results.get(x.id)!.outlook === o).length;
  let headline: string;
  if (s.scope === "system") {
    const system = s.systems[0];
    const r = system ? results.get(system.id)! : null;
    headline = r
      ? `${OUTLOOK_LABELS[r.outlook]}${r.reasons[0] ? `: ${listOf(r.reasons.map((x) => x.text))}` : ` — nothing stands between ${system!.name} and its outcome right now`}.`
      : "No system.";
  } else {
    const parts = [
      count("on_track") && `${count("on_track")} on track`,
      count("at_risk") && `${count("at_risk")} at risk`,
      count("off_track") && `${count("off_track")} off track`,
    ].filter(Boolean);
    headline = `${plural(s.systems.length, "active system")}: ${parts.join(", ") || "none assessed"}${s.retired > 0 ? ` (${plural(s.retired, "retired system")} left out)` : ""}.`;
  }
  return section(
    "outcome",
    s.scope === "portfolio" ? "Are the outcomes on track?" : "Is the outcome on track?",
    headline,
    items,
  );
}

function riskLine(r: Risk, s: BriefSnapshot): string {
  return `${systemNamer(s).prefix(r.systemId)}${r.title}`;
}

/** Leadership: risks to decide now, acceptances running out, and engineering's "not ready". */
export function decisionsSection(s: BriefSnapshot): BriefSection {
  const today = snapshotToday(s);
  const names = systemNamer(s);
  const open = s.risks.filter((r) => r.posture === "undecided" || r.posture === "expired");
  open.sort(
    (a, b) =>
      Number(b.posture === "expired") - Number(a.posture === "expired") ||
      b.impact - a.impact ||
      b.likelihood - a.likelihood ||
      a.title.localeCompare(b.title),
  );
  const items: BriefItem[] = open.map((r) =>
    r.posture === "expired"
      ? item(
          `${riskLine(r, s)} — the acceptance expired on ${formatDate(r.currentDecision!.reviewBy!)}; the risk is open again until you decide.`,
          "bad",
          {
            system: names.key(r.systemId),
            details: [
              r.currentDecision!.conditions &&
                `It was accepted on this condition: ${r.currentDecision!.conditions}`,
              r.businessImpact && `If it happens: ${r.businessImpact}`,
            ],
          },
        )
      : item(
          `${riskLine(r, s)} — needs a decision (impact ${r.impact} of 5, likelihood ${r.likelihood} of 5).`,
          isHighImpact(r.impact) ? "bad" : "warn",
          {
            system: names.key(r.systemId),
            details: [
              `Raised by ${r.proposedBy.name} on ${formatDate(r.createdAt)}.`,
              r.businessImpact && `If it happens: ${r.businessImpact}`,
              r.costOfFailure &&
                `Cost if it happens: ${formatRange(r.costOfFailure.low, r.costOfFailure.high, r.costOfFailure.currency)}.`,
            ],
          },
        ),
  );
  const expiring = s.risks
    .filter(
      (r) =>
        (r.posture === "accepted" || r.posture === "deferred") &&
        r.expiresInDays !== null &&
        r.expiresInDays <= EXPIRING_SOON_DAYS,
    )
    .sort((a, b) => a.expiresInDays! - b.expiresInDays! || a.title.localeCompare(b.title));
  for (const r of expiring) {
    items.push(
      item(
        `${riskLine(r, s)} — ${r.posture === "accepted" ? "acceptance" : "deferral"} to review by ${formatDate(r.currentDecision!.reviewBy!)} (${relativeDays(r.expiresInDays!)}).`,
        "warn",
        {
          system: names.key(r.systemId),
          details: [r.currentDecision!.conditions && `Condition: ${r.currentDecision!.conditions}`],
        },
      ),
    );
  }
  const notReady = s.statements.filter(
    (st) => st.kind === "not_ready" && st.createdAt.slice(0, 10) >= s.period.from,
  );
  for (const st of notReady) {
    items.push(
      item(
        `${names.prefix(st.systemId)}${st.by.name} says it is not ready (${formatDate(st.createdAt)}): ${clip(st.riskIfShippedNow)}`,
        "warn",
        { system: names.key(st.systemId), details: st.missingConditions.map((c) => `Missing: ${c}`) },
      ),
    );
  }
  const decided = s.risks.filter(
    (r) =>
      r.currentDecision &&
      r.currentDecision.decidedAt.slice(0, 10) >= s.period.from &&
      r.currentDecision.decidedAt.slice(0, 10) <= today,
  );
  if (decided.length > 0) {
    const sorted = decided.sort((a, b) =>
      a.currentDecision!.decidedAt.localeCompare(b.currentDecision!.decidedAt),
    );
    items.push(
      item(`Decided in this period: ${plural(decided.length, "risk")}.`, "neutral", {
        details: sorted.map((r) => {
          const d = r.currentDecision!;
          return `${riskLine(r, s)}: ${d.outcome} (${d.decidedBy.name}, ${formatDate(d.decidedAt)}).`;
        }),
      }),
    );
  }
  const parts = [
    open.length > 0 && `${plural(open.length, "decision")} needed now`,
    expiring.length > 0 &&
      `${plural(expiring.length, "acceptance")} to review within ${EXPIRING_SOON_DAYS} days`,
    notReady.length > 0 && `${plural(notReady.length, '"not ready" statement')} from engineering`,
  ].filter(Boolean) as string[];
  const headline =
    parts.length > 0
      ? `${listOf(parts).replace(/^./, (c) => c.toUpperCase())}.`
      : "Nothing is waiting for a decision.";
  return section("decisions", "Decisions needed now", headline, items);
}

/** Leadership: the risks it has knowingly accepted, and on what conditions. */
export function acceptedSection(s: BriefSnapshot): BriefSection {
  const names = systemNamer(s);
  const accepted = s.risks
    .filter((r) => r.posture === "accepted")
    .sort((a, b) => (a.expiresInDays ?? 9e9) - (b.expiresInDays ?? 9e9) || a.title.localeCompare(b.title));
  const items = accepted.map((r) => {
    const d = r.currentDecision!;
    return item(
      `${riskLine(r, s)} — accepted by ${d.decidedBy.name} on ${formatDate(d.decidedAt)}${d.reviewBy ? `, review by ${formatDate(d.reviewBy)}` : ""}.`,
      r.expiresInDays !== null && r.expiresInDays <= EXPIRING_SOON_DAYS ? "warn" : "neutral",
      {
        system: names.key(r.systemId),
        details: [
          d.conditions ? `On condition: ${d.conditions}` : "No conditions were set.",
          d.rationale && `Why: ${d.rationale}`,
          r.costOfFailure &&
            `Cost if it happens: ${formatRange(r.costOfFailure.low, r.costOfFailure.high, r.costOfFailure.currency)}.`,
        ],
      },
    );
  });
  const today = snapshotToday(s);
  for (const st of s.statements.filter((x) => x.kind === "go_faster" && (x.acceptedUntil ?? "") >= today)) {
    items.push(
      item(
        `${names.prefix(st.systemId)}${st.by.name} asked to go faster until ${formatDate(st.acceptedUntil!)}: ${clip(st.reason)}`,
        "neutral",
        {
          system: names.key(st.systemId),
          details: [
            st.acceptedRisks.length > 0 && `Risks taken on: ${listOf(st.acceptedRisks.map((r) => r.title))}.`,
            st.acceptedRisksText && `Also: ${st.acceptedRisksText}`,
          ],
        },
      ),
    );
  }
  const headline =
    accepted.length === 0
      ? "No risk is currently accepted."
      : `${plural(accepted.length, "risk is", "risks are")} accepted${accepted.some((r) => !r.currentDecision?.conditions) ? "; some without conditions" : ", each on stated conditions"}.`;
  return section("accepted_risks", "Risks accepted and their conditions", headline, items, [], "neutral");
}

/** Leadership: where the two sides read an answer differently, from each system's latest round. */
export function disagreementsSection(s: BriefSnapshot): BriefSection {
  const names = systemNamer(s);
  const items: BriefItem[] = [];
  let clarify = 0;
  for (const round of latestRounds(s.rounds)) {
    for (const ask of round.asks) {
      if (ask.state === "needs_clarification") clarify += 1;
      if (ask.state !== "disagree") continue;
      const quote = quoteOf(ask);
      items.push(
        item(
          `${names.prefix(round.systemId)}"${ask.text}" (${round.title}, ${formatDate(round.heldOn)})`,
          "warn",
          {
            system: names.key(round.systemId),
            quote,
          },
        ),
      );
    }
  }
  const headline =
    items.length === 0
      ? `No open disagreements${clarify > 0 ? `; ${plural(clarify, "answer")} await${clarify === 1 ? "s" : ""} clarification` : ""}.`
      : `${plural(items.length, "open disagreement")}${clarify > 0 ? `; ${plural(clarify, "more answer")} await${clarify === 1 ? "s" : ""} clarification` : ""}.`;
  return section("disagreements", "Open disagreements", headline, items);
}
