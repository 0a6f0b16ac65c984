import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "@/lib/export/html";
import type { MessageView, ThreadPage } from "@/lib/export/thread-pages";
import { transcriptFoot, transcriptHead, transcriptPage, type TranscriptInfo } from "@/lib/export/transcript-html";
import { zoneFormat } from "@/lib/export/zone-format";
import type { ConversationView } from "@/lib/read/list-conversations";

// The exported transcript is a file people open in a browser, filled with what strangers
// wrote: message text, names, file names, links, notes. Whatever those hold, the document
// keeps the markup the template writes and nothing else — no element, attribute or link
// from the input — and every text reads back as it was written.

const RUNS = 300;

const hostile = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 40 }),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }),
  fc.constantFrom(
    "<script>alert(1)</script>",
    `"><img src=x onerror=alert(1)>`,
    `' onmouseover='alert(1)`,
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "</style><script>alert(1)</script>",
    "<!-- x --><![CDATA[ ]]>",
    "&lt;b&gt; &amp; &#x3C;",
    "\u202egnp.exe\u202c \u200b \u0000",
    "<svg/onload=alert(1)>",
  ),
);

// Every tag the template writes, and the attributes it gives them.
const TAGS = new Set([
  "!doctype",
  "html",
  "head",
  "meta",
  "title",
  "style",
  "body",
  "header",
  "p",
  "h1",
  "dl",
  "dt",
  "dd",
  "main",
  "h2",
  "article",
  "div",
  "span",
  "time",
  "blockquote",
  "ul",
  "li",
  "a",
  "aside",
  "footer",
]);
const ATTRIBUTES = new Set([
  "lang",
  "charset",
  "http-equiv",
  "content",
  "name",
  "class",
  "id",
  "datetime",
  "title",
  "href",
  "rel",
  "aria-label",
]);

function markupProblems(html: string): string[] {
  const problems: string[] = [];
  const css = html.slice(html.indexOf("<style>") + 7, html.indexOf("</style>"));
  if (/<\/?[a-z]/i.test(css)) problems.push("markup inside <style>");
  for (const tag of html.replace(css, "").matchAll(/<(\/?)([!a-z0-9]+)([^>]*)>/gi)) {
    const [, closing, name, rest] = tag;
    if (!TAGS.has(name!.toLowerCase())) problems.push(`tag <${name}>`);
    if (closing || name === "!doctype") continue;
    const attrs = rest!.replace(/\s+([a-z-]+)="([^"]*)"/gi, (_, attr: string, value: string) => {
      if (!ATTRIBUTES.has(attr.toLowerCase())) problems.push(`attribute ${attr}`);
      if (attr === "href" && !/^https?:\/\//.test(value)) problems.push(`href ${value}`);
      return "";
    });
    if (attrs.trim()) problems.push(`stray attribute text ${JSON.stringify(attrs)} in <${name}>`);
  }
  return problems;
}

const FIELDS = [
  "title",
  "content",
  "name",
  "sentBy",
  "email",
  "fileName",
  "url",
  "contentType",
  "preview",
  "emoji",
  "note",
  "author",
  "actor",
  "label",
  "transcript",
  "disposition",
  "app",
  "handle",
] as const;
type Strings = Record<(typeof FIELDS)[number], string>;
const strings: fc.Arbitrary<Strings> = fc.record(
  Object.fromEntries(FIELDS.map((f) => [f, hostile])) as Record<keyof Strings, fc.Arbitrary<string>>,
);

