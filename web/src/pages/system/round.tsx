// One round: every question with its answers and read-backs, and the next step for whoever's turn it is.
import { useState, type FormEvent } from "react";
import type { Answer, Ask, ReadBack, Round } from "../../../../src/contract/index.js";
import { api } from "../../api/endpoints.js";
import { AlignmentMeter } from "../../components/alignment-meter.js";
import { Chip, SideBadge, type Tone } from "../../components/chips.js";
import { FormError, SubmitButton, useSubmission } from "../../components/form.js";
import { TermHelp } from "../../components/glossary.js";
import { ResourceView } from "../../components/states.js";
import { formatDate, formatDateTime } from "../../lib/format.js";
import { ASK_STATE_LABEL, CATEGORY_LABEL, SIDE_LABEL, VERDICT_LABEL, otherSide } from "../../lib/labels.js";
import { Link } from "../../lib/router.js";
import { useMe } from "../../lib/session.js";
import { useResource } from "../../lib/use-resource.js";
import { customPayload, QuestionPicker } from "./conversations.js";
import { useSystem } from "./context.js";
import { AnswerForm, ReadBackForm } from "./round-forms.js";

const STATE_TONE: Record<Ask["state"], Tone> = {
  awaiting_answer: "neutral",
  awaiting_read_back: "neutral",
  understood: "ok",
  needs_clarification: "warn",
  disagree: "calm",
};
const STATE_ICON: Record<Ask["state"], string> = {
  awaiting_answer: "…",
  awaiting_read_back: "↩",
  understood: "✓",
  needs_clarification: "?",
  disagree: "⇄",
};

function ReadBackView({ readBack }: { readBack: ReadBack }) {
  const tone =
    readBack.verdict === "disagree" ? "disagree" : readBack.verdict === "understood" ? "ok" : "warn";
  return (
    <div className={`readback readback-${tone}`}>
      <p className="readback-head">
        <strong>Read back by {readBack.readBy.name}</strong>{" "}
        <Chip tone={STATE_TONE[readBack.verdict]} icon={STATE_ICON[readBack.verdict]}>
          {VERDICT_LABEL[readBack.verdict]}
        </Chip>{" "}
        <span className="muted small">{formatDateTime(readBack.createdAt)}</span>
      </p>
      <blockquote className="readback-text">“{readBack.restatement}”</blockquote>
      {readBack.note && (
        <p>
          <span className="muted">{readBack.verdict === "disagree" ? "Where we differ: " : "Note: "}</span>
          {readBack.note}
        </p>
      )}
      {readBack.verdict === "disagree" && (
        <p className="small muted">
          A disagreement is a legitimate outcome: both sides understand each other, and the trade-off is on
          record. <TermHelp id="disagreement" />
        </p>
      )}
    </div>
  );
}

function AnswerView({
  answer,
  readBacks,
  category,
}: {
  answer: Answer;
  readBacks: ReadBack[];
  category: Ask["category"];
}) {
  const { base } = useSystem();
  const me = useMe();
  // Leadership's answer to "what would make you stop trusting it" becomes a trust limit in one step.
  const trustAnswer = category === "trust" && answer.answeredBy.side === "leadership";
  return (
    <li className="answer">
      <p className="answer-head">
        <SideBadge side={answer.answeredBy.side}>{answer.answeredBy.name}</SideBadge>{" "}
        <span className="muted small">answered {formatDateTime(answer.createdAt)}</span>
      </p>
      <p className="answer-body">{answer.body}</p>
      <p className="answer-actions small">
        <Link to={`${base}/risks/new?answer=${encodeURIComponent(answer.id)}`}>
          Propose a risk from this answer
        </Link>
        {trustAnswer && (
          <>
            {" · "}
            <Link
              to={`${base}/signals/limits/new?answer=${encodeURIComponent(answer.id)}`}
              className={me.side === "leadership" ? "strong-link" : undefined}
            >
              Set a trust limit from this answer
            </Link>
          </>
        )}
      </p>
      {readBacks.map((r) => (
        <ReadBackView key={r.id} readBack={r} />
      ))}
    </li>
  );
}

function NextStep({ ask, onChange }: { ask: Ask; onChange: (ask: Ask) => void }) {
  const me = useMe();
  const answerer = otherSide(ask.askedBy);
  const mine = me.side === ask.askedBy;
  switch (ask.state) {
    case "awaiting_answer":
    case "needs_clarification":
      return me.side === answerer ? (
        <AnswerForm ask={ask} onDone={onChange} />
      ) : (
        <p className="waiting">
          Waiting for {SIDE_LABEL[answerer].toLowerCase()} to {ask.answers.length ? "answer again" : "answer"}
          . Only the side that was asked answers.
        </p>
      );
    case "awaiting_read_back":
      return mine ? (
        <ReadBackForm ask={ask} onDone={onChange} />
      ) : (
        <p className="waiting">
          Waiting for {SIDE_LABEL[ask.askedBy].toLowerCase()} to read your answer back in their own words.
        </p>
      );
    default:
      return null;
  }
}

