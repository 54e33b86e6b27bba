import type { BriefChart } from "../contract/briefs.js";
import { formatDay, formatMoney, formatNumber, formatPercent, formatRange } from "../core/briefs/format.js";
import { box, COLORS, ensureSpace, TONE_COLORS, TONE_TINTS, use, type Doc } from "./pdf-style.js";

// Charts drawn with vector primitives: crisp at any zoom, and every label is real text that
// pdftotext and screen readers can read.

type Chart<K extends BriefChart["kind"]> = Extract<BriefChart, { kind: K }>;

const BAR = 9;

function title(doc: Doc, text: string): void {
  const { left, width } = box(doc);
  use(doc, "bold", 8.5, COLORS.muted).text(text, left, doc.y, { width });
  doc.y += 4;
}

/** One row per budget: spent (solid), projected to the period's end (tint), the budget as a line. */
function budgetChart(doc: Doc, c: Chart<"budget">): void {
  const { left, width } = box(doc);
  ensureSpace(doc, 24 + 34 * Math.min(c.bars.length, 2));
  title(doc, c.title);
  for (const b of c.bars) {
    ensureSpace(doc, 34);
    const max = Math.max(b.budget, b.spent, b.projected ?? 0) * 1.08 || 1;
    const x = (v: number) => left + (Math.max(0, v) / max) * width;
    const top = doc.y;
    const share = b.budget > 0 ? ` (${formatPercent(b.spent / b.budget)})` : "";
    const projected = b.projected === null ? "" : `; projected ${formatMoney(b.projected, b.unit)}`;
    use(doc, "condensed", 8, COLORS.ink).text(
      `${b.label}: ${formatMoney(b.spent, b.unit)} of ${formatMoney(b.budget, b.unit)}${share}${projected}`,
      left,
      top,
      { width, lineBreak: false, ellipsis: true },
    );
    const y = top + 12;
    doc.rect(left, y, width, BAR).fill(COLORS.panel);
    doc.rect(left, y, x(b.budget) - left, BAR).fill(COLORS.track);
    if (b.projected !== null && b.projected > b.spent)
      doc.rect(x(b.spent), y, x(b.projected) - x(b.spent), BAR).fill(TONE_TINTS[b.tone]);
    doc.rect(left, y, x(b.spent) - left, BAR).fill(TONE_COLORS[b.tone]);
    doc.save().lineWidth(1.2).strokeColor(COLORS.ink);
    doc
      .moveTo(x(b.budget), y - 3)
      .lineTo(x(b.budget), y + BAR + 3)
      .stroke();
    doc.restore();
    use(doc, "condensed", 6.5, COLORS.muted).text("budget", x(b.budget) - 30, y + BAR + 3, {
      width: 60,
      align: "center",
      lineBreak: false,
    });
    doc.y = y + BAR + 13;
  }
  doc.y += 4;
}

/** One row per limit: the zone where trust is lost tinted, the threshold as a line, the value as a dot. */
function limitChart(doc: Doc, c: Chart<"limits">): void {
  const { left, width } = box(doc);
  const labelWidth = Math.min(200, width * 0.4);
  const trackLeft = left + labelWidth + 8;
  const trackWidth = width - labelWidth - 8;
  ensureSpace(doc, 24 + 26 * Math.min(c.bars.length, 3));
  title(doc, c.title);
  for (const b of c.bars) {
    ensureSpace(doc, 26);
    const show = (v: number) =>
      b.unit === "%" ? formatPercent(v) : `${formatNumber(v)}${b.unit ? ` ${b.unit}` : ""}`;
    const max = Math.max(b.threshold, b.value ?? 0) * 1.35 || 1;
    const min = Math.min(0, b.value ?? 0);
    const x = (v: number) => trackLeft + ((v - min) / (max - min)) * trackWidth;
    const top = doc.y;
    use(doc, "condensed", 8, COLORS.ink).text(b.label, left, top + 2, {
      width: labelWidth,
      lineBreak: false,
      ellipsis: true,
    });
    const y = top + 3;
    doc.rect(trackLeft, y, trackWidth, BAR).fill(COLORS.panel);
    const lostFrom = b.comparator === "above" ? x(b.threshold) : trackLeft;
    const lostTo = b.comparator === "above" ? trackLeft + trackWidth : x(b.threshold);
    doc.rect(lostFrom, y, lostTo - lostFrom, BAR).fill(TONE_TINTS.bad);
    doc.save().lineWidth(1).strokeColor(TONE_COLORS.bad);
    doc
      .moveTo(x(b.threshold), y - 2)
      .lineTo(x(b.threshold), y + BAR + 2)
      .stroke();
    doc.restore();
    if (b.value !== null) doc.circle(x(b.value), y + BAR / 2, 4).fill(TONE_COLORS[b.tone]);
    const caption = `${b.value === null ? "no data" : `now ${show(b.value)}`} · trust lost ${b.comparator} ${show(b.threshold)}`;
    use(doc, "condensed", 6.5, COLORS.muted).text(caption, trackLeft, y + BAR + 2, {
      width: trackWidth,
      lineBreak: false,
    });
    doc.y = top + 26;
  }
  doc.y += 4;
}

