/**
 * Content-Disposition for a download or an inline view: a plain-ASCII `filename` for old
 * clients (quotes, backslashes and anything outside printable ASCII become "_") and the
 * exact name as RFC 8187 `filename*`. The name is never trusted: it may come from a sender.
 */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
