import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { bearerToken, secretsMatch } from "./secrets";
import { apiTokenIsLive } from "./api-tokens";
import type { Principal } from "./authenticate";
import { sessionIsLive } from "./sessions";

/**
 * For requests that stay open (event streams): is the credential this request came with
 * still good? A signed-out or expired session, a revoked token, a disabled or removed member,
 * or a changed INBOX_API_TOKEN all say no. Nothing is touched: an open tab does not keep an
 * idle session alive.
 */
export async function stillAuthenticated(db: Db, request: Request, principal: Principal): Promise<boolean> {
  switch (principal.kind) {
    case "automation": {
      const shared = env().INBOX_API_TOKEN;
      return Boolean(shared) && secretsMatch(bearerToken(request), shared!);
    }
    case "api-token":
      return apiTokenIsLive(db, bearerToken(request) ?? "");
    case "session":
      return sessionIsLive(db, principal.sessionToken);
  }
}
