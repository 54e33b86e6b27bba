import type { QuestionCategory, Side, Stage, UsersReached } from "../contract/enums.js";
import type { DecisionCreate, RiskCreate } from "../contract/risks.js";
import type { SafeguardCreate } from "../contract/safeguards.js";
import type { StatementCreate } from "../contract/statements.js";
import type { Money } from "../contract/common.js";
import type { ReadBackCreate } from "../contract/conversations.js";
import { addDays, isoDate } from "../core/calendar.js";
import { INVOICE_SIGNALS, SUPPORT_SIGNALS, type DemoSignals } from "./demo-signals.js";

// The demo workspace's story, as data. People are referred to by e-mail.
const MAYA = "maya@example.com";
const DANIEL = "daniel@example.com";
const PRIYA = "priya@example.com";
const TOMAS = "tomas@example.com";

export interface DemoSystem {
  key: string;
  name: string;
  purpose: string;
  expectedOutcome: string;
  value: Money;
  targetInDays: number;
  startedDaysAgo: number;
  leadershipOwner: string;
  engineeringOwner: string;
  models: string[];
  dataSources: string[];
  dependencies: string[];
  usersReached: UsersReached;
  scaleNow: string;
  scalePlanned: string;
  risks: Array<{
    daysAgo: number;
    proposedBy: string;
    fields: RiskCreate;
    decisions: Array<
      Pick<DecisionCreate, "outcome" | "rationale" | "conditions"> & {
        by: string;
        daysAgo: number;
        reviewInDays: number | null;
      }
    >;
  }>;
  safeguards: Array<
    Pick<SafeguardCreate, "name" | "kind" | "status" | "description"> & {
      owner: string;
      daysAgo: number;
      risks: string[];
    }
  >;
  rounds: Array<{
    title: string;
    by: string;
    daysAgo: number;
    questions: Array<{
      askedBy: Side;
      category: QuestionCategory;
      answer?: { by: string; body: string };
      readBack?: ReadBackCreate & { by: string };
    }>;
  }>;
  statements: Array<{
    by: string;
    daysAgo: number;
    body: (risks: Map<string, string>, now: Date) => StatementCreate;
  }>;
  stageMoves: Array<{ to: Stage; by: string; daysAgo: number; note: string }>;
  production?: DemoSignals;
}

function risk(fields: Partial<RiskCreate> & Pick<RiskCreate, "title" | "class">): RiskCreate {
  return {
    failureMode: "",
    triggers: "",
    dependencies: "",
    businessImpact: "",
    impactAreas: [],
    growth: "loud",
    growthDrivers: [],
    likelihood: 3,
    impact: 3,
    costOfFailure: null,
    revealingSignals: [],
    sourceAnswerId: null,
    ...fields,
  };
}

const SPEND_RISK = "Token spend grows with conversation length";
const WRONG_POLICY = "Confidently wrong answers about refunds";
const STALE_ARTICLES = "Help-centre articles go out of date";
const MISREAD_AMOUNTS = "Misread amounts on scanned invoices";

