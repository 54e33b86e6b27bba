import PDFDocument from "pdfkit";
import type { Brief, BriefItem, BriefSection, Quote } from "../contract/briefs.js";
import { formatDate, formatInstant } from "../core/briefs/format.js";
import { drawChart } from "./pdf-charts.js";
import {
  box,
  COLORS,
  ensureSpace,
  measure,
  PAGE,
  registerFonts,
  TONE_COLORS,
  use,
  type Doc,
} from "./pdf-style.js";

// A brief as a paginated A4 PDF: a summary of every section first, then each section with its
// items and charts, page numbers in the footer. Pure Node: pdfkit with embedded DejaVu fonts.

const BULLET_INDENT = 14;
const DETAIL_INDENT = 24;

function header(doc: Doc, brief: Brief): void {
  const { left, width } = box(doc);
  doc.rect(0, 0, doc.page.width, 6).fill(COLORS.accent);
  use(doc, "bold", 8, COLORS.accent).text(
    `PARLEY · ${brief.voice.toUpperCase()} BRIEF`,
    left,
    PAGE.margin - 18,
    {
      width,
      characterSpacing: 1,
    },
  );
  const subject = brief.title.replace(/^[^:]+: /, "");
  use(doc, "bold", 19, COLORS.ink).text(subject.charAt(0).toUpperCase() + subject.slice(1), left, doc.y + 2, {
    width,
  });
  const scope =
    brief.scope.kind === "portfolio"
      ? `${brief.scope.systems} active systems`
      : `Stage: ${brief.scope.system?.stage}`;
  use(doc, "regular", 9, COLORS.muted).text(
    `${formatDate(brief.period.from)} – ${formatDate(brief.period.to)}  ·  ${scope}  ·  standing facts as of ${formatInstant(brief.asOf)}`,
    left,
    doc.y + 3,
    { width },
  );
  doc.y += 12;
}

/** The summary panel: each section's headline behind a coloured dot. */
function atAGlance(doc: Doc, brief: Brief): void {
  const { left, width } = box(doc);
  const pad = 12;
  const inner = width - 2 * pad - BULLET_INDENT;
  const rows = brief.sections.map((s) => {
    const text = `${s.title}${/[?:]$/.test(s.title) ? "" : ":"} ${s.headline}`;
    return { s, text, height: measure(doc, "regular", 9, text, inner) };
  });
  const height = 22 + rows.reduce((h, r) => h + r.height + 5, 0) + pad;
  ensureSpace(doc, Math.min(height, 400));
  const top = doc.y;
  doc.roundedRect(left, top, width, height, 6).fill(COLORS.panel);
  use(doc, "bold", 10, COLORS.ink).text("At a glance", left + pad, top + pad, { width: width - 2 * pad });
  let y = top + pad + 18;
  for (const r of rows) {
    doc.circle(left + pad + 4, y + 5, 3).fill(TONE_COLORS[r.s.tone]);
    use(doc, "bold", 9, COLORS.ink);
    const titleText = `${r.s.title}${/[?:]$/.test(r.s.title) ? "" : ":"} `;
    doc.text(titleText, left + pad + BULLET_INDENT, y, { width: inner, continued: true, lineGap: 1.5 });
    use(doc, "regular", 9, COLORS.ink).text(r.s.headline, { width: inner, lineGap: 1.5 });
    y += r.height + 5;
  }
  doc.y = top + height + 16;
}

function quoteBlock(doc: Doc, q: Quote, indent: number): void {
  const { left, width } = box(doc);
  const x = left + indent + 8;
  const w = width - indent - 8;
  const top = doc.y + 2;
  use(doc, "italic", 9, COLORS.ink).text(`“${q.text}”`, x, top, { width: w, lineGap: 1.5 });
  use(doc, "regular", 7.5, COLORS.muted).text(
    `— ${q.by}, ${formatDate(q.on)}, answering “${q.question}”`,
    x,
    doc.y + 1,
    {
      width: w,
    },
  );
  if (q.readBack) {
    const verdict = q.readBack.verdict.replace(/_/g, " ");
    use(doc, "regular", 8, COLORS.ink).text(
      `Read back by ${q.readBack.by} (${verdict}): “${q.readBack.restatement}”`,
      x,
      doc.y + 3,
      {
        width: w,
        lineGap: 1,
      },
    );
    if (q.readBack.note)
      use(doc, "regular", 8, COLORS.muted).text(`Note: ${q.readBack.note}`, x, doc.y + 1, {
        width: w,
        lineGap: 1,
      });
  }
  doc.save().lineWidth(2).strokeColor(COLORS.rule);
  doc
    .moveTo(x - 8, top)
    .lineTo(x - 8, doc.y)
    .stroke();
  doc.restore();
  doc.y += 2;
}

