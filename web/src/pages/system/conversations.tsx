// Conversation rounds of one system: the list, and starting a new round from the question bank.
import { useMemo, useState, type FormEvent } from "react";
import type { Question, QuestionCategory, RoundSummary, Side } from "../../../../src/contract/index.js";
import { api } from "../../api/endpoints.js";
import { AlignmentMeter } from "../../components/alignment-meter.js";
import { SideBadge } from "../../components/chips.js";
import { SelectField, TextArea, TextField } from "../../components/fields.js";
import { FormError, SubmitButton, useSubmission } from "../../components/form.js";
import { TermHelp } from "../../components/glossary.js";
import { ReviewCadenceCard } from "../../components/review-cadence.js";
import { EmptyState, ResourceView } from "../../components/states.js";
import { formatDate, todayIso } from "../../lib/format.js";
import { CATEGORIES, CATEGORY_LABEL, SIDES, SIDE_LABEL, otherSide } from "../../lib/labels.js";
import { Link, navigate } from "../../lib/router.js";
import { useMe } from "../../lib/session.js";
import { useResource } from "../../lib/use-resource.js";
import { useSystem } from "./context.js";

function RoundCard({ round, previous }: { round: RoundSummary; previous: RoundSummary | undefined }) {
  const { base } = useSystem();
  const link = `${base}/rounds/${encodeURIComponent(round.id)}`;
  return (
    <li className="round-card">
      <div className="round-card-main">
        <h3 className="round-title">
          <Link to={link}>{round.title}</Link>
        </h3>
        <p className="muted small">
          Held {formatDate(round.heldOn)} · started by {round.createdBy.name}
        </p>
      </div>
      <AlignmentMeter readBack={round.aligned} asked={round.asked} disagreements={round.disagreements} />
      <p className="small round-counts">
        {round.answered} of {round.asked} answered
      </p>
      <div className="round-actions">
        <Link to={link} className="button button-secondary button-small">
          Open<span className="visually-hidden"> {round.title}</span>
        </Link>
        {previous && (
          <Link to={`${link}/compare`} className="button button-ghost button-small">
            What changed since “{previous.title}”
          </Link>
        )}
      </div>
    </li>
  );
}

export function ConversationsTab() {
  const { system, base } = useSystem();
  const rounds = useResource(`rounds:${system.id}`, (signal) => api.rounds(system.key, { signal }));
  return (
    <section aria-labelledby="rounds-title">
      <div className="section-head">
        <h2 id="rounds-title">
          Conversation rounds <TermHelp id="round" />
        </h2>
        <Link to={`${base}/conversations/new`} className="button button-primary">
          Start a round
        </Link>
      </div>
      <p className="muted">
        One side asks, the other answers, and the asking side reads the answer back in its own words. A
        question is aligned once it is read back — whether or not the sides agree. <TermHelp id="read-back" />
      </p>
      <ReviewCadenceCard systemKey={system.key} systemId={system.id} />
      <ResourceView resource={rounds} label="rounds">
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState
              title="No conversation rounds yet"
              action={
                <Link to={`${base}/conversations/new`} className="button button-primary">
                  Start the first round
                </Link>
              }
            >
              <p>
                Start with the bank's questions: what breaks first at scale, which risks are acceptable right
                now.
              </p>
            </EmptyState>
          ) : (
            <ol className="round-list">
              {data.items.map((round, i) => (
                <RoundCard key={round.id} round={round} previous={data.items[i + 1]} />
              ))}
            </ol>
          )
        }
      </ResourceView>
    </section>
  );
}

interface CustomDraft {
  text: string;
  askedBy: Side;
  category: QuestionCategory;
  saveToBank: boolean;
}