export const DEMO_SYSTEMS: DemoSystem[] = [
  {
    key: "support-assistant",
    name: "Support reply assistant",
    purpose:
      "Drafts replies to customer support tickets from our help-centre articles, for agents to send or edit.",
    expectedOutcome: "Cut average handling time per ticket by 30% without lowering customer satisfaction.",
    value: { amount: 420000, currency: "USD" },
    targetInDays: 45,
    startedDaysAgo: 200,
    leadershipOwner: MAYA,
    engineeringOwner: PRIYA,
    models: ["openai/gpt-4o-mini", "openai/text-embedding-3-small"],
    dataSources: ["Help-centre articles", "Ticket history (last 12 months)"],
    dependencies: ["Zendesk API", "Vector index on Postgres"],
    usersReached: "external",
    scaleNow: "2,400 tickets a day, 35 agents",
    scalePlanned: "9,000 tickets a day across three languages by Q3",
    risks: [
      {
        daysAgo: 160,
        proposedBy: PRIYA,
        fields: risk({
          title: WRONG_POLICY,
          class: "quality",
          failureMode: "The model states a refund rule that is not in any article, in a confident tone.",
          triggers: "Questions about edge cases: partial refunds, bundles, purchases older than 90 days.",
          dependencies: "Retrieval finding the right article; prompt instructions to refuse when unsure.",
          businessImpact:
            "Customers are promised refunds we do not give, or refused ones we owe: chargebacks and complaints.",
          impactAreas: ["money", "customers", "reputation"],
          likelihood: 3,
          impact: 4,
          costOfFailure: { low: 5000, high: 60000, currency: "USD" },
          revealingSignals: ["Agent edit rate on refund replies", "Refund-related reopen rate"],
        }),
        decisions: [
          {
            by: MAYA,
            daysAgo: 150,
            outcome: "mitigate",
            rationale:
              "Refund answers are where a wrong reply costs real money; we want a human on every one of them.",
            conditions: "Every reply that mentions refunds goes to an agent for approval.",
            reviewInDays: null,
          },
        ],
      },
      {
        daysAgo: 140,
        proposedBy: PRIYA,
        fields: risk({
          title: SPEND_RISK,
          class: "cost_variability",
          failureMode:
            "Long threads resend their whole history on every turn, so cost per ticket climbs without any error.",
          triggers: "Escalated tickets with 10+ messages; agents pasting long logs.",
          dependencies: "Provider pricing; our history truncation settings.",
          businessImpact: "The monthly bill creeps past budget while every dashboard stays green.",
          impactAreas: ["money"],
          growth: "quiet",
          growthDrivers: ["scale", "time"],
          likelihood: 4,
          impact: 3,
          costOfFailure: { low: 2000, high: 15000, currency: "USD" },
          revealingSignals: ["Cost per ticket", "Input tokens per request"],
        }),
        decisions: [
          {
            by: MAYA,
            daysAgo: 130,
            outcome: "accept",
            rationale: "At today's volume the extra spend is small next to the time agents save.",
            conditions: "Accepted while model spend stays under 5,500 USD a month.",
            reviewInDays: 120,
          },
        ],
      },
      {
        daysAgo: 40,
        proposedBy: PRIYA,
        fields: risk({
          title: STALE_ARTICLES,
          class: "data_quality",
          failureMode: "Replies quote articles that describe an old price list or retired product.",
          triggers: "Product launches and price changes that do not update the help centre the same day.",
          dependencies: "Content team's publishing process.",
          businessImpact:
            "Customers get outdated prices or steps; trust in the assistant drops among agents.",
          impactAreas: ["customers", "reputation"],
          growth: "quiet",
          growthDrivers: ["time", "data_drift"],
          likelihood: 3,
          impact: 4,
          revealingSignals: ["Article age at retrieval", "Agent edit rate"],
        }),
        decisions: [
          {
            by: MAYA,
            daysAgo: 20,
            outcome: "accept",
            rationale:
              "The content team commits to same-day updates from next month; until then agents catch most of it.",
            conditions: "Accepted while the agent edit rate stays under 25%.",
            reviewInDays: 45,
          },
        ],
      },
    ],
    safeguards: [
      {
        name: "Human approval for refund replies",
        kind: "prevent",
        status: "verified",
        description:
          "Any draft that mentions refunds, credits or chargebacks is held for an agent's approval.",
        owner: PRIYA,
        daysAgo: 145,
        risks: [WRONG_POLICY],
      },
      {
        name: "Cost-per-ticket monitor",
        kind: "detect",
        status: "live",
        description:
          "Daily cost per resolved ticket with an alert when the 7-day mean rises 20% over its 30-day baseline.",
        owner: PRIYA,
        daysAgo: 115,
        risks: [SPEND_RISK],
      },
      {
        name: "Provider spend cap",
        kind: "limit",
        status: "verified",
        description: "Hard monthly cap at the provider; traffic falls back to canned replies when hit.",
        owner: TOMAS,
        daysAgo: 112,
        risks: [SPEND_RISK],
      },
      {
        name: "Stale article detector",
        kind: "detect",
        status: "building",
        description: "Flags replies grounded in articles not updated since the last price change.",
        owner: PRIYA,
        daysAgo: 15,
        risks: [STALE_ARTICLES],
      },
    ],
    rounds: [
      {
        title: "Pre-launch",
        by: MAYA,
        daysAgo: 155,
        questions: [
          {
            askedBy: "leadership",
            category: "scale",
            answer: {
              by: PRIYA,
              body: "The provider's rate limit goes first: at about four times today's volume we would queue replies at peak hours. We watch 429 responses and queue depth.",
            },
            readBack: {
              by: MAYA,
              restatement:
                "If tickets quadruple, replies slow down at peak times because the provider caps us, and you can see it coming in the queue.",
              verdict: "understood",
              note: "",
            },
          },
          {
            askedBy: "leadership",
            category: "quiet_risk",
            answer: {
              by: PRIYA,
              body: "Cost per ticket creeping up as threads get longer, and answers drifting as articles age. Neither throws an error.",
            },
            readBack: {
              by: MAYA,
              restatement:
                "The bill and the answer quality can both slide without any alarm going off, so you want monitors for both.",
              verdict: "understood",
              note: "",
            },
          },
          {
            askedBy: "engineering",
            category: "trust",
            answer: {
              by: MAYA,
              body: "If agents rewrite more than a quarter of drafts, or if one customer gets a wrong refund promise that reaches social media.",
            },
            readBack: {
              by: PRIYA,
              restatement: "Trust breaks at an edit rate above 25%, or at a single public refund mistake.",
              verdict: "understood",
              note: "",
            },
          },
        ],
      },
      {
        title: "Q3 review",
        by: PRIYA,
        daysAgo: 30,
        questions: [
          {
            askedBy: "engineering",
            category: "speed",
            answer: {
              by: MAYA,
              body: "Before Black Friday, being on every product page matters more than perfect answers. Agents are the safety net.",
            },
            readBack: {
              by: PRIYA,
              restatement:
                "You want the assistant on all product pages by late November, even for product lines where we have no articles yet.",
              verdict: "disagree",
              note: "New product lines have no help-centre articles, so quality there is unknown, not acceptable. We propose launching only where articles exist.",
            },
          },
          {
            askedBy: "engineering",
            category: "acceptable_risk",
            answer: {
              by: MAYA,
              body: "Slightly higher spend during the holiday peak is fine. Wrong refund promises are not.",
            },
            readBack: {
              by: PRIYA,
              restatement:
                "Cost overruns in the peak are acceptable for now; refund mistakes are never acceptable.",
              verdict: "understood",
              note: "",
            },
          },
          {
            askedBy: "leadership",
            category: "cost",
            answer: {
              by: PRIYA,
              body: "Spend is predictable per ticket, but long escalations cost five times more. A surge of complex tickets could double the bill.",
            },
          },
          { askedBy: "leadership", category: "safeguards" },
        ],
      },
    ],
    statements: [
      {
        by: MAYA,
        daysAgo: 125,
        body: (risks, now) => ({
          kind: "go_faster",
          acceptedRiskIds: [risks.get(SPEND_RISK)!],
          acceptedRisksText: "",
          acceptedUntil: addDays(isoDate(now), -5),
          reason:
            "Agents are overloaded now; every week without the assistant costs us about 300 agent hours.",
        }),
      },
    ],
    production: SUPPORT_SIGNALS,
    stageMoves: [
      { to: "demo", by: PRIYA, daysAgo: 180, note: "Internal demo on last year's tickets." },
      { to: "pilot", by: PRIYA, daysAgo: 148, note: "Pilot with the billing team's 8 agents." },
      { to: "production", by: MAYA, daysAgo: 100, note: "All agents, English only." },
    ],
  },
  {
    key: "invoice-extraction",
    name: "Invoice field extraction",
    purpose:
      "Reads supplier invoices (PDF and scans) and fills amount, due date, VAT and supplier into the ledger for review.",
    expectedOutcome:
      "Two finance clerks spend their time on exceptions instead of typing; month-end close one day faster.",
    value: { amount: 150000, currency: "EUR" },
    targetInDays: 75,
    startedDaysAgo: 90,
    leadershipOwner: DANIEL,
    engineeringOwner: TOMAS,
    models: ["anthropic/claude-sonnet", "local OCR (Tesseract)"],
    dataSources: ["Supplier invoices mailbox", "Supplier master data"],
    dependencies: ["ERP import API"],
    usersReached: "internal",
    scaleNow: "600 invoices a month",
    scalePlanned: "4,000 invoices a month after the merger",
    risks: [
      {
        daysAgo: 35,
        proposedBy: TOMAS,
        fields: risk({
          title: MISREAD_AMOUNTS,
          class: "quality",
          failureMode:
            "OCR drops a digit or a decimal separator on low-quality scans and the model fills a wrong total.",
          triggers: "Faxed or photographed invoices; European decimal commas.",
          dependencies: "Scan quality from suppliers; OCR engine.",
          businessImpact:
            "We pay the wrong amount: overpayments are hard to recover, underpayments annoy key suppliers.",
          impactAreas: ["money", "customers"],
          likelihood: 3,
          impact: 5,
          costOfFailure: { low: 1000, high: 80000, currency: "EUR" },
          revealingSignals: ["Line-item sum vs total mismatches", "Clerk correction rate"],
        }),
        decisions: [],
      },
      {
        daysAgo: 60,
        proposedBy: TOMAS,
        fields: risk({
          title: "Model version retired by the provider",
          class: "vendor_dependency",
          failureMode:
            "The pinned model is retired with 60 days' notice; a newer one behaves differently on our prompts.",
          businessImpact:
            "A forced migration during month-end close could stall invoice processing for days.",
          impactAreas: ["time"],
          likelihood: 2,
          impact: 3,
        }),
        decisions: [
          {
            by: DANIEL,
            daysAgo: 55,
            outcome: "transfer",
            rationale:
              "Our enterprise agreement gives 12 months' notice on retirements; the provider carries this risk.",
            conditions: "",
            reviewInDays: 300,
          },
        ],
      },
    ],
    safeguards: [
      {
        name: "Totals cross-check",
        kind: "detect",
        status: "building",
        description: "Rejects any extraction whose line items do not add up to the total within one cent.",
        owner: TOMAS,
        daysAgo: 25,
        risks: [MISREAD_AMOUNTS],
      },
    ],
    rounds: [
      {
        title: "Scoping",
        by: DANIEL,
        daysAgo: 70,
        questions: [
          {
            askedBy: "leadership",
            category: "done",
            answer: {
              by: TOMAS,
              body: "95% of fields right on the first pass across last quarter's invoices, and every wrong total caught before payment.",
            },
            readBack: {
              by: DANIEL,
              restatement: "Done means 19 in 20 fields right, and no wrong total ever reaches a payment run.",
              verdict: "understood",
              note: "",
            },
          },
          {
            askedBy: "engineering",
            category: "data_quality",
            answer: {
              by: DANIEL,
              body: "Clerks can fix up to 10% of invoices by hand; beyond that it is cheaper to keep typing.",
            },
            readBack: {
              by: TOMAS,
              restatement:
                "If more than one invoice in ten needs a manual fix, the system does not pay for itself.",
              verdict: "understood",
              note: "",
            },
          },
        ],
      },
      {
        title: "Pilot kickoff",
        by: TOMAS,
        daysAgo: 40,
        questions: [
          {
            askedBy: "engineering",
            category: "cost",
            answer: {
              by: DANIEL,
              body: "Anything above 2,000 EUR a month needs my sign-off; tell me before, not after.",
            },
            readBack: {
              by: TOMAS,
              restatement:
                "The hard line is 2,000 EUR a month and Daniel wants a warning before we reach it.",
              verdict: "understood",
              note: "",
            },
          },
          {
            askedBy: "engineering",
            category: "acceptable_risk",
            answer: {
              by: DANIEL,
              body: "A late payment now and then is acceptable. Paying a wrong amount is not.",
            },
          },
          {
            askedBy: "leadership",
            category: "data_quality",
            answer: {
              by: TOMAS,
              body: "From one mailbox, scanned by suppliers. Bad scans give wrong digits; we cross-check totals against line items.",
            },
            readBack: {
              by: DANIEL,
              restatement: "Bad scans are the weak point, and the totals check is what catches them.",
              verdict: "needs_clarification",
              note: "What happens to invoices with no line items at all?",
            },
          },
        ],
      },
    ],
    statements: [
      {
        by: TOMAS,
        daysAgo: 10,
        body: () => ({
          kind: "not_ready",
          missingConditions: [
            "The totals cross-check is live on every invoice",
            "Leadership has decided on the misread-amounts risk",
            "Four weeks of pilot data with correction rate under 10%",
          ],
          riskIfShippedNow:
            "Without the cross-check, one misread total in a payment run could overpay a supplier by tens of thousands of euros.",
          note: "We can reach all three by the end of next month.",
        }),
      },
    ],
    production: INVOICE_SIGNALS,
    stageMoves: [
      { to: "demo", by: TOMAS, daysAgo: 80, note: "Demo on 50 sample invoices." },
      { to: "pilot", by: DANIEL, daysAgo: 50, note: "Pilot on invoices from the ten largest suppliers." },
    ],
  },
  {
    key: "sales-followups",
    name: "Sales follow-up drafts",
    purpose: "Writes the first draft of follow-up e-mails after sales calls from the call notes.",
    expectedOutcome: "Reps send follow-ups the same day; win rate on mid-size deals up 5 points.",
    value: { amount: 90000, currency: "USD" },
    targetInDays: 120,
    startedDaysAgo: 30,
    leadershipOwner: MAYA,
    engineeringOwner: PRIYA,
    models: ["openai/gpt-4o"],
    dataSources: ["CRM call notes"],
    dependencies: ["CRM API"],
    usersReached: "internal",
    scaleNow: "Demo with 3 reps",
    scalePlanned: "All 60 reps",
    risks: [
      {
        daysAgo: 20,
        proposedBy: PRIYA,
        fields: risk({
          title: "Drafts promise discounts we cannot honour",
          class: "reputational",
          failureMode:
            "The model turns 'we might consider' in call notes into a firm discount in the e-mail.",
          businessImpact: "Reps send promises that finance then refuses; deals and relationships sour.",
          impactAreas: ["money", "reputation"],
          likelihood: 3,
          impact: 3,
        }),
        decisions: [
          {
            by: MAYA,
            daysAgo: 12,
            outcome: "defer",
            rationale:
              "Only three reps use it and all read every draft; we will decide before any wider rollout.",
            conditions: "Reps keep reviewing every draft before sending.",
            reviewInDays: 60,
          },
        ],
      },
    ],
    safeguards: [],
    rounds: [
      {
        title: "Demo review",
        by: MAYA,
        daysAgo: 8,
        questions: [
          { askedBy: "leadership", category: "legal" },
          { askedBy: "leadership", category: "done" },
          { askedBy: "engineering", category: "done" },
        ],
      },
    ],
    statements: [],
    stageMoves: [{ to: "demo", by: PRIYA, daysAgo: 25, note: "Three reps try it on real calls." }],
  },
  {
    key: "contract-triage",
    name: "Contract clause triage",
    purpose:
      "Flags unusual liability and termination clauses in incoming customer contracts for the legal team.",
    expectedOutcome: "Legal reviews standard contracts in hours instead of days.",
    value: { amount: 60000, currency: "USD" },
    targetInDays: 180,
    startedDaysAgo: 14,
    leadershipOwner: DANIEL,
    engineeringOwner: TOMAS,
    models: [],
    dataSources: ["Signed contracts archive"],
    dependencies: [],
    usersReached: "internal",
    scaleNow: "Idea",
    scalePlanned: "300 contracts a quarter",
    risks: [
      {
        daysAgo: 10,
        proposedBy: TOMAS,
        fields: risk({
          title: "Client contracts sent to an outside model provider",
          class: "legal_compliance",
          failureMode:
            "Confidential client terms leave our infrastructure and may be retained by the provider.",
          businessImpact:
            "Breach of confidentiality clauses with our largest clients; possible regulatory exposure.",
          impactAreas: ["money", "reputation"],
          likelihood: 2,
          impact: 5,
        }),
        decisions: [
          {
            by: DANIEL,
            daysAgo: 6,
            outcome: "avoid",
            rationale:
              "No client contract leaves our infrastructure. Only a self-hosted model is acceptable here.",
            conditions: "",
            reviewInDays: null,
          },
        ],
      },
    ],
    safeguards: [],
    rounds: [],
    statements: [],
    stageMoves: [],
  },
  {
    key: "code-review-helper",
    name: "Code review helper",
    purpose: "Comments on pull requests with likely bugs and missing tests before a human reviewer looks.",
    expectedOutcome: "Reviewers spend less time on routine issues; time-to-merge down 20%.",
    value: { amount: 110000, currency: "USD" },
    targetInDays: 60,
    startedDaysAgo: 60,
    leadershipOwner: MAYA,
    engineeringOwner: TOMAS,
    models: ["anthropic/claude-sonnet"],
    dataSources: ["Pull request diffs"],
    dependencies: ["GitHub App"],
    usersReached: "internal",
    scaleNow: "2 teams, 150 pull requests a week",
    scalePlanned: "All 14 teams",
    risks: [
      {
        daysAgo: 40,
        proposedBy: TOMAS,
        fields: risk({
          title: "Secrets in diffs sent to the provider",
          class: "security",
          failureMode: "A diff containing an API key or password is sent in a prompt.",
          triggers: "Accidental commits of .env files; test fixtures with real keys.",
          businessImpact:
            "A leaked credential could expose customer data; we would have to notify customers.",
          impactAreas: ["customers", "reputation"],
          likelihood: 2,
          impact: 4,
        }),
        decisions: [
          {
            by: MAYA,
            daysAgo: 35,
            outcome: "mitigate",
            rationale: "Worth doing if secrets never leave: scan every diff first.",
            conditions: "No diff is sent without passing the secret scanner.",
            reviewInDays: null,
          },
        ],
      },
    ],
    safeguards: [
      {
        name: "Secret scanner before every prompt",
        kind: "prevent",
        status: "verified",
        description:
          "Diffs are scanned with the same rules as our pre-commit hook; any hit blocks the request.",
        owner: TOMAS,
        daysAgo: 33,
        risks: ["Secrets in diffs sent to the provider"],
      },
    ],
    rounds: [
      {
        title: "Pilot check-in",
        by: MAYA,
        daysAgo: 22,
        questions: [
          {
            askedBy: "leadership",
            category: "safeguards",
            answer: {
              by: TOMAS,
              body: "The secret scanner. It has blocked 14 requests in two weeks, each one a real key.",
            },
            readBack: {
              by: MAYA,
              restatement:
                "The scanner has already stopped 14 real keys from leaving; that is what makes this safe.",
              verdict: "understood",
              note: "",
            },
          },
          {
            askedBy: "engineering",
            category: "trust",
            answer: {
              by: MAYA,
              body: "If senior engineers start ignoring its comments, it is noise and we turn it off.",
            },
            readBack: {
              by: TOMAS,
              restatement:
                "Trust is lost when seniors dismiss most comments; we should track the dismissal rate.",
              verdict: "understood",
              note: "",
            },
          },
        ],
      },
    ],
    statements: [],
    stageMoves: [
      { to: "demo", by: TOMAS, daysAgo: 50, note: "" },
      { to: "pilot", by: MAYA, daysAgo: 18, note: "Two teams for six weeks." },
    ],
  },
  {
    key: "churn-early-warning",
    name: "Churn early warning",
    purpose: "Predicted which accounts were likely to cancel from usage patterns, for account managers.",
    expectedOutcome: "Save 10% of at-risk revenue through earlier outreach.",
    value: { amount: 200000, currency: "USD" },
    targetInDays: -30,
    startedDaysAgo: 240,
    leadershipOwner: DANIEL,
    engineeringOwner: PRIYA,
    models: ["in-house gradient boosting"],
    dataSources: ["Product usage events", "Billing history"],
    dependencies: ["Data warehouse"],
    usersReached: "internal",
    scaleNow: "Retired",
    scalePlanned: "",
    risks: [],
    safeguards: [],
    rounds: [],
    statements: [],
    stageMoves: [
      { to: "demo", by: PRIYA, daysAgo: 220, note: "" },
      {
        to: "retired",
        by: DANIEL,
        daysAgo: 60,
        note: "Account managers did not act on the scores; replaced by a simple usage-drop report.",
      },
    ],
  },
];
