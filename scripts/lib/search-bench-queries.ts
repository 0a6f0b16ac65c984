// The fixed query mix of bench:search: each kind as the search API gets it, and the same
// question asked the naive way (ILIKE '%…%' over messages, newest first, same page size).

export type BenchQuery = {
  kind: string;
  params: Record<string, string>;
  naive: { where: string; params: unknown[] };
};

type Corpus = { rare: string[]; contactNumbers: string[]; conversations: number; start: number };

const COMMON = ["thanks", "you", "tomorrow", "the", "ok", "call", "good", "time", "please", "morning"];
// biome-ignore format: a word list reads best across
const PHRASES = [
  "see you tomorrow", "on my way", "call me", "thank you", "next week",
  "sounds good", "what time", "the delivery", "can you", "let me know",
];
const PREFIXES = ["deliv", "appoint", "confirm", "resched", "tomor", "refun", "invoi", "birth", "pack", "insur"];
// Inflected words whose other forms the corpus holds ("refunds" finds "refund").
// biome-ignore format: pairs read best across
const FORMS: [string, string][] = [
  ["refunds", "refund"], ["delivers", "deliver"], ["confirming", "confirm"], ["invoiced", "invoice"], ["meetings", "meeting"],
  ["scheduling", "schedul"], ["packages", "package"], ["payments", "payment"], ["addresses", "address"], ["quotes", "quote"],
];
const TOPICAL = [
  "invoice",
  "appointment",
  "delivery",
  "refund",
  "dinner",
  "package",
  "receipt",
  "meeting",
  "coffee",
  "parking",
];

export function benchQueries(corpus: Corpus, random: () => number, spanMs: number): BenchQuery[] {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const ilike = (w: string) => ({ where: "m.content ILIKE $1", params: [`%${w}%`] });
  const out: BenchQuery[] = [];
  for (let i = 0; i < 10; i++) {
    const rare = pick(corpus.rare);
    out.push({ kind: "rare word", params: { q: rare }, naive: ilike(rare) });
  }
  for (const w of COMMON) out.push({ kind: "common word", params: { q: w }, naive: ilike(w) });
  for (const p of PHRASES) out.push({ kind: "phrase", params: { q: `"${p}"` }, naive: ilike(p) });
  for (const p of PREFIXES) out.push({ kind: "prefix", params: { q: `${p}*` }, naive: ilike(p) });
  for (let i = 0; i < 10; i++) {
    const n = pick(corpus.contactNumbers); // +1AAAPPPLLLL
    const [q, digits] =
      i % 3 === 0
        ? [`(${n.slice(2, 5)}) ${n.slice(5, 8)}`, n.slice(2, 8)]
        : i % 3 === 1
          ? [n.slice(0, 8), n.slice(1, 8)]
          : [n.slice(5), n.slice(5)];
    // The naive way gets the digits already extracted; searching the typed text would find nothing.
    out.push({
      kind: "phone fragment",
      params: { q },
      naive: { where: "(m.from_number ILIKE $1 OR m.to_number ILIKE $1)", params: [`%${digits}%`] },
    });
  }
  for (let i = 0; i < 10; i++) {
    // Area codes and a digit or two more: a tenth or a hundredth of all numbers match.
    const n = pick(corpus.contactNumbers);
    const [q, digits] =
      i % 3 === 0
        ? [`(${n.slice(2, 5)})`, n.slice(2, 5)]
        : i % 3 === 1
          ? [`(${n.slice(2, 5)}) ${n.slice(5, 6)}`, n.slice(2, 6)]
          : [`${n.slice(5, 7)}-${n.slice(7, 9)}`, n.slice(5, 9)];
    out.push({
      kind: "short phone fragment",
      params: { q },
      naive: { where: "(m.from_number ILIKE $1 OR m.to_number ILIKE $1)", params: [`%${digits}%`] },
    });
  }
  for (const [w, stem] of FORMS) {
    out.push({ kind: "word forms", params: { q: w }, naive: ilike(stem) });
  }
  for (let i = 0; i < 10; i++) {
    // Busy threads (low ids) as well as quiet ones.
    const conversation = 1 + Math.floor(corpus.conversations * random() ** 2);
    const w = pick(COMMON);
    out.push({
      kind: "in conversation",
      params: { q: w, conversation: String(conversation) },
      naive: { where: "m.conversation_id = $1 AND m.content ILIKE $2", params: [conversation, `%${w}%`] },
    });
  }
  for (let i = 0; i < 10; i++) {
    const from = new Date(corpus.start + random() * (spanMs - 31 * 86_400_000));
    const to = new Date(from.getTime() + 30 * 86_400_000);
    const w = pick(TOPICAL);
    out.push({
      kind: "date range",
      params: { q: w, from: from.toISOString(), to: to.toISOString() },
      naive: { where: "m.sent_at >= $1 AND m.sent_at <= $2 AND m.content ILIKE $3", params: [from, to, `%${w}%`] },
    });
  }
  return out;
}
