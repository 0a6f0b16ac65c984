import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { isValidSessionCookie, SESSION_COOKIE } from "./dashboard-session";

/** Whether the viewer of a page or layout holds a valid dashboard cookie. */
export async function hasPageSession(): Promise<boolean> {
  // Read the cookie first, unconditionally: that is what marks the render as per-request.
  const cookie = (await cookies()).get(SESSION_COOKIE)?.value;
  const token = env().INBOX_API_TOKEN;
  return Boolean(token) && isValidSessionCookie(cookie, token!);
}
