import { cookies } from "next/headers";
import { cache } from "react";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { sessionCookieName } from "./session-cookie";
import { resolveSession, type SessionUser } from "./sessions";

/**
 * The member viewing a page, from the session cookie; null when signed out. Once per
 * render: the layout and the page both ask, and each asking was a query (React's cache()
 * lasts one server request).
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  // Reading the cookie marks the render as per-request, so it is never prerendered.
  const token = (await cookies()).get(sessionCookieName())?.value;
  return token ? resolveSession(db(), token) : null;
});

/** For pages: the member, or a redirect to sign-in that comes back here. */
export async function requirePageUser(returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  return user;
}
