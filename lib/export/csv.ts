// CSV as RFC 4180 writes it and spreadsheets read it: every row ends in CRLF, a cell with a
// comma, quote or line break is quoted with its quotes doubled, and the file starts with a
// UTF-8 byte-order mark so Excel reads names and emoji as UTF-8 rather than its local code page.
//
// Cells hold what strangers wrote (message text, names Sendblue sent), so a cell a
// spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return before one;
// OWASP's "CSV injection") is written with a leading apostrophe: shown as text, never run.
// The price: a phone number such as +15551234567 reads '+15551234567, which is also what
// stops Excel from turning it into the number 15551234567.

export const CSV_BOM = "\uFEFF";

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "boolean" ? (value ? "yes" : "no") : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