function render(s: Strings, group: boolean): string {
  const at = "2026-03-02T15:00:00.000Z";
  const message = (direction: "inbound" | "outbound", status: string): MessageView =>
    ({
      id: 1,
      handle: s.handle,
      clientId: null,
      sentBy: direction === "outbound" ? s.sentBy : null,
      sentByUserId: null,
      conversationId: 1,
      direction,
      service: "iMessage",
      content: s.content,
      status,
      error: status === "ERROR" ? { code: s.disposition, message: s.name, reason: null, detail: null } : null,
      sendStyle: null,
      wasDowngraded: false,
      senderNumber: "+15551234567",
      senderName: s.name,
      senderEmail: s.email,
      replyTo: { handle: s.handle, partIndex: null },
      replyQuote: { handle: s.handle, found: true, direction: "inbound", preview: s.preview },
      location: null,
      appCard: { app: s.app, title: s.name, lines: [s.preview], url: s.url },
      seatId: null,
      sentAt: at,
      updatedAt: at,
      media: [
        {
          id: 9,
          kind: "image",
          url: s.url,
          thumbnailUrl: null,
          originalUrl: null,
          sourceUrl: s.url,
          contentType: s.contentType,
          fileName: s.fileName,
          state: "failed",
          byteSize: 10,
          width: null,
          height: null,
          durationMs: null,
          error: null,
          card: null,
          inBrowser: true,
          note: null,
        },
        {
          id: 10,
          kind: "contact",
          url: "/api/media/10",
          thumbnailUrl: null,
          originalUrl: null,
          sourceUrl: s.url,
          contentType: null,
          fileName: null,
          state: "kept",
          byteSize: null,
          width: null,
          height: null,
          durationMs: null,
          error: null,
          card: { name: s.name, organization: null, numbers: [], emails: [] },
          inBrowser: true,
          note: null,
        },
      ],
      reactions: [
        {
          handle: "r",
          reaction: "emoji",
          emoji: s.emoji,
          partIndex: 1,
          direction: "inbound",
          senderNumber: "+15551234567",
          sentAt: at,
        },
      ],
    }) as MessageView;
  const conversation = {
    id: 1,
    kind: group ? "group" : "direct",
    line: "+15557654321",
    lineName: s.name,
    contactNumber: group ? null : "+15551234567",
    lineBlocked: false,
    title: s.title,
    contact: group
      ? null
      : {
          number: "+15551234567",
          name: s.name,
          firstName: s.name,
          lastName: null,
          company: s.label,
          tags: [],
          optedOut: false,
        },
    groupId: null,
    participants: group ? ["+15551234567"] : [],
    lastMessage: null,
    unreadCount: 0,
    state: "open",
    snoozedUntil: null,
    assignee: null,
    typing: false,
    labels: [{ id: 1, name: s.label, color: "blue" }],
    updatedAt: at,
  } as unknown as ConversationView;
  const info: TranscriptInfo = {
    conversation,
    people: [s.name],
    range: { first: at, last: at, count: 3 },
    origin: "https://inbox.example.com",
    time: zoneFormat("America/Chicago"),
    exportedAt: new Date(at),
    exportedBy: s.author,
  };
  const page: ThreadPage = {
    messages: [message("inbound", "RECEIVED"), message("outbound", "ERROR"), message("outbound", s.disposition)],
    events: [
      {
        type: "note",
        id: "note-1",
        at,
        note: {
          id: 1,
          conversationId: 1,
          author: { id: 1, name: s.author },
          body: s.note,
          mentions: [],
          createdAt: at,
        },
      },
      {
        type: "activity",
        id: "activity-1",
        at,
        kind: "label",
        actorName: s.actor,
        data: { action: "added", name: s.label },
      },
      { type: "activity", id: "activity-2", at, kind: s.disposition, actorName: s.actor, data: {} },
      {
        type: "call",
        id: "call-1",
        at,
        direction: s.disposition,
        disposition: s.disposition,
        durationSeconds: 5,
        transcript: s.transcript,
      },
      { type: "line", id: "line-1", at, kind: s.disposition, lineNumber: s.name },
    ],
    end: null,
  };
  return (
    transcriptHead(info) +
    transcriptPage(page, info, { day: null }, new Map([["+15551234567", s.name]])) +
    transcriptFoot(info)
  );
}

describe("hostile text in an exported transcript", () => {
  it("never adds an element, an attribute or a non-http link, and reads back as written", () => {
    fc.assert(
      fc.property(strings, fc.boolean(), (s, group) => {
        const html = render(s, group);
        expect(markupProblems(html)).toEqual([]);
        expect(html).toContain(`<p class="text">${escapeHtml(s.content)}</p>`);
        expect(html).toContain(`<p class="text">${escapeHtml(s.note)}</p>`);
        expect(html).toContain(escapeHtml(s.fileName));
      }),
      { numRuns: RUNS },
    );
  });

  it("the checker itself catches injected markup", () => {
    const clean = render(Object.fromEntries(FIELDS.map((k) => [k, "x"])) as Strings, false);
    expect(markupProblems(clean)).toEqual([]);
    expect(markupProblems(clean.replace("<main>", `<main><img src=x onerror="alert(1)">`))).toContain("tag <img>");
    expect(markupProblems(clean.replace('<p class="text">', `<p class="text" onclick="x">`))).toContain(
      "attribute onclick",
    );
    expect(markupProblems(clean.replace("<dd>", `<dd><a href="javascript:alert(1)">`))).toContain(
      "href javascript:alert(1)",
    );
    expect(markupProblems(clean.replace("</style>", "</style><script>"))).toContain("tag <script>");
  });
});
