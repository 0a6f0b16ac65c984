// iMessage tapbacks reach Sendblue as plain texts that name the reaction and quote the
// target ("Loved “see you at 6”"), with no pointer to the target message.

export type Tapback = { reaction: string; emoji: string | null; quote: string; removed: boolean };

const VERBS: Record<string, string> = {
  loved: "love",
  liked: "like",
  disliked: "dislike",
  "laughed at": "laugh",
  emphasized: "emphasize",
  questioned: "question",
};

const NOUNS: Record<string, string> = {
  heart: "love",
  like: "like",
  dislike: "dislike",
  laugh: "laugh",
  exclamation: "emphasize",
  "exclamation mark": "emphasize",
  "question mark": "question",
};

const QUOTED = `[“"](.*)[”"]`;
const ADD = new RegExp(`^(Loved|Liked|Disliked|Laughed at|Emphasized|Questioned) ${QUOTED}$`, "su");
const EMOJI = new RegExp(`^Reacted (.{1,16}?) to ${QUOTED}$`, "su");
const REMOVE = new RegExp(`^Removed (?:a |an )?(.{1,24}?) from ${QUOTED}$`, "su");

export function parseTapback(content: string | null): Tapback | null {
  if (!content || content.length > 4000) return null;
  const text = content.trim();
  let m = ADD.exec(text);
  if (m) return { reaction: VERBS[m[1]!.toLowerCase()]!, emoji: null, quote: m[2]!, removed: false };
  m = EMOJI.exec(text);
  if (m) return { reaction: "emoji", emoji: m[1]!, quote: m[2]!, removed: false };
  m = REMOVE.exec(text);
  if (m) {
    const what = m[1]!.toLowerCase();
    const reaction = NOUNS[what] ?? "emoji";
    return { reaction, emoji: reaction === "emoji" ? m[1]! : null, quote: m[2]!, removed: true };
  }
  return null;
}

/** Messages quotes long texts truncated with an ellipsis: match those by prefix. */
export function quoteMatcher(quote: string): { match: "equals" | "prefix"; quote: string } {
  const trimmed = quote.replace(/(…|\.\.\.)$/u, "");
  return trimmed.length < quote.length && trimmed.length > 0
    ? { match: "prefix", quote: trimmed }
    : { match: "equals", quote };
}