/** Question bank checkboxes grouped by who asks, plus custom questions. Shared with "add questions". */
export function QuestionPicker({
  selected,
  onSelected,
  custom,
  onCustom,
  exclude = [],
}: {
  selected: string[];
  onSelected: (ids: string[]) => void;
  custom: CustomDraft[];
  onCustom: (drafts: CustomDraft[]) => void;
  exclude?: string[];
}) {
  const me = useMe();
  const bank = useResource("questions", (signal) => api.questions(undefined, { signal }));
  const toggle = (id: string, on: boolean) =>
    onSelected(on ? [...selected, id] : selected.filter((x) => x !== id));
  const update = (index: number, patch: Partial<CustomDraft>) =>
    onCustom(custom.map((d, i) => (i === index ? { ...d, ...patch } : d)));

  return (
    <>
      <ResourceView resource={bank} label="the question bank">
        {(data) => {
          const available = data.items.filter((q) => !q.archived && !exclude.includes(q.id));
          const bySide = (side: Side): Question[] => available.filter((q) => q.askedBy === side);
          // The asking side's questions first: what I want to know comes before what they want to know.
          const order: Side[] = [me.side, otherSide(me.side)];
          return (
            <div className="bank">
              {order.map((side) => (
                <fieldset key={side} className="choice-group bank-group">
                  <legend className="field-label">
                    <SideBadge side={side} /> asks {SIDE_LABEL[otherSide(side)].toLowerCase()}
                  </legend>
                  {bySide(side).length === 0 && (
                    <p className="muted">No questions in the bank for this side.</p>
                  )}
                  <div className="choice-options">
                    {bySide(side).map((q) => (
                      <label
                        key={q.id}
                        className={`choice${selected.includes(q.id) ? " choice-selected" : ""}`}
                      >
                        <input
                          type="checkbox"
                          checked={selected.includes(q.id)}
                          onChange={(e) => toggle(q.id, e.target.checked)}
                        />
                        <span className="choice-text">
                          <span className="choice-label">{q.text}</span>
                          <span className="choice-hint">{CATEGORY_LABEL[q.category]}</span>
                        </span>
                      </label>
                    ))}
                  </div>
                </fieldset>
              ))}
            </div>
          );
        }}
      </ResourceView>
      <fieldset className="choice-group">
        <legend className="field-label">Your own questions</legend>
        {custom.map((draft, index) => (
          <div key={index} className="custom-question">
            <TextArea
              label={`Question ${index + 1}`}
              rows={2}
              value={draft.text}
              onChange={(e) => update(index, { text: e.target.value })}
            />
            <div className="inline-fields">
              <SelectField
                label="Who asks"
                value={draft.askedBy}
                onChange={(e) => update(index, { askedBy: e.target.value as Side })}
                options={SIDES.map((s) => ({
                  value: s,
                  label: `${SIDE_LABEL[s]} asks ${SIDE_LABEL[otherSide(s)].toLowerCase()}`,
                }))}
              />
              <SelectField
                label="Topic"
                value={draft.category}
                onChange={(e) => update(index, { category: e.target.value as QuestionCategory })}
                options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABEL[c] }))}
              />
              <label className="checkbox-inline">
                <input
                  type="checkbox"
                  checked={draft.saveToBank}
                  onChange={(e) => update(index, { saveToBank: e.target.checked })}
                />{" "}
                Also save to the bank
              </label>
              <button
                type="button"
                className="button button-ghost button-small"
                onClick={() => onCustom(custom.filter((_, i) => i !== index))}
              >
                Remove<span className="visually-hidden"> question {index + 1}</span>
              </button>
            </div>
          </div>
        ))}
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() =>
            onCustom([...custom, { text: "", askedBy: me.side, category: "other", saveToBank: false }])
          }
        >
          Write a new question
        </button>
      </fieldset>
    </>
  );
}

export function customPayload(custom: CustomDraft[]) {
  return custom.filter((d) => d.text.trim()).map((d) => ({ ...d, text: d.text.trim() }));
}

export function NewRoundPage() {
  const { system, base } = useSystem();
  const [title, setTitle] = useState("");
  const [heldOn, setHeldOn] = useState(todayIso());
  const [selected, setSelected] = useState<string[]>([]);
  const [custom, setCustom] = useState<CustomDraft[]>([]);
  const submission = useSubmission();
  const count = useMemo(() => selected.length + customPayload(custom).length, [selected, custom]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await submission.run(async () => {
      if (count === 0) throw new Error("Pick at least one question from the bank or write one.");
      const round = await api.createRound(system.key, {
        title,
        heldOn,
        questionIds: selected,
        customQuestions: customPayload(custom),
      });
      navigate(`${base}/rounds/${encodeURIComponent(round.id)}`);
    });
  }

  return (
    <section aria-labelledby="new-round-title" className="card">
      <h2 id="new-round-title">Start a conversation round</h2>
      <p className="muted">
        Pick the questions that matter for this system now. Each side answers the other's questions; then the
        asking side reads every answer back.
      </p>
      <form className="form form-wide" onSubmit={submit}>
        <div className="inline-fields">
          <TextField
            label="Round title"
            hint="For example “pre-launch” or “Q3 review”."
            required
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            error={submission.fieldError("title")}
          />
          <TextField label="Held on" type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
        </div>
        <QuestionPicker selected={selected} onSelected={setSelected} custom={custom} onCustom={setCustom} />
        <FormError submission={submission} />
        <div className="form-actions">
          <SubmitButton submission={submission} busyText="Starting…">
            Start the round with {count} {count === 1 ? "question" : "questions"}
          </SubmitButton>
          <Link to={`${base}/conversations`} className="button button-ghost">
            Cancel
          </Link>
        </div>
      </form>
    </section>
  );
}
