import type { Cell, ChartTable } from "./chart-tables";

// RFC 4180 CSV of a chart's table. Text a spreadsheet would run as a formula (=, @, or +/−
// not followed by a digit, e.g. a disposition Sendblue sent) gets a leading apostrophe;
// numbers and phone numbers stay as they are.

const FORMULA = /^(?:[=@\t\r]|[+-](?!\d))/;

function field(cell: Cell): string {
  if (typeof cell === "number") return String(cell);
  const text = FORMULA.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(table: Pick<ChartTable, "columns" | "rows">): string {
  return `${[table.columns, ...table.rows].map((row) => row.map(field).join(",")).join("\r\n")}\r\n`;
}