function itemHeight(doc: Doc, i: BriefItem, width: number): number {
  let h = measure(doc, "regular", 9.5, i.text, width - BULLET_INDENT) + 3;
  for (const d of i.details) h += measure(doc, "regular", 8.5, d, width - DETAIL_INDENT) + 1.5;
  if (i.quote) h += measure(doc, "italic", 9, i.quote.text, width - BULLET_INDENT - 8) + 40;
  return h;
}

function itemBlock(doc: Doc, i: BriefItem): void {
  const { left, width } = box(doc);
  // Keep an item on one page when it fits on one; a longer one flows across the break.
  ensureSpace(doc, Math.min(itemHeight(doc, i, width), 220));
  const top = doc.y;
  doc.circle(left + 4, top + 6, 2.8).fill(TONE_COLORS[i.tone]);
  use(doc, "regular", 9.5, COLORS.ink).text(i.text, left + BULLET_INDENT, top, {
    width: width - BULLET_INDENT,
    lineGap: 1.5,
  });
  for (const d of i.details)
    use(doc, "regular", 8.5, COLORS.muted).text(d, left + DETAIL_INDENT, doc.y + 1.5, {
      width: width - DETAIL_INDENT,
      lineGap: 1,
    });
  if (i.quote) quoteBlock(doc, i.quote, BULLET_INDENT);
  doc.y += 5;
}

function sectionBlock(doc: Doc, s: BriefSection, last: boolean): void {
  const { left, width } = box(doc);
  const headlineHeight = measure(doc, "bold", 10.5, s.headline, width - 10);
  // A heading never ends a page alone: keep it with its headline and its first item.
  const first = s.items[0] ? Math.min(itemHeight(doc, s.items[0], width), 160) : 40;
  ensureSpace(doc, 40 + headlineHeight + first);
  doc.y += 6;
  const top = doc.y;
  use(doc, "bold", 13, COLORS.ink).text(s.title, left + 10, top, { width: width - 10 });
  use(doc, "bold", 10.5, TONE_COLORS[s.tone] === TONE_COLORS.neutral ? COLORS.ink : TONE_COLORS[s.tone]).text(
    s.headline,
    left + 10,
    doc.y + 3,
    { width: width - 10, lineGap: 1.5 },
  );
  doc.rect(left, top + 1, 3, doc.y - top - 1).fill(TONE_COLORS[s.tone]);
  doc.y += 8;
  for (const i of s.items) itemBlock(doc, i);
  for (const c of s.charts) drawChart(doc, c);
  doc.y += 6;
  // The rule between sections is decoration: it never starts a page of its own.
  if (!last && doc.y + 40 < box(doc).bottom) {
    doc.save().lineWidth(0.5).strokeColor(COLORS.rule);
    doc
      .moveTo(left, doc.y)
      .lineTo(left + width, doc.y)
      .stroke();
    doc.restore();
  }
  doc.y += 8;
}

function footers(doc: Doc, brief: Brief): void {
  const range = doc.bufferedPageRange();
  for (let n = range.start; n < range.start + range.count; n++) {
    doc.switchToPage(n);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    const { left, width } = box(doc);
    const y = doc.page.height - PAGE.footer - 8;
    use(doc, "regular", 7.5, COLORS.faint);
    doc.text(
      `Parley · ${brief.title} · ${formatDate(brief.period.from)} – ${formatDate(brief.period.to)}`,
      left,
      y,
      {
        width: width - 80,
        lineBreak: false,
        ellipsis: true,
      },
    );
    doc.text(`Page ${n - range.start + 1} of ${range.count}`, left + width - 80, y, {
      width: 80,
      align: "right",
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

/** Renders a brief as a PDF document and resolves with its bytes. */
export function renderBriefPdf(brief: Brief): Promise<Buffer> {
  const doc = new PDFDocument({
    size: PAGE.size,
    margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: PAGE.margin + 8 },
    bufferPages: true,
    lang: "en",
    displayTitle: true,
    info: {
      Title: brief.title,
      Author: "Parley",
      Subject: `${formatDate(brief.period.from)} – ${formatDate(brief.period.to)}`,
      CreationDate: new Date(brief.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  registerFonts(doc);
  header(doc, brief);
  atAGlance(doc, brief);
  brief.sections.forEach((s, i) => sectionBlock(doc, s, i === brief.sections.length - 1));
  footers(doc, brief);
  doc.end();
  return done;
}
