import { z } from "zod";
import { memberPreferences } from "./member-preferences";

// Bodies of the account endpoints, shared by routes, pages and tests.

export const signInBody = z.object({
  email: z.string().trim().min(1, "Enter your email").max(254),
  password: z.string().min(1, "Enter your password").max(1024),
});

export const setupBody = z.object({
  setupToken: z.string().trim().min(1, "Paste the setup token from the server log").max(200),
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
  name: z.string().trim().max(100).optional(),
});

export const changePasswordBody = z.object({
  current: z.string().min(1).max(1024),
  next: z.string().min(1).max(1024),
});

export const createTokenBody = z.object({ name: z.string().trim().min(1, "Name the token").max(100) });

export const createMemberBody = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
  name: z.string().trim().max(100).optional(),
  role: z.enum(["owner", "member"]).default("member"),
});

/** An owner enables or disables a member, or gives them a new password (a forgotten one). */
export const updateMemberBody = z
  .object({ disabled: z.boolean().optional(), password: z.string().min(1).max(1024).optional() })
  .refine((b) => b.disabled !== undefined || b.password !== undefined, { message: "Send disabled, password, or both" });

export const signOutBody = z.object({ everywhere: z.boolean().default(false) });

/** PATCH /api/me: the caller's own preferences, any of them (autoAssign, notifications). */
export const updateMeBody = memberPreferences
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: "Send autoAssign, notifications, or both" });
