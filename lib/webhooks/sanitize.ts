// PostgreSQL text and jsonb cannot hold U+0000 or a lone UTF-16 surrogate (a body may spell
// one as "\ud800"); replace both with U+FFFD so a hostile or broken body still lands (the
// raw bytes are kept untouched in webhook_events.body).

export function stripNul<T>(value: T, depth = 0): T {
  if (depth > 64) return null as T;
  if (typeof value === "string") return clean(value) as T;
  if (Array.isArray(value)) return value.map((v) => stripNul(v, depth + 1)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [stripNul(k, depth + 1), stripNul(v, depth + 1)]),
    ) as T;
  }
  return value;
}

function clean(s: string): string {
  const wellFormed = s.isWellFormed() ? s : s.toWellFormed();
  return wellFormed.includes("\u0000") ? wellFormed.replaceAll("\u0000", "\uFFFD") : wellFormed;
}

/**
 * Whether a JSON text can decode to a string stripNul would change. JSON spells U+0000 and
 * lone surrogates only as \u escapes (raw control characters are invalid, and invalid UTF-8
 * already decoded to U+FFFD), so most bodies skip the copy.
 */
export function mayNeedCleaning(jsonText: string): boolean {
  return /\\u(?:0000|[dD][89a-fA-F])/.test(jsonText);
}
