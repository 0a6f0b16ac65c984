import type { Actor } from "@/lib/activity/record-activity";
import type { Principal } from "@/lib/auth/authenticate";

// Who a workflow change or read is for: the member behind a session or personal API token;
// the shared automation token acts as no member (the trail shows it as the system).

export function actorOf(principal: Principal | null): Actor {
  return principal && principal.kind !== "automation" ? principal.user : null;
}

export function viewerIdOf(principal: Principal | null): number | null {
  return actorOf(principal)?.id ?? null;
}
