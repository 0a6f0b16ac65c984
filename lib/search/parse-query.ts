// The search box's query language, turned into data the SQL layer can use safely:
//   words           all must match            invoice paid
//   "exact phrase"  words adjacent, in order  "see you tomorrow"
//   -word           must not match            -spam   -"out of office"
//   a OR b          either                    refund OR return
//   prefix*         word starting with        deliv*
//   a phone number  conversations with it     (512) 216   +1512216   2164639
// User text never reaches SQL as syntax: every lexeme is quoted into a tsquery string here
// and passed as one bound parameter (see toTsquery). Punctuation-only tokens (`'; drop`,
// `:*`, `&|!`) carry no lexeme and are dropped; quotes may be left unbalanced.

/** `text` goes to the database whole (quoted), so it is split into lexemes exactly as the
 * indexed content was; `words` is our own split of it, for highlighting and length checks. */
export type Term = { kind: "word" | "phrase"; text: string; words: string[]; prefix: boolean };

/** All clauses must hold; a clause holds when any of its terms matches (or none, if negated). */
export type Clause = { negated: boolean; anyOf: Term[] };

export type ParsedQuery =
  | { kind: "text"; clauses: Clause[]; highlight: HighlightTerm[]; nameWords: string[] }
  | { kind: "phone"; digits: string };

/** `forms`: a plain word, which also matches its English forms ("refund" marks "refunds"). */
export type HighlightTerm = { text: string; prefix: boolean; forms?: boolean };

export class QueryError extends Error {
  constructor(
    readonly code: "query_empty" | "query_too_short" | "query_only_excludes",
    message: string,
  ) {
    super(message);
  }
}

export const MIN_WORD_CHARS = 2;
export const MIN_PHONE_DIGITS = 3;
export const MAX_QUERY_LENGTH = 300;

