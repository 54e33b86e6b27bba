// The glossary: every term Parley uses, explained twice — once in the language of outcomes, money
// and trust, once in the language of failure modes and safeguards. Written for Parley; kept in one
// place so the drawer, the page and the inline help links all say the same thing.

export interface GlossaryTerm {
  id: string;
  term: string;
  /** Other words people use for it (searched too). */
  aka?: string[];
  summary: string;
  leadership: string;
  engineering: string;
}

export const GLOSSARY: GlossaryTerm[] = [
  {
    id: "shared-map",
    term: "Shared map",
    aka: ["portfolio", "home"],
    summary: "Every AI system on one page, read the same way by both sides.",
    leadership:
      "Your portfolio view: where each AI investment stands, who owns it on each side, and which risks still need your call. If something is red here, it needs a decision, not a status meeting.",
    engineering:
      "The single source of truth for stage, risk posture and alignment per system. What you record in rounds, risks and safeguards is what leadership sees here — nothing is summarised by hand.",
  },
  {
    id: "stage",
    term: "Stage",
    aka: ["idea", "demo", "pilot", "production", "retired"],
    summary: "How far a system has come: idea, demo, pilot, production, retired.",
    leadership:
      "A demo that impresses is not a pilot, and a pilot is not production. Each step exposes more customers, money and reputation, so each step has to earn its way forward.",
    engineering:
      "Each stage raises the bar for evidence: real users in pilot, real consequences in production. Moving forward is gated by the readiness checklist, not by a calendar.",
  },
  {
    id: "readiness",
    term: "Readiness checklist",
    aka: ["readiness gate", "gate", "done"],
    summary: "What must be true before a system moves to its next stage — a shared definition of done.",
    leadership:
      "The list of things still missing before the next step, written so you can see them. An empty list means engineering has no unanswered objection on record.",
    engineering:
      "The same rules the CLI check enforces in a release pipeline: questions read back, high-impact risks decided, limits on cost and quality, detection for quiet risks, signals flowing.",
  },
  {
    id: "round",
    term: "Conversation round",
    aka: ["round", "review"],
    summary: "A dated set of questions between the two sides, such as “pre-launch” or “Q3 review”.",
    leadership:
      "A structured conversation instead of a status update. You ask what worries you in your words; engineering answers; you say back what you heard. Rounds keep history, so you can see what changed since last time.",
    engineering:
      "A place to ask leadership the questions that decide your trade-offs — where speed beats predictability, which risks are acceptable, what would break their trust — and to get the answers in writing.",
  },
  {
    id: "read-back",
    term: "Read-back",
    aka: ["restatement", "own words"],
    summary: "Saying the other side's answer back in your own words, then marking it.",
    leadership:
      "Like repeating a decision at the end of a meeting: “so what you're telling me is…”. If your words match their meaning, you're aligned. If not, you ask again before anyone acts on a misunderstanding.",
    engineering:
      "A checksum on communication. The asking side restates the answer and marks it understood, needs clarification, or disagree. Only a read-back closes the loop; an answer alone does not.",
  },
  {
    id: "alignment",
    term: "Alignment",
    aka: ["aligned", "alignment meter"],
    summary: "Shared understanding: questions answered and read back. Not the same as agreement.",
    leadership:
      "The meter shows how many questions in the latest round were answered and read back. High alignment means both sides know where the other stands — even where they disagree.",
    engineering:
      "A question counts as aligned once its latest answer is read back as understood or disagree. “Needs clarification” keeps it open until a new answer arrives.",
  },
  {
    id: "disagreement",
    term: "Disagreement",
    aka: ["disagree"],
    summary: "Both sides understood each other and see it differently. A legitimate, useful outcome.",
    leadership:
      "A recorded disagreement is not a failure; it's information. It tells you exactly where a decision is needed, and who holds which view.",
    engineering:
      "Disagreeing on the record beats nodding in a meeting. A disagreement counts as aligned: the understanding is shared, and the trade-off is now visible to whoever decides.",
  },
  {
    id: "risk",
    term: "Risk",
    aka: ["risk register"],
    summary: "Something that could go wrong, described twice: how it fails, and what it would cost.",
    leadership:
      "Each risk tells you what it would do to outcomes — money, customers, time, reputation — how likely it is, and what a failure would cost. Your job is to decide which ones you can live with.",
    engineering:
      "Each risk records the failure mode, its triggers and edge cases, and what it depends on. You propose risks; you design the safeguards; leadership decides what to accept.",
  },
  {
    id: "failure-mode",
    term: "Failure mode",
    aka: ["trigger", "edge case"],
    summary: "The specific way a system goes wrong, and what sets it off.",
    leadership:
      "The concrete story of the failure: “the bot confidently quotes a refund policy we retired”. It turns a vague worry into something you can weigh.",
    engineering:
      "Mechanism plus trigger: which input, load, data change or dependency outage causes which wrong behaviour, and which edge cases make it likely.",
  },
  {
    id: "likelihood-impact",
    term: "Likelihood and impact",
    aka: ["heat map", "score"],
    summary: "Two 1–5 scores: how likely the failure is, and how much it would hurt.",
    leadership:
      "Top-right on the heat map means likely and painful: those need your attention first. Impact 4 or 5 with no decision shows up as “undecided high-impact” on the map.",
    engineering:
      "Rough, relative scores, agreed between the sides — not a probability model. Use the cost-of-failure range to anchor impact in money.",
  },
  {
    id: "cost-of-failure",
    term: "Cost of failure",
    summary: "A range estimate of what one occurrence would cost, in a currency.",
    leadership:
      "The price tag of the bad day: refunds, lost deals, fines, clean-up time. A range is honest; a single number would pretend to know more than anyone does.",
    engineering:
      "Low and high estimates of direct and indirect cost per occurrence. It lets leadership compare a safeguard's cost with the failure it prevents.",
  },
  {
    id: "quiet-risk",
    term: "Quiet risk",
    aka: ["quiet degradation", "grows quietly", "quiet failure"],
    summary: "A risk that grows without anyone noticing: no outage, no alert, just slow decline.",
    leadership:
      "AI rarely crashes. It gets a little worse, a little more expensive, and needs a little more manual fixing — until someone decides “AI doesn't work here”. Quiet risks need something watching for them.",
    engineering:
      "Degradation with no loud symptom: drift, creeping cost per request, rising override rate. Every quiet risk needs a detect safeguard before a system moves to production.",
  },
  {
    id: "data-drift",
    term: "Data drift",
    summary: "The real-world data slowly stops looking like the data the system was built on.",
    leadership:
      "Customers, products and language change. A system that was accurate at launch can quietly become less accurate without anyone touching it.",
    engineering:
      "Shift in the input or label distribution relative to evaluation data. It shows up as falling quality scores or rising corrections, rarely as errors.",
  },
  {
    id: "probabilistic",
    term: "Probabilistic behaviour",
    aka: ["non-deterministic", "partly right"],
    summary: "The same question can get a different answer; “mostly right” is the normal state.",
    leadership:
      "A demo shows the good answers. In real use some share of answers will be wrong, and the question is how many, how wrong, and who notices.",
    engineering:
      "Outputs are samples, not functions. Quality is a rate you measure over many cases and watch over time, not a test that passes once.",
  },
  {
    id: "acceptable-risk",
    term: "Acceptable risk",
    aka: ["accept", "accepted", "acceptance"],
    summary: "A risk leadership knowingly lives with, under stated conditions, until a review date.",
    leadership:
      "Accepting a risk is a business decision with your name on it: you judge the upside worth it for now. Only leadership can accept, and every acceptance has a review-by date.",
    engineering:
      "An accepted risk is not a closed one. It's a documented trade-off with conditions (“while cost stays under 300 USD a day”) and an expiry. Keep the signals that would show the conditions breaking.",
  },
  {
    id: "decision",
    term: "Decision",
    aka: ["accept", "mitigate", "avoid", "transfer", "defer", "superseded"],
    summary: "Leadership's call on a risk: accept, mitigate, avoid, transfer or defer — with rationale.",
    leadership:
      "Accept it, have engineering reduce it (mitigate), change plans so it can't happen (avoid), hand it to a vendor or insurer (transfer), or set a date to decide (defer). Decisions are never edited; a new one supersedes the old, so the history stays honest.",
    engineering:
      "The record of who decided what, why, under which conditions and until when. Mitigate usually means work for you: link the safeguards to the risk so the decision is visibly carried out.",
  },
  {
    id: "review-by",
    term: "Review-by date",
    aka: ["expiring", "expired", "expiring soon"],
    summary: "When an accepted or deferred risk must be looked at again.",
    leadership:
      "Acceptances don't last forever. “Expiring soon” means within 30 days; “expired” means the date passed and the risk is open again until you decide anew.",
    engineering:
      "An expired acceptance reopens the risk automatically and counts against readiness. It's the mechanism that stops “temporary” risks from becoming permanent by default.",
  },
  {
    id: "posture",
    term: "Risk posture",
    aka: ["undecided", "undecided high-impact"],
    summary: "Where a risk stands now, from its latest decision and today's date.",
    leadership:
      "Undecided, accepted, being mitigated, avoided, transferred, deferred, expired or closed. “Undecided high-impact” on the map is the list of calls waiting for you.",
    engineering:
      "Derived, never typed in: the latest non-superseded decision plus the calendar. Closing a risk that no longer applies takes it out of the counts.",
  },
  {
    id: "safeguard",
    term: "Safeguard",
    aka: ["prevent", "detect", "limit", "recover", "guardrail"],
    summary: "Engineering work that protects against a risk: prevent, detect, limit or recover.",
    leadership:
      "The invisible work: when a safeguard does its job, nothing happens — which is exactly the point. Prevent stops it, detect notices it early, limit caps the damage, recover cleans up.",
    engineering:
      "A control linked to the risks it covers, with a status from planned to verified. Quiet risks need at least one detect safeguard; a risk with none is flagged as unguarded.",
  },
  {
    id: "unguarded",
    term: "Unguarded risk",
    summary: "An open risk with no safeguard linked to it.",
    leadership:
      "Nobody has built anything against this yet. Fine if you accepted it knowingly; worrying if it's high-impact and undecided.",
    engineering:
      "A gap in coverage. Either link an existing safeguard, plan a new one, or ask leadership for an explicit decision.",
  },
  {
    id: "not-ready",
    term: "“Not ready”",
    summary: "Engineering's objection, made specific: the missing conditions and the risk of shipping now.",
    leadership:
      "Not a veto and not foot-dragging: a list of what must be true first, and what you would be risking if you shipped anyway. You can weigh it — and decide.",
    engineering:
      "Instead of “it isn't ready”, name the conditions that are missing and what shipping now would cost in outcomes. It becomes a visible record on the system page.",
  },
  {
    id: "go-faster",
    term: "“Go faster”",
    summary: "Leadership's push, made specific: the risks being accepted, and until when.",
    leadership:
      "Speed is a legitimate priority. Saying which risks you take on to get it, and for how long, turns pressure into a decision engineering can plan around.",
    engineering:
      "Instead of “we need to move faster”, leadership names the risks it accepts and the date the acceptance ends. You know what you're allowed to leave undone, and until when.",
  },
  {
    id: "signal",
    term: "Signal",
    aka: ["telemetry", "metric"],
    summary: "A measurement from production: cost, quality, error rate, manual-work rate, adoption, latency.",
    leadership:
      "Real numbers from real use, instead of impressions from a demo. They're what trust limits are checked against.",
    engineering:
      "Time series fed from OpenTelemetry, billing exports, files or the push API. No signal, no evidence: the readiness checklist asks for signals that are actually flowing.",
  },
  {
    id: "trust-limit",
    term: "Trust limit",
    aka: ["limit", "threshold"],
    summary: "Leadership's “what would make us lose trust”, written as a limit on a signal.",
    leadership:
      "Your red line in numbers: “if more than 15% of answers need a person to fix them over a week, we stop and look”. Parley checks it all the time so you don't have to.",
    engineering:
      "A threshold on a signal over a window, agreed with leadership. It turns a vague expectation into an alert condition you can test and monitor.",
  },
  {
    id: "burn-rate",
    term: "Burn rate",
    aka: ["forecast", "breach date"],
    summary: "How fast a budget or limit is being used up, and when it runs out at this pace.",
    leadership:
      "For a CFO: the spending pace against the budget. “At this rate the monthly model budget runs out on 14 December” — early enough to act, not a surprise on the invoice.",
    engineering:
      "Consumption of an error or cost budget per unit of time, relative to the rate that would exactly exhaust it over the window. A burn rate above 1 means a breach before the window ends.",
  },
  {
    id: "risk-budget",
    term: "Risk budget",
    aka: ["error budget", "cost budget"],
    summary: "How much failure or spend is acceptable over a period before action is required.",
    leadership:
      "Like a spending budget, but for mistakes or cost overruns. Using it is fine — that's what it's for — as long as it lasts the period.",
    engineering:
      "The error or cost allowance implied by a trust limit. It gives room to ship and experiment while it lasts, and a clear trigger when it doesn't.",
  },
  {
    id: "finding",
    term: "Quiet-failure finding",
    aka: ["finding", "creep", "level shift"],
    summary: "Parley spotted slow creep or a sudden level change in a signal nobody set a limit on.",
    leadership:
      "An early warning that something is drifting, before it shows up in complaints or invoices. Both sides see it and agree whether it's expected.",
    engineering:
      "Output of the detectors that watch every signal for trend and change points. Triage it as expected, investigating or resolved.",
  },
  {
    id: "invisible-work",
    term: "Invisible work",
    aka: ["ledger", "value protected"],
    summary: "What engineering's safeguards caught or prevented, with an estimated value.",
    leadership:
      "The failures that didn't happen, and roughly what they would have cost. It's how you see the return on work that, when done well, looks like nothing.",
    engineering:
      "The ledger of catches: each safeguard's saves with an estimate. It makes the case for reliability work in the currency leadership already uses.",
  },
  {
    id: "timeline",
    term: "Timeline",
    aka: ["audit", "history"],
    summary: "Every change, dated and attributed, in an append-only history.",
    leadership:
      "Who decided what and when — for the board, the auditor, or your own memory six months from now.",
    engineering:
      "An append-only, tamper-evident event log per system. Nothing is edited in place; corrections are new events.",
  },
];

export function findTerm(id: string): GlossaryTerm | undefined {
  return GLOSSARY.find((t) => t.id === id);
}

export function searchGlossary(text: string): GlossaryTerm[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return GLOSSARY;
  return GLOSSARY.filter((t) =>
    [t.term, t.summary, t.leadership, t.engineering, ...(t.aka ?? [])].some((s) =>
      s.toLowerCase().includes(needle),
    ),
  );
}
