// A strict RFC 4180 reader for the export tests (written apart from lib/export/csv.ts, so a
// mistake in the writer is not mirrored here): quoted cells, doubled quotes, CRLF rows.

export function parseCsv(text: string): string[][] {
  if (!text.startsWith("\uFEFF")) throw new Error("no UTF-8 byte-order mark");
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && cell === "") {
      const end = closingQuote(text, i + 1);
      cell = text.slice(i + 1, end).replaceAll('""', '"');
      i = end + 1;
      if (i < text.length && text[i] !== "," && text[i] !== "\r") throw new Error(`text after a closing quote at ${i}`);
      continue;
    }
    if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r") {
      if (text[i + 1] !== "\n") throw new Error(`CR without LF at ${i}`);
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else if (ch === "\n" || ch === '"') {
      throw new Error(`unquoted ${JSON.stringify(ch)} at ${i}`);
    } else cell += ch;
    i++;
  }
  if (cell !== "" || row.length) throw new Error("last row does not end in CRLF");
  return rows;
}

function closingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] !== '"') continue;
    if (text[i + 1] === '"') i++;
    else return i;
  }
  throw new Error("unterminated quoted cell");
}

/** The rows of a CSV answer, read from its bytes (Response.text() would drop the byte-order mark). */
export async function readCsv(res: Response): Promise<string[][]> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) throw new Error("no UTF-8 byte-order mark");
  return parseCsv(new TextDecoder("utf-8", { ignoreBOM: true, fatal: true }).decode(bytes));
}