/** Value ranges: solid to the low estimate, tinted up to the high one. */
function rangeChart(doc: Doc, c: Chart<"ranges">): void {
  const { left, width } = box(doc);
  const labelWidth = Math.min(200, width * 0.4);
  const trackLeft = left + labelWidth + 8;
  const trackWidth = width - labelWidth - 8 - 90;
  const max = Math.max(...c.bars.map((b) => b.high), 1);
  const x = (v: number) => trackLeft + (v / max) * trackWidth;
  ensureSpace(doc, 24 + 18 * Math.min(c.bars.length, 3));
  title(doc, c.title);
  for (const b of c.bars) {
    ensureSpace(doc, 18);
    const top = doc.y;
    use(doc, "condensed", 8, COLORS.ink).text(b.label, left, top + 1, {
      width: labelWidth,
      lineBreak: false,
      ellipsis: true,
    });
    doc.rect(trackLeft, top + 2, x(b.high) - trackLeft, BAR).fill(TONE_TINTS.good);
    doc.rect(trackLeft, top + 2, x(b.low) - trackLeft, BAR).fill(TONE_COLORS.good);
    use(doc, "condensed", 7.5, COLORS.muted).text(
      formatRange(b.low, b.high, c.currency),
      x(b.high) + 6,
      top + 2,
      {
        width: 120,
        lineBreak: false,
      },
    );
    doc.y = top + 18;
  }
  doc.y += 4;
}

/** Small multiples: one line per signal, two to a row, with the threshold dashed. */
function sparklineChart(doc: Doc, c: Chart<"sparklines">): void {
  const { left, width } = box(doc);
  const gap = 18;
  const cellWidth = (width - gap) / 2;
  const plotHeight = 34;
  const cellHeight = plotHeight + 36;
  ensureSpace(doc, 16 + cellHeight);
  title(doc, c.title);
  for (let i = 0; i < c.lines.length; i += 2) {
    ensureSpace(doc, cellHeight);
    const top = doc.y;
    c.lines.slice(i, i + 2).forEach((line, j) => {
      const x0 = left + j * (cellWidth + gap);
      const known = line.values.filter((v): v is number => v !== null);
      const lo = Math.min(...known, line.threshold ?? Infinity);
      const hi = Math.max(...known, line.threshold ?? -Infinity);
      const span = hi - lo || Math.abs(hi) || 1;
      const px = (k: number) =>
        x0 + (line.values.length <= 1 ? 0 : (k / (line.values.length - 1)) * cellWidth);
      const py = (v: number) => top + 12 + plotHeight - ((v - lo) / span) * plotHeight;
      use(doc, "condensed", 8, COLORS.ink).text(line.label, x0, top, {
        width: cellWidth,
        lineBreak: false,
        ellipsis: true,
      });
      doc.rect(x0, top + 12, cellWidth, plotHeight).fill(COLORS.panel);
      if (line.threshold !== null) {
        doc.save().lineWidth(0.8).strokeColor(TONE_COLORS.bad).dash(3, { space: 2 });
        doc
          .moveTo(x0, py(line.threshold))
          .lineTo(x0 + cellWidth, py(line.threshold))
          .stroke();
        doc.undash().restore();
      }
      doc.save().lineWidth(1.2).strokeColor(COLORS.accent).lineJoin("round");
      let drawing = false;
      line.values.forEach((v, k) => {
        if (v === null) {
          drawing = false;
          return;
        }
        if (drawing) doc.lineTo(px(k), py(v));
        else doc.moveTo(px(k), py(v));
        drawing = true;
      });
      if (known.length > 1) doc.stroke();
      doc.restore();
      const unit = line.unit ? ` ${line.unit}` : "";
      const range =
        known.length > 0
          ? `low ${formatNumber(Math.min(...known))} · high ${formatNumber(Math.max(...known))} · last ${formatNumber(known.at(-1)!)}${unit}${line.threshold !== null ? ` · limit ${formatNumber(line.threshold)}` : ""}`
          : "no data in this period";
      use(doc, "condensed", 6.5, COLORS.muted);
      doc.text(`${formatDay(line.from)} – ${formatDay(line.to)}`, x0, top + 14 + plotHeight, {
        width: cellWidth,
        lineBreak: false,
      });
      doc.text(range, x0, top + 23 + plotHeight, { width: cellWidth, lineBreak: false, ellipsis: true });
    });
    doc.y = top + cellHeight;
  }
  doc.y += 2;
}

/** Draws a chart at the current position, starting a new page first if it would not fit. */
export function drawChart(doc: Doc, chart: BriefChart): void {
  switch (chart.kind) {
    case "budget":
      return budgetChart(doc, chart);
    case "limits":
      return limitChart(doc, chart);
    case "ranges":
      return rangeChart(doc, chart);
    case "sparklines":
      return sparklineChart(doc, chart);
  }
}
