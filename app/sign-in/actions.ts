"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { SESSION_COOKIE } from "@/lib/auth/dashboard-session";
import { isHttpsRequest, safeNextPath, signIn } from "@/lib/auth/sign-in";
import { env } from "@/lib/env";

export type SignInState = { error: string | null };

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const result = signIn(form.get("token"), env().INBOX_API_TOKEN, isHttpsRequest(await headers()));
  if (!result.ok) return { error: result.error };
  (await cookies()).set(result.cookie.name, result.cookie.value, result.cookie.options);
  redirect(safeNextPath(form.get("next")));
}

export async function signOutAction(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
  redirect("/sign-in");
}
