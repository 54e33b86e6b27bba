import { createRequire } from "node:module";
import type PDFDocument from "pdfkit";
import type { Tone } from "../contract/briefs.js";

// The look of a PDF brief: fonts, colours and the page box, shared by the text and the charts.

export type Doc = InstanceType<typeof PDFDocument>;

const require = createRequire(import.meta.url);

/** DejaVu covers Latin, Greek, Cyrillic, arrows and currency signs; embedded as a subset. */
export const FONTS = {
  regular: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
  italic: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf"),
  condensed: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf"),
  condensedBold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf"),
} as const;
export type FontName = keyof typeof FONTS;

export const COLORS = {
  ink: "#1f2933",
  muted: "#5f6b7a",
  faint: "#9aa5b1",
  rule: "#d9dee3",
  panel: "#f3f5f7",
  track: "#e4e8ec",
  accent: "#27476e",
} as const;

export const TONE_COLORS: Record<Tone, string> = {
  bad: "#c0392b",
  warn: "#c87f0a",
  good: "#1e8449",
  neutral: "#7b8794",
};

/** Light fills for the zone where trust is lost, and similar backgrounds. */
export const TONE_TINTS: Record<Tone, string> = {
  bad: "#f8e1de",
  warn: "#fbeed5",
  good: "#dcefe2",
  neutral: "#e9ecef",
};

export const PAGE = { size: "A4" as const, margin: 56, footer: 28 };

export function registerFonts(doc: Doc): void {
  for (const [name, file] of Object.entries(FONTS)) doc.registerFont(name, file);
}

/** The usable box of the current page. */
export function box(doc: Doc) {
  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;
  return { left, right, width: right - left, bottom: doc.page.height - doc.page.margins.bottom };
}

/** Starts a new page unless `height` points still fit on this one. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > box(doc).bottom) doc.addPage();
}

/** Sets font, size and colour in one call. */
export function use(doc: Doc, font: FontName, size: number, color: string = COLORS.ink): Doc {
  return doc.font(font).fontSize(size).fillColor(color);
}

/** Height of `text` set in `font` at `size` across `width`. */
export function measure(
  doc: Doc,
  font: FontName,
  size: number,
  text: string,
  width: number,
  lineGap = 1.5,
): number {
  return doc.font(font).fontSize(size).heightOfString(text, { width, lineGap });
}
