// The search page's state lives in its URL (shareable, back-button friendly); these turn
// it into the API's query string and back.

export type SearchFilters = {
  line?: string;
  contact?: string;
  service?: "iMessage" | "SMS" | "RCS";
  direction?: "inbound" | "outbound";
  media?: boolean;
  from?: string; // YYYY-MM-DD in the viewer's zone
  to?: string;
};

export type SearchState = { q: string; filters: SearchFilters };

export function readSearchState(params: URLSearchParams): SearchState {
  const service = params.get("service");
  const direction = params.get("direction");
  return {
    q: params.get("q") ?? "",
    filters: {
      line: params.get("line") || undefined,
      contact: params.get("contact") || undefined,
      service: service === "iMessage" || service === "SMS" || service === "RCS" ? service : undefined,
      direction: direction === "inbound" || direction === "outbound" ? direction : undefined,
      media: params.get("has") === "media" || undefined,
      from: params.get("from") || undefined,
      to: params.get("to") || undefined,
    },
  };
}

/** For the page URL: days stay days. */
export function pageQuery(state: SearchState): string {
  const p = new URLSearchParams();
  if (state.q) p.set("q", state.q);
  const f = state.filters;
  if (f.line) p.set("line", f.line);
  if (f.contact) p.set("contact", f.contact);
  if (f.service) p.set("service", f.service);
  if (f.direction) p.set("direction", f.direction);
  if (f.media) p.set("has", "media");
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  return p.toString();
}

/** For the API: days become instants in the viewer's own time zone. */
export function apiQuery(state: SearchState, cursor: string | null): string {
  const p = new URLSearchParams(pageQuery({ ...state, filters: { ...state.filters, from: undefined, to: undefined } }));
  if (state.filters.from) p.set("from", localDayStart(state.filters.from).toISOString());
  if (state.filters.to) p.set("to", new Date(localDayStart(state.filters.to).getTime() + 86_400_000 - 1).toISOString());
  if (cursor) p.set("cursor", cursor);
  return p.toString();
}

function localDayStart(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y!, m! - 1, d!);
}

export function messageHref(conversationId: number, handle: string): string {
  return `/?${new URLSearchParams({ c: String(conversationId), m: handle })}`;
}

/** The inbox opened at an internal note (an @mention, a note found by search). */
export function noteHref(conversationId: number, noteId: number): string {
  return `/?${new URLSearchParams({ c: String(conversationId), note: String(noteId) })}`;
}
