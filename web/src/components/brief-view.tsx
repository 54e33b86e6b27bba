// A brief on screen: what the server writes for leadership or engineering, laid out to be read in a
// few minutes. Sections open with a headline a reader can stop at; quotes look like quotes.
import type {
  Brief,
  BriefChart,
  BriefItem,
  BriefSection,
  Tone as BriefTone,
} from "../../../src/contract/briefs.js";
import { formatDate, formatDateTime } from "../lib/format.js";
import { STAGE_LABEL, VERDICT_LABEL } from "../lib/labels.js";
import { Link } from "../lib/router.js";
import { LimitBars, MiniLines, RangeBars, SpendBars } from "./charts/bars.js";
import { Chip, type Tone } from "./chips.js";

export const BRIEF_TONE: Record<BriefTone, { label: string; tone: Tone; icon: string }> = {
  good: { label: "Good", tone: "ok", icon: "✓" },
  warn: { label: "Watch", tone: "warn", icon: "▲" },
  bad: { label: "Act now", tone: "danger", icon: "!" },
  neutral: { label: "For the record", tone: "neutral", icon: "•" },
};

export function ToneChip({ tone }: { tone: BriefTone }) {
  const t = BRIEF_TONE[tone];
  return (
    <Chip tone={t.tone} icon={t.icon}>
      {t.label}
    </Chip>
  );
}

function verdictLabel(verdict: string): string {
  return verdict in VERDICT_LABEL ? VERDICT_LABEL[verdict as keyof typeof VERDICT_LABEL] : verdict;
}

function Quote({ quote }: { quote: NonNullable<BriefItem["quote"]> }) {
  return (
    <figure className="brief-quote">
      <p className="brief-quote-question">
        <span className="visually-hidden">Question: </span>“{quote.question}”
      </p>
      <blockquote className="brief-quote-text">
        <p>“{quote.text}”</p>
      </blockquote>
      <figcaption className="brief-quote-by">
        — {quote.by}, {formatDate(quote.on)}
      </figcaption>
      {quote.readBack && (
        <div className="brief-readback">
          <p className="small">
            <strong>Read back by {quote.readBack.by}</strong> · {verdictLabel(quote.readBack.verdict)}
          </p>
          <p className="brief-readback-text">“{quote.readBack.restatement}”</p>
          {quote.readBack.note && <p className="small muted">Note: {quote.readBack.note}</p>}
        </div>
      )}
    </figure>
  );
}

function Chart({ chart, formatDay }: { chart: BriefChart; formatDay: (iso: string) => string }) {
  switch (chart.kind) {
    case "budget":
      return <SpendBars title={chart.title} rows={chart.bars} />;
    case "limits":
      return <LimitBars title={chart.title} rows={chart.bars} />;
    case "ranges":
      return <RangeBars title={chart.title} currency={chart.currency} rows={chart.bars} />;
    case "sparklines":
      return <MiniLines title={chart.title} lines={chart.lines} formatDay={formatDay} />;
  }
}

function Item({
  item,
  systems,
  scopeKey,
}: {
  item: BriefItem;
  systems: Map<string, string>;
  /** The system the brief is about, if one: its items need no link to it. */
  scopeKey: string | null;
}) {
  const t = BRIEF_TONE[item.tone];
  const systemName = item.system ? systems.get(item.system) : undefined;
  return (
    <li className={`brief-item brief-item-${item.tone}`}>
      <span className={`brief-item-icon chip-${t.tone}`} aria-hidden="true">
        {t.icon}
      </span>
      <div className="brief-item-body">
        <p className="brief-item-text">
          <span className="visually-hidden">{t.label}: </span>
          {item.text}
        </p>
        {item.details.length > 0 && (
          <ul className="brief-details">
            {item.details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        )}
        {item.quote && <Quote quote={item.quote} />}
        {item.system && systemName && item.system !== scopeKey && (
          <p className="small">
            <Link to={`/systems/${encodeURIComponent(item.system)}`}>Open {systemName}</Link>
          </p>
        )}
      </div>
    </li>
  );
}

function Section({
  section,
  systems,
  scopeKey,
}: {
  section: BriefSection;
  systems: Map<string, string>;
  scopeKey: string | null;
}) {
  return (
    <section
      className={`card brief-section brief-tone-${section.tone}`}
      aria-labelledby={`brief-${section.id}`}
    >
      <div className="brief-section-head">
        <h2 id={`brief-${section.id}`}>{section.title}</h2>
        <ToneChip tone={section.tone} />
      </div>
      <p className="brief-headline">{section.headline}</p>
      {section.charts.length > 0 && (
        <div className="brief-charts">
          {section.charts.map((chart, i) => (
            <Chart key={i} chart={chart} formatDay={formatDate} />
          ))}
        </div>
      )}
      {section.items.length > 0 && (
        <ul className="brief-items">
          {section.items.map((item, i) => (
            <Item key={i} item={item} systems={systems} scopeKey={scopeKey} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function BriefView({ brief, systems }: { brief: Brief; systems: Map<string, string> }) {
  const scope = brief.scope.system;
  return (
    <article className="brief" aria-labelledby="brief-title">
      <header className="card brief-cover">
        <p className="eyebrow">
          {brief.voice === "leadership" ? "Leadership brief" : "Engineering brief"} ·{" "}
          {scope ? `${STAGE_LABEL[scope.stage]} system` : `${brief.scope.systems} systems`}
        </p>
        <h2 id="brief-title" className="brief-title">
          {brief.title}
        </h2>
        <p className="muted">
          {formatDate(brief.period.from)} to {formatDate(brief.period.to)} · standing facts as of{" "}
          {formatDateTime(brief.asOf)}
        </p>
        <nav aria-label="In this brief" className="brief-contents">
          <h3 className="brief-contents-title">In this brief</h3>
          <ol>
            {brief.sections.map((s) => (
              <li key={s.id}>
                <span className={`bar-icon bar-icon-${s.tone}`} aria-hidden="true">
                  {BRIEF_TONE[s.tone].icon}
                </span>
                <span>
                  <a href={`#brief-${s.id}`}>{s.title}</a>
                  <span className="visually-hidden"> ({BRIEF_TONE[s.tone].label})</span>:{" "}
                  <span className="muted">{s.headline}</span>
                </span>
              </li>
            ))}
          </ol>
        </nav>
      </header>
      {brief.sections.map((s) => (
        <Section key={s.id} section={s} systems={systems} scopeKey={scope?.key ?? null} />
      ))}
    </article>
  );
}
