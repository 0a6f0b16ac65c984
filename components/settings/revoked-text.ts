// How many sessions and API tokens an action ended, in words, for the settings messages.

export type RevokedCounts = { sessions: number; apiTokens: number };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function revokedText(r: RevokedCounts, sessionWord = "session"): string {
  return `${plural(r.sessions, sessionWord, `${sessionWord}s`)} signed out and ${plural(r.apiTokens, "API token", "API tokens")} revoked`;
}
