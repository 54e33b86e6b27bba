import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CSV_BOM, csvCell, csvFileName, looksLikeFormula, toCsv, type CsvColumn } from "./csv.js";

/** Text that leans towards the hard cases: formula starts, whitespace, quotes, separators, unicode. */
const hostileText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc
    .tuple(
      fc.constantFrom("", " ", "  ", "\t", "\r", "\n", "\u00a0", "\u3000"),
      fc.constantFrom("=", "+", "-", "@", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20", "'", '"', ",", "a", "1"),
      fc.string({
        unit: fc.constantFrom("=", "+", "-", "@", '"', ",", "\r", "\n", "\t", "x", "1", "é", "😀"),
        maxLength: 20,
      }),
    )
    .map(([a, b, c]) => a + b + c),
);

type Row = { text: string; amount: number };
const COLUMNS: CsvColumn<Row>[] = [
  { header: "text", value: (r) => r.text },
  { header: "amount", value: (r) => r.amount, numeric: true },
];

describe("csv writer", () => {
  it("neutralises the OWASP formula starts, also after leading whitespace", () => {
    for (const text of [
      "=1+1",
      "+cmd|' /C calc'!A0",
      "-2+3",
      "@SUM(A1)",
      "\t=1",
      "\r=1",
      '  =HYPERLINK("x")',
      "\uFF1D1",
    ]) {
      expect(looksLikeFormula(text), text).toBe(true);
    }
    for (const text of ["plain", "a=b", "1-2", "'=quoted", "", "é=1"]) {
      expect(looksLikeFormula(text), text).toBe(false);
    }
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell('=HYPERLINK("http://evil","click")')).toBe(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
  });

  it("keeps real negative numbers numeric only in numeric columns", () => {
    expect(csvCell(-2.5, true)).toBe("-2.5");
    expect(csvCell(-2.5, false)).toBe("'-2.5");
    expect(csvCell("-2.5", true)).toBe("'-2.5");
    expect(csvCell(Number.NaN, true)).toBe("");
    expect(csvCell(null)).toBe("");
    expect(csvCell(true)).toBe("true");
  });

  it("writes CRLF rows, an optional BOM, and safe file names", () => {
    const csv = toCsv(COLUMNS, [{ text: "x", amount: 1 }], { bom: true });
    expect(csv).toBe(`${CSV_BOM}text,amount\r\nx,1\r\n`);
    expect(csvFileName("risks", "Support bot/../é", "2026-11-28")).toBe(
      "risks-Support-bot-..-e-2026-11-28.csv",
    );
    expect(csvFileName('\r\n"')).toBe("export.csv");
  });

  it("property: no cell starts with a formula unquoted, and parsing gives back the text minus the quote", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ text: hostileText, amount: fc.double({ noNaN: true, noDefaultInfinity: true }) }),
          {
            maxLength: 20,
          },
        ),
        fc.boolean(),
        (rows, bom) => {
          const parsed = parse(toCsv(COLUMNS, rows, { bom }), { bom: true }) as string[][];
          expect(parsed[0]).toEqual(["text", "amount"]);
          expect(parsed).toHaveLength(rows.length + 1);
          rows.forEach((row, i) => {
            const [text, amount] = parsed[i + 1]!;
            // Nothing a spreadsheet would run: every formula-looking cell starts with the quote.
            expect(looksLikeFormula(text!)).toBe(false);
            expect(text).toBe(looksLikeFormula(row.text) ? `'${row.text}` : row.text);
            const original = text!.startsWith("'") && looksLikeFormula(row.text) ? text!.slice(1) : text;
            expect(original).toBe(row.text);
            // Numbers stay numbers, negative ones included.
            expect(Number(amount)).toBe(row.amount === 0 ? 0 : row.amount);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
