import { describe, expect, it } from "vitest";
import { CSV_BOM, csvCell, csvRow } from "@/lib/export/csv";
import { exportFilename, slug } from "@/lib/export/export-filename";
import { escapeHtml, link, safeHref } from "@/lib/export/html";
import { streamResponse } from "@/lib/export/stream-response";
import { contentDisposition } from "@/lib/http/content-disposition";

// The pieces every export is made of: CSV cells, HTML escaping and links, download names,
// and the pull-driven stream that writes a page only when the client has taken the last.

describe("CSV cells", () => {
  it("quotes commas, quotes and line breaks, doubling quotes (RFC 4180), and ends rows in CRLF", () => {
    expect(csvRow(["plain", "a,b", 'say "hi"', "two\nlines", "cr\rhere", 7, true, false, null, undefined])).toBe(
      'plain,"a,b","say ""hi""","two\nlines","cr\rhere",7,yes,no,,\r\n',
    );
    expect(CSV_BOM).toBe("\uFEFF");
  });

  it("writes a cell a spreadsheet would run as a formula as text, with a leading apostrophe", () => {
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""click"")"`,
    );
    expect(csvCell("+15551234567")).toBe("'+15551234567");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("\r=1")).toBe(`"'\r=1"`);
    // Only at the start, and never for real numbers.
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(-5)).toBe("-5");
  });
});

describe("HTML pieces", () => {
  it("escapes text for elements and attributes alike", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("links only absolute http(s) URLs", () => {
    expect(safeHref("https://example.com/a b")).toBe("https://example.com/a%20b");
    for (const bad of [
      "javascript:alert(1)",
      " JavaScript:alert(1)",
      "data:text/html,<script>",
      "/relative",
      "vbscript:x",
      "",
      null,
    ]) {
      expect(safeHref(bad), String(bad)).toBeNull();
    }
    expect(link("javascript:alert(1)", "<b>x</b>")).toBe("<span>&lt;b&gt;x&lt;/b&gt;</span>");
    expect(link(`https://e.example/?q="><script>`, "t")).toBe(
      `<a href="https://e.example/?q=%22%3E%3Cscript%3E" rel="noopener noreferrer">t</a>`,
    );
  });
});

describe("download names", () => {
  it("keeps ASCII words and digits of a title, with a fallback and the date", () => {
    expect(slug("Zoë & Ana — Café ☕", "x")).toBe("zoe-ana-cafe");
    expect(slug("+1 (555) 123-4567", "x")).toBe("1-555-123-4567");
    expect(slug("😀😀", "conversation-4")).toBe("conversation-4");
    expect(slug("a".repeat(100), "x")).toHaveLength(60);
    expect(exportFilename(["a", "b"], "csv", new Date("2026-12-01T23:00:00Z"))).toBe("a-b-2026-12-01.csv");
    expect(contentDisposition("attachment", `Zoë "quoted"'s.html`)).toBe(
      `attachment; filename="Zo_ _quoted_'s.html"; filename*=UTF-8''Zo%C3%AB%20%22quoted%22%27s.html`,
    );
  });
});

describe("streamResponse", () => {
  function counted(pages: number, failAt?: number) {
    const state = { produced: 0, returned: false };
    async function* gen() {
      try {
        for (let i = 0; i < pages; i++) {
          if (i === failAt) throw new Error("database went away");
          state.produced++;
          yield `page ${i}\n`;
        }
      } finally {
        state.returned = true;
      }
    }
    return { state, chunks: gen() };
  }

  it("produces the first chunk before answering, then one page per read", async () => {
    const { state, chunks } = counted(50);
    const res = await streamResponse(chunks, { "content-type": "text/plain" });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    // The first page, and at most the one the stream's queue holds: not the other 48.
    expect(state.produced).toBeLessThanOrEqual(2);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe("page 0\n");
    expect(state.produced).toBeLessThanOrEqual(3);
    let text = "page 0\n";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    expect(text).toBe(Array.from({ length: 50 }, (_, i) => `page ${i}\n`).join(""));
  });

  it("turns a failure before the first chunk into the route's error, and a later one into a broken download", async () => {
    await expect(streamResponse(counted(3, 0).chunks, {})).rejects.toThrow("database went away");
    const res = await streamResponse(counted(5, 3).chunks, {});
    await expect(res.text()).rejects.toThrow();
  });

  it("stops reading pages when the client goes away", async () => {
    const { state, chunks } = counted(1000);
    const res = await streamResponse(chunks, {});
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(state.returned).toBe(true);
    expect(state.produced).toBeLessThan(5);
  });
});
