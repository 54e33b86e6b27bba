import { describe, expect, it } from "vitest";
import {
  acceptanceText,
  digestMessage,
  limitStateText,
  slackEscape,
  slackMessage,
  webhookBody,
} from "./messages.js";

const event = {
  id: "e1",
  kind: "limit_breached" as const,
  title: "Bot: trust limit <b>x</b> & y breached",
  body: "Value 0.2",
  link: "/systems/bot/signals",
  severity: "critical" as const,
  occurredAt: "2026-11-28T10:00:00.000Z",
  systemKey: "bot",
};

describe("notification messages", () => {
  it("escape Slack control characters so user text cannot make links or mentions", () => {
    expect(slackEscape("<!channel> & <http://evil|click>")).toBe(
      "&lt;!channel&gt; &amp; &lt;http://evil|click&gt;",
    );
    const message = slackMessage(event, "https://parley.example.com");
    expect(message.text).not.toContain("<b>");
    expect(JSON.stringify(message.blocks)).toContain(
      "<https://parley.example.com/systems/bot/signals|Open in Parley>",
    );
  });

  it("give webhooks a stable id, the type and an absolute link", () => {
    const body = JSON.parse(webhookBody(event, "d1", "https://p.example", { value: 0.2 }));
    expect(body).toMatchObject({
      id: "d1",
      type: "limit_breached",
      system: "bot",
      url: "https://p.example/systems/bot/signals",
    });
  });

  it("say what happened and what to do, in words", () => {
    const breached = limitStateText({
      target: "limit",
      state: "breached",
      systemName: "Claims triage",
      name: "Manual work",
      value: 0.183,
      unit: "",
      forecastAt: null,
    });
    expect(breached.title).toBe('Claims triage: trust limit "Manual work" breached');
    expect(breached.severity).toBe("critical");
    const due = acceptanceText({
      systemName: "Bot",
      riskTitle: "Abuse",
      reviewBy: "2026-12-01",
      expired: false,
      daysLeft: 1,
    });
    expect(due.body).toContain("1 day.");
    const digest = digestMessage([event, event], "2026-11-16", "2026-11-23", "https://p");
    expect(digest.subject).toContain("2 things");
  });
});
