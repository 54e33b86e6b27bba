import type { QuestionCategory, Side } from "../contract/enums.js";

export interface StarterQuestion {
  text: string;
  askedBy: Side;
  category: QuestionCategory;
}

/**
 * The questions every workspace starts with. Each is phrased so the answering side has to speak
 * in the asking side's terms: engineering answers in outcomes and money, leadership answers in
 * limits and dates that engineering can turn into alarms.
 */
export const STARTER_QUESTIONS: readonly StarterQuestion[] = [
  // Leadership asks engineering.
  {
    askedBy: "leadership",
    category: "scale",
    text: "If usage grew ten times next quarter, what would give way first, and how would we find out?",
  },
  {
    askedBy: "leadership",
    category: "quiet_risk",
    text: "Which risks get worse slowly, without any error or outage to warn us?",
  },
  {
    askedBy: "leadership",
    category: "safeguards",
    text: "Which of your safeguards stand between us and our most expensive failure, and what has each one caught so far?",
  },
  {
    askedBy: "leadership",
    category: "cost",
    text: "How predictable is the monthly cost, and what could make next month's bill double?",
  },
  {
    askedBy: "leadership",
    category: "data_quality",
    text: "Where does the input data come from, and what happens to answers when that data is stale or wrong?",
  },
  {
    askedBy: "leadership",
    category: "legal",
    text: "What could this system say or do that would expose us legally or with a regulator?",
  },
  {
    askedBy: "leadership",
    category: "done",
    text: "What has to be true, in numbers, before you would call this system done for its next stage?",
  },
  {
    askedBy: "leadership",
    category: "quiet_risk",
    text: "How would we know that answer quality has dropped, before customers or staff tell us?",
  },
  // Engineering asks leadership.
  {
    askedBy: "engineering",
    category: "speed",
    text: "Where does shipping sooner matter more to you than predictable behaviour, and where does it not?",
  },
  {
    askedBy: "engineering",
    category: "acceptable_risk",
    text: "Which of the risks we have listed are you willing to carry right now, and until when?",
  },
  {
    askedBy: "engineering",
    category: "trust",
    text: "What would you have to see, in numbers, to stop trusting this system?",
  },
  {
    askedBy: "engineering",
    category: "cost",
    text: "What monthly spend would be a problem, and who should hear about it first?",
  },
  {
    askedBy: "engineering",
    category: "done",
    text: "What outcome, measured how, would make this system a success in your eyes?",
  },
  {
    askedBy: "engineering",
    category: "data_quality",
    text: "How much manual correction by staff is acceptable before the system no longer pays for itself?",
  },
  {
    askedBy: "engineering",
    category: "legal",
    text: "Which customer data are we allowed to send to an outside model provider, and who signs that off?",
  },
  {
    askedBy: "engineering",
    category: "acceptable_risk",
    text: "If the system is wrong for one customer in a hundred, is that acceptable, and for which kinds of request?",
  },
];