const WORD_CHAR = /[\p{L}\p{N}]/u;
// Digits with the punctuation people type in numbers. A bare run of fewer than 7 digits
// ("2024", "404") is more likely a word than a number, unless it carries + ( ) formatting.
const PHONE_SHAPE = /^[+(]?[\d\s().\-+]+$/;

// Characters the database's unaccent rules turn into a quote or backslash (’ from an
// iPhone keyboard, ʼ, ′, ＇, ∖ …). toTsquery escapes ' and \ but search_unaccent runs after
// it, on the whole tsquery text, so these must already be plain ASCII here or "don’t"
// would end its quoted lexeme early (a tsquery syntax error).
const UNACCENT_QUOTES: Record<string, string> = {
  "\u0149": "'n",
  "\u02b9": "'",
  "\u02bb": "'",
  "\u02bc": "'",
  "\u02bd": "'",
  "\u02c8": "'",
  "\u2018": "'",
  "\u2019": "'",
  "\u201b": "'",
  "\u2032": "'",
  "\uff07": "'",
  "\u2216": "\\",
  "\ufe68": "\\",
  "\uff3c": "\\",
};
// biome-ignore lint/suspicious/noControlCharactersInRegex: all of ASCII, control characters included
const ASCII = /^[\x00-\x7f]*$/;
const UNACCENT_QUOTE = new RegExp(`[${Object.keys(UNACCENT_QUOTES).join("")}]`, "gu");

/** Lower case and strip accents the way the index does (unaccent + 'simple'). */
export function normalize(text: string): string {
  // Snippets call this for every word of every result: most are ASCII, with nothing to strip.
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .replace(UNACCENT_QUOTE, (c) => UNACCENT_QUOTES[c]!)
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

export function parseQuery(input: string): ParsedQuery {
  const q = input.trim().slice(0, MAX_QUERY_LENGTH);
  if (!q) throw new QueryError("query_empty", "Type something to search for");

  const digits = q.replace(/\D/g, "");
  if (
    PHONE_SHAPE.test(q) &&
    digits.length >= MIN_PHONE_DIGITS &&
    (digits.length >= 7 || /[+()]/.test(q) || /\d[\s.-]\d/.test(q))
  ) {
    return { kind: "phone", digits };
  }

  const clauses: Clause[] = [];
  let pendingOr = false;
  for (const token of tokenize(q)) {
    if (token.kind === "or") {
      pendingOr = clauses.length > 0 && !clauses.at(-1)!.negated;
      continue;
    }
    const term = toTerm(token);
    if (!term) continue;
    const previous = clauses.at(-1);
    if (pendingOr && !token.negated && previous && !previous.negated) previous.anyOf.push(term);
    else clauses.push({ negated: token.negated, anyOf: [term] });
    pendingOr = false;
  }

  if (clauses.length === 0) {
    if (digits.length > 0 && digits.length < MIN_PHONE_DIGITS) {
      throw new QueryError("query_too_short", `Type at least ${MIN_PHONE_DIGITS} digits of a number`);
    }
    throw new QueryError("query_empty", "The search has no words in it; type letters or digits");
  }
  const positive = clauses.filter((c) => !c.negated);
  if (positive.length === 0) {
    throw new QueryError("query_only_excludes", "Add a word to search for: -word only excludes from results");
  }
  const longest = Math.max(...positive.flatMap((c) => c.anyOf.map(termChars)));
  if (longest < MIN_WORD_CHARS) {
    throw new QueryError("query_too_short", `Type at least ${MIN_WORD_CHARS} letters to search`);
  }
  for (const c of positive) {
    for (const t of c.anyOf) {
      if (t.prefix && t.words.at(-1)!.length < MIN_WORD_CHARS) {
        throw new QueryError("query_too_short", `A prefix search needs at least ${MIN_WORD_CHARS} letters before *`);
      }
    }
  }

  const highlight: HighlightTerm[] = positive.flatMap((c) =>
    c.anyOf.flatMap((t) =>
      t.words.map((w, i) => ({
        text: w,
        prefix: t.prefix && i === t.words.length - 1,
        ...(t.kind === "word" && !t.prefix ? { forms: true } : {}),
      })),
    ),
  );
  // A plain list of words may also be a person's name ("maria lopez").
  const plain = clauses.every(
    (c) => !c.negated && c.anyOf.length === 1 && c.anyOf[0]!.kind === "word" && !c.anyOf[0]!.prefix,
  );
  const nameWords = plain ? highlight.map((h) => h.text).filter((w) => w.length >= 3) : [];
  return { kind: "text", clauses, highlight, nameWords };
}

type Token = { kind: "or" } | { kind: "text"; text: string; negated: boolean; quoted: boolean };

function* tokenize(q: string): Generator<Token> {
  let i = 0;
  while (i < q.length) {
    while (i < q.length && /\s/.test(q[i]!)) i++;
    if (i >= q.length) break;
    let negated = false;
    if (q[i] === "-" && i + 1 < q.length && !/\s/.test(q[i + 1]!)) {
      negated = true;
      i++;
    }
    if (q[i] === '"') {
      const end = q.indexOf('"', i + 1);
      const stop = end === -1 ? q.length : end;
      yield { kind: "text", text: q.slice(i + 1, stop), negated, quoted: true };
      i = stop + 1;
      continue;
    }
    let j = i;
    while (j < q.length && !/\s/.test(q[j]!) && q[j] !== '"') j++;
    const text = q.slice(i, j);
    i = j;
    if (text === "OR" && !negated) yield { kind: "or" };
    else yield { kind: "text", text, negated, quoted: false };
  }
}

/** Splits on anything that is not a letter or digit, as the database's parser does. */
function words(text: string): string[] {
  return normalize(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => WORD_CHAR.test(w));
}

function toTerm(token: Extract<Token, { kind: "text" }>): Term | null {
  const prefix = !token.quoted && /\*+$/.test(token.text);
  const text = normalize(token.text.replace(/\*+$/, "")).trim();
  const parts = words(text);
  if (parts.length === 0) return null;
  // "e-mail" or "don't" are several lexemes too: the database matches them as adjacent words.
  if (parts.length === 1) return { kind: token.quoted ? "phrase" : "word", text: parts[0]!, words: parts, prefix };
  return { kind: "phrase", text, words: parts, prefix };
}

function termChars(t: Term): number {
  return Math.max(...t.words.map((w) => w.length));
}

/** For each AND-ed clause made only of exact phrases (no prefix), the phrase texts: the
 * SQL layer adds "has the phrase's adjacent word pairs" for them (see phrasePairs). */
export function phraseClauses(clauses: Clause[]): string[][] {
  return clauses
    .filter((c) => !c.negated && c.anyOf.every((t) => t.kind === "phrase" && !t.prefix))
    .map((c) => c.anyOf.map((t) => t.text));
}

/** One term's tsquery text: its text single-quoted, so no input is syntax. */
export function termTsquery(t: Term): string {
  return `'${t.text.replace(/['\\]/g, (c) => c + c)}'${t.prefix ? ":*" : ""}`;
}

/** The tsquery text for a parsed query (exact words: see tsquery-sql.ts for word forms). */
export function toTsquery(clauses: Clause[]): string {
  const term = termTsquery;
  return clauses
    .map((c) => {
      const any = c.anyOf.length === 1 ? term(c.anyOf[0]!) : `(${c.anyOf.map(term).join(" | ")})`;
      return c.negated ? `!${any}` : any;
    })
    .join(" & ");
}
