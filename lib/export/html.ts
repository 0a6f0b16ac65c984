// The only ways text reaches an exported HTML file. Everything in a transcript came from
// someone else (message text, names, file names, links in webhooks), so every value is
// escaped for text and attributes alike, and a link is written only for an http(s) URL.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A URL fit for href: absolute http(s) only (never javascript:, data: or a relative path). */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A link when the URL is safe, else just the text. */
export function link(url: string | null | undefined, text: string, className?: string): string {
  const href = safeHref(url);
  const cls = className ? ` class="${escapeHtml(className)}"` : "";
  return href
    ? `<a${cls} href="${escapeHtml(href)}" rel="noopener noreferrer">${escapeHtml(text)}</a>`
    : `<span${cls}>${escapeHtml(text)}</span>`;
}
