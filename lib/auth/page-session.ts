import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { isValidSessionCookie, SESSION_COOKIE } from "./dashboard-session";

/** Whether the viewer of a page or layout holds a valid dashboard cookie. */
export async function hasPageSession(): Promise<boolean> {
  const token = env().INBOX_API_TOKEN;
  if (!token) return false;
  return isValidSessionCookie((await cookies()).get(SESSION_COOKIE)?.value, token);
}
