/**
 * A small RFC 4180 CSV writer with formula-injection neutralisation (OWASP "CSV injection").
 *
 * No CSV writing library is installed (csv-parse reads only), and writing is a few lines: quote a
 * field when it holds a comma, a double quote, CR or LF; double the quotes inside; end rows with
 * CRLF. Spreadsheet programs run a cell that starts with = + - @ (or a tab or CR) as a formula,
 * so such text cells get a leading single quote, which the programs show as plain text.
 */

export type CsvValue = string | number | boolean | null | undefined;

/** One column of an export: its header and how to read the cell from a row. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
  /** Numbers in a numeric column stay numbers (e.g. -2.5); everything else is text. */
  numeric?: boolean;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark so Excel opens accents and emoji correctly. */
  bom?: boolean;
}

export const CSV_BOM = "\uFEFF";
export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";

// ASCII triggers and their full-width forms, which some spreadsheet programs also accept.
const FORMULA_START = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;
const CONTROL_START = /^[\t\r\n]/;

/** Whether a spreadsheet program could read this text cell as a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text) || CONTROL_START.test(text);
}

/** Prefixes a single quote to text a spreadsheet would run as a formula; other text is unchanged. */
export function neutraliseFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** Quotes a field for CSV when it needs it (RFC 4180 section 2). */
export function quoteField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One cell as CSV text: numbers in numeric columns as numbers, everything else neutralised text. */
export function csvCell(value: CsvValue, numeric = false): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    // A number in a text column is still text to a reader; only numeric columns keep a bare "-".
    return numeric ? String(value) : quoteField(neutraliseFormula(String(value)));
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  return quoteField(neutraliseFormula(value));
}

/** One CSV line (without its line break). */
export function csvLine(cells: readonly CsvValue[], numeric: readonly boolean[] = []): string {
  return cells.map((cell, i) => csvCell(cell, numeric[i] ?? false)).join(",");
}

/** The header line and then one line per row, each ending in CRLF; for streaming large exports. */
export function* csvLines<T>(
  columns: readonly CsvColumn<T>[],
  rows: Iterable<T>,
  options: CsvOptions = {},
): Generator<string> {
  const numeric = columns.map((c) => c.numeric ?? false);
  yield `${options.bom ? CSV_BOM : ""}${csvLine(columns.map((c) => c.header))}\r\n`;
  for (const row of rows)
    yield `${csvLine(
      columns.map((c) => c.value(row)),
      numeric,
    )}\r\n`;
}

/** A whole CSV document. */
export function toCsv<T>(
  columns: readonly CsvColumn<T>[],
  rows: Iterable<T>,
  options: CsvOptions = {},
): string {
  return [...csvLines(columns, rows, options)].join("");
}

/**
 * A file name for Content-Disposition: letters, digits, dots, dashes and underscores only, so no
 * header can be broken and no path can be named.
 */
export function csvFileName(...parts: string[]): string {
  const base = parts
    .map((p) => p.normalize("NFKD").replace(/[^A-Za-z0-9._-]+/g, "-"))
    .join("-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 120);
  return `${base || "export"}.csv`;
}
