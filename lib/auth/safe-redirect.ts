/**
 * Where to go after signing in: only a path on this site, so `?next=` cannot send the
 * viewer to another origin. The answer is checked after the URL parser has normalised it,
 * because the parser is what turns `/.//evil.example`, `/..//evil.example` and
 * `/%2e//evil.example` into `//evil.example` (a scheme-relative URL, another site), and
 * drops tabs and newlines (`/\t/evil.example`). Control characters, backslashes (browsers
 * read `\` as `/`) and an encoded slash or backslash right after the leading `/` are
 * refused outright: no real page of ours needs them.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || !isLocalPath(next)) return "/";
  try {
    const url = new URL(next, "http://inbox.invalid");
    if (url.origin !== "http://inbox.invalid" || url.pathname.startsWith("/sign-in")) return "/";
    const path = url.pathname + url.search + url.hash;
    return isLocalPath(path) ? path : "/";
  } catch {
    return "/";
  }
}

// One leading slash, then anything but a second slash or backslash, raw or percent-encoded
// (`/%2f/x`, `/%5c/x`), and no control characters or backslashes anywhere, raw or encoded
// (`%09`, `%0a`, `%0d`, `%00`, `%5c`).
function isLocalPath(path: string): boolean {
  if (!path.startsWith("/") || path.startsWith("//")) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if (/[\\\u0000-\u001f\u007f]/.test(path)) return false;
  if (/%(?:0[0-9a-f]|1[0-9a-f]|7f|5c)/i.test(path)) return false;
  if (/^\/%2f/i.test(path)) return false;
  return true;
}

/** Whether the viewer reached us over https (directly or through a proxy that says so). */
export function isHttpsRequest(headers: Headers): boolean {
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return proto === "https";
}