function AskCard({ ask, index, onChange }: { ask: Ask; index: number; onChange: (ask: Ask) => void }) {
  return (
    <li className={`ask ask-${ask.state}`} id={`ask-${ask.id}`}>
      <article aria-labelledby={`ask-${ask.id}-q`}>
        <header className="ask-head">
          <p className="ask-meta">
            <span className="ask-number">Question {index + 1}</span>
            <SideBadge side={ask.askedBy}>
              {SIDE_LABEL[ask.askedBy]} asks {SIDE_LABEL[otherSide(ask.askedBy)].toLowerCase()}
            </SideBadge>
            <span className="muted small">{CATEGORY_LABEL[ask.category]}</span>
          </p>
          <Chip tone={STATE_TONE[ask.state]} icon={STATE_ICON[ask.state]}>
            {ASK_STATE_LABEL[ask.state]}
          </Chip>
        </header>
        <h3 id={`ask-${ask.id}-q`} className="ask-question">
          {ask.text}
        </h3>
        {ask.answers.length > 0 && (
          <ol className="answers" aria-label="Answers">
            {ask.answers.map((a) => (
              <AnswerView
                key={a.id}
                answer={a}
                category={ask.category}
                readBacks={ask.readBacks.filter((r) => r.answerId === a.id)}
              />
            ))}
          </ol>
        )}
        <NextStep ask={ask} onChange={onChange} />
      </article>
    </li>
  );
}

function AddQuestions({ round, onAdded }: { round: Round; onAdded: (round: Round) => void }) {
  const [selected, setSelected] = useState<string[]>([]);
  const [custom, setCustom] = useState<Parameters<typeof customPayload>[0]>([]);
  const submission = useSubmission();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await submission.run(async () => {
      onAdded(await api.addAsks(round.id, { questionIds: selected, customQuestions: customPayload(custom) }));
    });
    if (ok) {
      setSelected([]);
      setCustom([]);
    }
  }
  return (
    <details className="disclosure card">
      <summary>Add questions to this round</summary>
      <form className="form form-wide" onSubmit={submit}>
        <QuestionPicker
          selected={selected}
          onSelected={setSelected}
          custom={custom}
          onCustom={setCustom}
          exclude={round.asks.map((a) => a.questionId ?? "")}
        />
        <FormError submission={submission} />
        <SubmitButton submission={submission} disabled={selected.length + customPayload(custom).length === 0}>
          Add the questions
        </SubmitButton>
      </form>
    </details>
  );
}

function RoundView({ initial }: { initial: Round }) {
  const { base } = useSystem();
  const [round, setRound] = useState(initial);
  const me = useMe();
  const replaceAsk = (ask: Ask) => {
    setRound((r) => {
      const asks = r.asks.map((a) => (a.id === ask.id ? ask : a));
      return {
        ...r,
        asks,
        answered: asks.filter((a) => a.answers.length > 0).length,
        aligned: asks.filter((a) => a.aligned).length,
        disagreements: asks.filter((a) => a.state === "disagree").length,
      };
    });
  };
  const myTurn = round.asks.filter(
    (a) =>
      (a.askedBy !== me.side && (a.state === "awaiting_answer" || a.state === "needs_clarification")) ||
      (a.askedBy === me.side && a.state === "awaiting_read_back"),
  ).length;

  return (
    <section aria-labelledby="round-title">
      <p className="breadcrumb-inline">
        <Link to={`${base}/conversations`}>All rounds</Link>
      </p>
      <div className="section-head">
        <div>
          <h2 id="round-title">{round.title}</h2>
          <p className="muted">
            Held {formatDate(round.heldOn)} · started by {round.createdBy.name}
          </p>
        </div>
        <Link
          to={`${base}/rounds/${encodeURIComponent(round.id)}/compare`}
          className="button button-secondary"
        >
          Compare with the previous round
        </Link>
      </div>
      <div className="round-summary card">
        <AlignmentMeter readBack={round.aligned} asked={round.asked} disagreements={round.disagreements} />
        <p>
          {myTurn > 0 ? (
            <strong>
              {myTurn === 1 ? "One question waits" : `${myTurn} questions wait`} for you (
              {SIDE_LABEL[me.side]}).
            </strong>
          ) : (
            <span>Nothing waits for you right now.</span>
          )}{" "}
          <TermHelp id="alignment" />
        </p>
      </div>
      <ol className="asks">
        {round.asks.map((ask, i) => (
          <AskCard key={ask.id} ask={ask} index={i} onChange={replaceAsk} />
        ))}
      </ol>
      <AddQuestions round={round} onAdded={setRound} />
    </section>
  );
}

export function RoundPage({ roundId }: { roundId: string }) {
  const round = useResource(`round:${roundId}`, (signal) => api.round(roundId, { signal }));
  return (
    <ResourceView resource={round} label="the round">
      {(data) => <RoundView key={data.id} initial={data} />}
    </ResourceView>
  );
}
