import { messageGist } from "@/components/inbox/format";

// What a notification says and where it leads, the same from the browser tab and from Web
// Push: the tag is the event's, so a device that gets both shows one. Pure, for both sides.

export type NotificationContent = {
  /** The contact's (or group's) name. */
  title: string;
  body: string;
  /** Same-origin path of the thread (at the note, for a mention). */
  url: string;
  tag: string;
};

// Push services take about 4 KB of payload; lock screens show a couple of lines.
const TITLE_CHARS = 80;
const BODY_CHARS = 140;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function messageNotification(m: {
  conversationId: number;
  conversationTitle: string;
  handle: string;
  content: string;
  firstMediaKind?: string;
}): NotificationContent {
  return {
    title: clip(m.conversationTitle, TITLE_CHARS),
    body: clip(messageGist(m.content, m.firstMediaKind).replace(/\s+/g, " "), BODY_CHARS),
    url: `/?c=${m.conversationId}`,
    tag: `message:${m.handle}`,
  };
}

export function mentionNotification(m: {
  id: number;
  conversationId: number;
  noteId: number;
  conversationTitle: string;
  author: string;
  excerpt: string;
}): NotificationContent {
  return {
    title: clip(m.conversationTitle, TITLE_CHARS),
    body: clip(`${m.author} mentioned you: ${m.excerpt.replace(/\s+/g, " ")}`, BODY_CHARS),
    url: `/?c=${m.conversationId}&note=${m.noteId}`,
    tag: `mention:${m.id}`,
  };
}
