/**
 * Where to go after signing in: only a path on this site, so `?next=` cannot send the
 * viewer to another origin (`//evil.example`, `/\evil.example`, `https://…`).
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return "/";
  try {
    const url = new URL(next, "http://inbox.invalid");
    if (url.origin !== "http://inbox.invalid" || url.pathname.startsWith("/sign-in")) return "/";
    return url.pathname + url.search + url.hash;
  } catch {
    return "/";
  }
}

/** Whether the viewer reached us over https (directly or through a proxy that says so). */
export function isHttpsRequest(headers: Headers): boolean {
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return proto === "https";
}
