"use client";

import type { ReactNode } from "react";
import { pageLeadsToSignIn } from "./api-client";

/** The top bar's Sign out: the action goes to /sign-in itself, so a 401 meanwhile must not (api-client.ts). */
export function SignOutForm({ action, children }: { action: () => Promise<void>; children: ReactNode }) {
  return (
    <form action={action} onSubmit={pageLeadsToSignIn}>
      {children}
    </form>
  );
}
