"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { isHttpsRequest, safeNextPath } from "@/lib/auth/safe-redirect";
import { sessionCookieName, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { revokeSession } from "@/lib/auth/sessions";
import { signIn } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { clientIp } from "@/lib/http/client-ip";

export type SignInState = { error: string | null; email?: string };

// Server actions are POSTs that Next checks against the Host (Origin) itself, so a
// cross-site form cannot sign someone in or out.

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const h = await headers();
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  // Returned with every error so the form (which React resets after an action) keeps it.
  if (!email.trim() || !password) return { error: "Enter your email and password.", email };
  const result = await signIn(db(), {
    email,
    password,
    ip: clientIp(h),
    userAgent: h.get("user-agent"),
  });
  if (!result.ok && result.reason === "throttled") {
    return { error: `Too many attempts. Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes.`, email };
  }
  if (!result.ok) return { error: "Wrong email or password.", email };
  (await cookies()).set(sessionCookieName(), result.token, sessionCookieOptions(result.expiresAt, isHttpsRequest(h)));
  redirect(safeNextPath(form.get("next")));
}

export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(sessionCookieName())?.value;
  if (token) await revokeSession(db(), token);
  jar.delete(sessionCookieName());
  redirect("/sign-in");
}
