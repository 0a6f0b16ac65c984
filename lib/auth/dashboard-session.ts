import { createHmac } from "node:crypto";
import { secretsMatch } from "./api-token";

// Until team accounts exist, the dashboard signs in with INBOX_API_TOKEN once and keeps a
// cookie derived from it (never the token itself). Rotating the token signs everyone out.

export const SESSION_COOKIE = "inbox_session";

export function sessionCookieValue(apiToken: string): string {
  return createHmac("sha256", apiToken).update("dashboard-session-v1").digest("base64url");
}

export function isValidSessionCookie(value: string | null | undefined, apiToken: string): boolean {
  return secretsMatch(value, sessionCookieValue(apiToken));
}

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}
