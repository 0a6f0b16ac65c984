import { describe, expect, it } from "vitest";
import { mentionNotification, messageNotification } from "@/lib/notifications/notification-content";
import { NOTIFY_PREFERENCES, shouldNotify, type NotifyEvent } from "@/lib/notifications/should-notify";

// The one decision the browser tab and Web Push share, for every preference and event.

const ME = 7;
const OTHER = 8;
const events: Record<string, NotifyEvent> = {
  unassigned: { kind: "message", assigneeId: null },
  mine: { kind: "message", assigneeId: ME },
  theirs: { kind: "message", assigneeId: OTHER },
  "mention of me": { kind: "mention", mentionedUserId: ME },
  "mention of them": { kind: "mention", mentionedUserId: OTHER },
};

const expected: Record<(typeof NOTIFY_PREFERENCES)[number], string[]> = {
  all: ["unassigned", "mine", "theirs", "mention of me"],
  mine_and_unassigned: ["unassigned", "mine", "mention of me"],
  mentions: ["mention of me"],
  off: [],
};

describe("shouldNotify", () => {
  it.each(NOTIFY_PREFERENCES)("%s", (preference) => {
    const notified = Object.entries(events)
      .filter(([, e]) => shouldNotify(preference, ME, e))
      .map(([name]) => name);
    expect(notified).toEqual(expected[preference]);
  });
});

describe("notification text", () => {
  it("names the contact, previews the message in one line, and leads to the thread", () => {
    const n = messageNotification({
      conversationId: 4,
      conversationTitle: "Ada Lovelace",
      handle: "h-1",
      content: "Is the\nshop   open?",
    });
    expect(n).toEqual({ title: "Ada Lovelace", body: "Is the shop open?", url: "/?c=4", tag: "message:h-1" });
    expect(
      messageNotification({
        conversationId: 4,
        conversationTitle: "Ada",
        handle: "h-2",
        content: " ",
        firstMediaKind: "image",
      }).body,
    ).toBe("Photo");
    expect(
      messageNotification({ conversationId: 4, conversationTitle: "Ada", handle: "h-3", content: "x".repeat(500) })
        .body,
    ).toHaveLength(140);
  });

  it("says who mentioned you and opens the thread at the note", () => {
    const n = mentionNotification({
      id: 9,
      conversationId: 4,
      noteId: 12,
      conversationTitle: "Ada Lovelace",
      author: "Grace",
      excerpt: "@Bo can you call her?",
    });
    expect(n).toEqual({
      title: "Ada Lovelace",
      body: "Grace mentioned you: @Bo can you call her?",
      url: "/?c=4&note=12",
      tag: "mention:9",
    });
  });
});
