import { z } from "zod";
import { revokedCounts } from "@/lib/http/common-schemas";
import { memberPreferences } from "./member-preferences";

// What the account endpoints answer (JSON; dates as ISO strings).

const iso = z.string().describe("ISO 8601 time");

export const sessionUserView = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(["owner", "member"]),
});

export const meResponse = z.object({ user: sessionUserView, preferences: memberPreferences });
/** The preferences the request changed, as saved. */
export const meUpdated = memberPreferences.partial();

export const memberView = sessionUserView.extend({ disabledAt: iso.nullable(), createdAt: iso });
export const memberList = z.object({ members: z.array(memberView) });
export const memberCreated = z.object({ member: z.looseObject({ id: z.number().int(), email: z.string() }) });

const tokenView = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  createdAt: iso,
  lastUsedAt: iso.nullable(),
});
export const tokenList = z.object({ tokens: z.array(tokenView) });
export const tokenCreated = tokenView
  .omit({ lastUsedAt: true })
  .extend({ token: z.string().describe("Shown only in this answer: `Authorization: Bearer <token>`") });

export const signInResponse = z.object({ ok: z.literal(true) });
export const setupResponse = z.object({ ok: z.literal(true), user: sessionUserView });
export const signOutResponse = z.object({ ok: z.literal(true), revoked: revokedCounts.optional() });
export const revokedResponse = z.object({ ok: z.literal(true), revoked: revokedCounts });
