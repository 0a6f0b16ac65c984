// A rough English stem, only to mark the words of a result that a plain word matched:
// "refunds", "refunded" and "refunding" all give "refund"; "deliveries" and "delivery" give
// "deliveri", as Snowball does. The database decides what matches, with Snowball's English
// stemmer (the search_stems migration); a wrong guess here marks a word too many or too few,
// never changes a result.

export function roughStem(word: string): string {
  // Twice, for stacked suffixes: "meetings" → "meeting" → "meet".
  return stripSuffix(stripSuffix(word.toLowerCase()));
}

function stripSuffix(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (/ie[sd]$/.test(w) && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("ing") && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith("ed") && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  // stopped → stopp → stop; but call, miss, buzz keep their double letter.
  if (/([b-df-hj-kmnp-rtv-y])\1$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith("e") && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith("y") && w.length > 2) w = `${w.slice(0, -1)}i`;
  return w;
}

/** Whether two (normalised) words are likely forms of one English word. */
export function sameWordForm(a: string, b: string): boolean {
  return a === b || roughStem(a) === roughStem(b);
}
