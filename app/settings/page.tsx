import type { Metadata } from "next";
import { ApiTokens } from "@/components/settings/api-tokens";
import { LabelsSettings } from "@/components/settings/labels-settings";
import { SavedRepliesSettings } from "@/components/settings/saved-replies-settings";
import { AutoAssign } from "@/components/settings/auto-assign";
import { NotificationSettings } from "@/components/settings/notification-settings";
import { Integrations } from "@/components/settings/integrations";
import { PasswordForm } from "@/components/settings/password-form";
import { SendblueSync } from "@/components/settings/sendblue-sync";
import { SignOutEverywhere } from "@/components/settings/sign-out-everywhere";
import { TeamMembers } from "@/components/settings/team-members";
import { requirePageUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { vapidConfig } from "@/lib/notifications/vapid";

export const metadata: Metadata = { title: "Settings · Sendblue Inbox" };

export default async function SettingsPage() {
  const user = await requirePageUser("/settings");
  const prefs = await db().user.findUnique({
    where: { id: user.id },
    select: { autoAssign: true, notifications: true },
  });
  return (
    <main className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto w-full max-w-3xl space-y-5 px-4 py-6">
        <div className="space-y-1">
          <h1 className="text-xl font-semibold tracking-tight">Settings</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Signed in as {user.name ? `${user.name} (${user.email})` : user.email} · {user.role}
          </p>
        </div>
        <PasswordForm />
        <SignOutEverywhere />
        <AutoAssign initial={prefs?.autoAssign ?? false} />
        <NotificationSettings
          initial={prefs?.notifications ?? "mine_and_unassigned"}
          vapidPublicKey={vapidConfig()?.publicKey ?? null}
        />
        <ApiTokens />
        <TeamMembers meId={user.id} isOwner={user.role === "owner"} />
        <LabelsSettings />
        <SavedRepliesSettings />
        <SendblueSync isOwner={user.role === "owner"} />
        {user.role === "owner" ? <Integrations /> : null}
      </div>
    </main>
  );
}
