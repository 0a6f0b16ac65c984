import type { Metadata } from "next";
import { MentionList } from "@/components/mentions/mention-list";
import { PageFrame } from "@/components/shell/page-frame";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Mentions · Sendblue Inbox" };

export default async function MentionsPage() {
  await requirePageUser("/mentions");
  return (
    <PageFrame title="Mentions" description="Internal notes where a teammate mentioned you with @.">
      <MentionList />
    </PageFrame>
  );
}
