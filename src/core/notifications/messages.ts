import type { EventKind, NotificationEvent, Severity } from "../../contract/notifications.js";

/** The words of a notification, built once when the event is recorded. */
export interface EventText {
  title: string;
  body: string;
  severity: Severity;
}

const KIND_LABELS: Record<EventKind, string> = {
  limit_at_risk: "Trust limit at risk",
  limit_breached: "Trust limit breached",
  budget_at_risk: "Risk budget burning fast",
  budget_breached: "Risk budget spent",
  finding_raised: "Quiet change found",
  acceptance_review_due: "Accepted risk due for review",
  acceptance_expired: "Risk acceptance expired",
  answer_awaited: "A question waits for an answer",
  read_back_awaited: "An answer waits for a read-back",
  review_round_due: "A review round is due",
};

export function kindLabel(kind: EventKind): string {
  return KIND_LABELS[kind];
}

function formatValue(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return "no value";
  const rounded =
    Math.abs(value) >= 100 ? Math.round(value).toLocaleString("en-US") : String(Number(value.toPrecision(3)));
  return unit ? `${rounded} ${unit}` : rounded;
}

export function limitStateText(input: {
  target: "limit" | "budget";
  state: "at_risk" | "breached";
  systemName: string;
  name: string;
  value: number | null;
  unit: string;
  forecastAt: string | null;
}): EventText {
  const what = input.target === "limit" ? "trust limit" : "risk budget";
  if (input.state === "breached") {
    return {
      title: `${input.systemName}: ${what} "${input.name}" ${input.target === "limit" ? "breached" : "spent"}`,
      body:
        input.target === "limit"
          ? `The value is now ${formatValue(input.value, input.unit)}, past the limit leadership set. Whoever accepted this risk should decide what happens next.`
          : `The budget is used up (${formatValue(input.value, input.unit)}). Leadership's risk budget for this period no longer covers what is happening.`,
      severity: "critical",
    };
  }
  const forecast = input.forecastAt
    ? ` At the current trend it is crossed around ${input.forecastAt.slice(0, 10)}.`
    : "";
  return {
    title: `${input.systemName}: ${what} "${input.name}" at risk`,
    body:
      (input.target === "limit"
        ? `The value is ${formatValue(input.value, input.unit)}, close to the limit.`
        : `The budget is burning faster than the period allows (${formatValue(input.value, input.unit)} used).`) +
      forecast,
    severity: "warning",
  };
}

export function findingText(input: {
  systemName: string;
  summary: string;
  confidenceLabel: string;
}): EventText {
  return {
    title: `${input.systemName}: quiet change found`,
    body: `${input.summary} (${input.confidenceLabel}). Triage it as expected, investigating or resolved.`,
    severity: "warning",
  };
}

export function acceptanceText(input: {
  systemName: string;
  riskTitle: string;
  reviewBy: string;
  expired: boolean;
  daysLeft: number;
}): EventText {
  return input.expired
    ? {
        title: `${input.systemName}: acceptance of "${input.riskTitle}" expired`,
        body: `Leadership accepted this risk until ${input.reviewBy}. It is undecided again until someone with the authority decides it anew.`,
        severity: "critical",
      }
    : {
        title: `${input.systemName}: "${input.riskTitle}" is due for review by ${input.reviewBy}`,
        body: `The acceptance ends in ${input.daysLeft} day${input.daysLeft === 1 ? "" : "s"}. Review it with engineering and renew, change or withdraw it before then.`,
        severity: "warning",
      };
}

export function conversationText(input: {
  systemName: string;
  roundTitle: string;
  question: string;
  waitingFor: "answer" | "read_back";
  side: string;
  days: number;
}): EventText {
  const since =
    input.days >= 1 ? ` for ${Math.floor(input.days)} day${Math.floor(input.days) === 1 ? "" : "s"}` : "";
  return input.waitingFor === "answer"
    ? {
        title: `${input.systemName}: a question waits for ${input.side}'s answer`,
        body: `"${input.question}" (round "${input.roundTitle}") has had no answer${since}.`,
        severity: "info",
      }
    : {
        title: `${input.systemName}: an answer waits for ${input.side}'s read-back`,
        body: `The answer to "${input.question}" (round "${input.roundTitle}") has not been read back${since}. Alignment counts only once it is.`,
        severity: "info",
      };
}

export function reviewRoundText(input: {
  systemName: string;
  everyDays: number;
  lastRoundOn: string | null;
}): EventText {
  return {
    title: `${input.systemName}: a review round is due`,
    body: input.lastRoundOn
      ? `The agreed cadence is a conversation round every ${input.everyDays} days; the last was on ${input.lastRoundOn}.`
      : `The agreed cadence is a conversation round every ${input.everyDays} days, and none has been held yet.`,
    severity: "info",
  };
}

type Ev = Pick<
  NotificationEvent,
  "id" | "kind" | "title" | "body" | "link" | "severity" | "occurredAt" | "systemKey"
>;

const SEVERITY_MARK: Record<Severity, string> = { info: "ℹ️", warning: "⚠️", critical: "🛑" };

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A Slack-compatible incoming-webhook message (text fallback plus a block with a link). */
export function slackMessage(event: Ev, baseUrl: string): { text: string; blocks: unknown[] } {
  const url = `${baseUrl}${event.link}`;
  const text = `${SEVERITY_MARK[event.severity]} ${event.title}`;
  return {
    text: slackEscape(text),
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `*${slackEscape(event.title)}*\n${slackEscape(event.body)}\n<${url}|Open in Parley>`,
        },
      },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `${kindLabel(event.kind)} · ${event.occurredAt.slice(0, 16).replace("T", " ")} UTC`,
          },
        ],
      },
    ],
  };
}

/** The generic webhook body. `id` is the idempotency key: the same delivery always has the same id. */
export function webhookBody(event: Ev, deliveryId: string, baseUrl: string, data: unknown): string {
  return JSON.stringify({
    id: deliveryId,
    type: event.kind,
    eventId: event.id,
    occurredAt: event.occurredAt,
    severity: event.severity,
    system: event.systemKey,
    title: event.title,
    text: event.body,
    url: `${baseUrl}${event.link}`,
    data,
  });
}

export function emailMessage(event: Ev, baseUrl: string): { subject: string; text: string } {
  return {
    subject: `[Parley] ${event.title}`,
    text: `${event.body}\n\nOpen in Parley: ${baseUrl}${event.link}\n\n— ${kindLabel(event.kind)}, ${event.occurredAt.slice(0, 16).replace("T", " ")} UTC.\nChange what you receive: ${baseUrl}/notifications`,
  };
}

export function digestMessage(
  events: readonly Ev[],
  from: string,
  to: string,
  baseUrl: string,
): { subject: string; text: string } {
  const lines = events.map((e) => `• ${e.title}\n  ${e.body}\n  ${baseUrl}${e.link}`);
  return {
    subject: `[Parley] Weekly digest: ${events.length} thing${events.length === 1 ? "" : "s"} to look at (${from} to ${to})`,
    text: `What happened on the AI systems you own or decided on, ${from} to ${to}:\n\n${lines.join("\n\n")}\n\nChange what you receive: ${baseUrl}/notifications`,
  };
}
