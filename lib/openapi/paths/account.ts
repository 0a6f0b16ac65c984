import {
  memberCreated,
  memberList,
  meResponse,
  revokedResponse,
  setupResponse,
  signInResponse,
  signOutResponse,
  tokenCreated,
  tokenList,
} from "@/lib/auth/auth-responses";
import { changePasswordBody, createMemberBody, createTokenBody, setupBody, signInBody, signOutBody, updateMemberBody } from "@/lib/auth/auth-schemas";
import { idPath, okBody } from "@/lib/http/common-schemas";
import type { RouteDocs } from "../operation";

const cookie = { "set-cookie": "The session cookie (HttpOnly, SameSite=Lax)" };

export const accountRoutes: RouteDocs = {
  "POST /api/auth/sign-in": {
    tag: "Account",
    summary: "Sign in; sets the session cookie",
    auth: ["none"],
    body: signInBody,
    responses: { 200: { description: "Signed in", schema: signInResponse, headers: cookie } },
    errors: [403, 429],
  },
  "POST /api/auth/setup": {
    tag: "Account",
    summary: "Create the first owner with the one-time setup token from the server log",
    auth: ["none"],
    body: setupBody,
    responses: { 201: { description: "The owner, signed in", schema: setupResponse, headers: cookie } },
    errors: [403, 409],
  },
  "POST /api/auth/sign-out": {
    tag: "Account",
    summary: "Sign out (`everywhere: true` also revokes every session and API token)",
    auth: ["session", "bearer"],
    body: signOutBody,
    responses: { 200: { description: "Signed out; the cookie is cleared", schema: signOutResponse } },
    errors: [403],
  },
  "GET /api/me": {
    tag: "Account",
    summary: "The calling member",
    auth: ["session", "bearer"],
    responses: { 200: { description: "The member", schema: meResponse } },
    errors: [403],
  },
  "POST /api/me/password": {
    tag: "Account",
    summary: "Change your password (other sessions and API tokens end)",
    auth: ["session", "bearer"],
    body: changePasswordBody,
    responses: { 200: { description: "Changed", schema: revokedResponse } },
    errors: [403],
  },
  "GET /api/members": {
    tag: "Members",
    summary: "List members",
    auth: ["session", "bearer"],
    responses: { 200: { description: "Members", schema: memberList } },
    errors: [403],
  },
  "POST /api/members": {
    tag: "Members",
    summary: "Add a member (owners, signed in)",
    auth: ["session"],
    body: createMemberBody,
    responses: { 201: { description: "The new member", schema: memberCreated } },
    errors: [403, 409],
  },
  "PATCH /api/members/{id}": {
    tag: "Members",
    summary: "Disable, enable or set a member's password (owners, signed in)",
    auth: ["session"],
    params: idPath,
    body: updateMemberBody,
    responses: { 200: { description: "Updated", schema: revokedResponse } },
    errors: [403, 404],
  },
  "DELETE /api/members/{id}": {
    tag: "Members",
    summary: "Remove a member (owners, signed in)",
    auth: ["session"],
    params: idPath,
    responses: { 200: { description: "Removed", schema: okBody } },
    errors: [403, 404],
  },
  "GET /api/tokens": {
    tag: "API tokens",
    summary: "Your personal API tokens (prefixes only)",
    auth: ["session", "bearer"],
    responses: { 200: { description: "Tokens", schema: tokenList } },
    errors: [403],
  },
  "POST /api/tokens": {
    tag: "API tokens",
    summary: "Create a personal API token (signed-in sessions only)",
    auth: ["session"],
    body: createTokenBody,
    responses: { 201: { description: "The token, shown once", schema: tokenCreated } },
    errors: [403],
  },
  "DELETE /api/tokens/{id}": {
    tag: "API tokens",
    summary: "Revoke one of your API tokens",
    auth: ["session", "bearer"],
    params: idPath,
    responses: { 200: { description: "Revoked", schema: okBody } },
    errors: [403, 404],
  },
};
