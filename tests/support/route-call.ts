import { sessionCookieName } from "@/lib/auth/session-cookie";

// Calls a route handler in-process the way a browser or API client would, and reads back
// the status, JSON body and session cookie.

export type Handler = (request: Request, segment: { params: Promise<any> }) => Promise<Response>;

export type CallInit = {
  method?: string;
  body?: unknown;
  cookie?: string;
  bearer?: string;
  params?: object;
  headers?: Record<string, string>;
};

/** Same-origin headers for cookie-authenticated state changes. */
export const SAME_ORIGIN = { origin: "http://inbox.test", host: "inbox.test" };

export async function call(handler: Handler, init: CallInit = {}) {
  const headers = new Headers(init.headers);
  if (init.body !== undefined) headers.set("content-type", "application/json");
  if (init.cookie) headers.set("cookie", `${sessionCookieName()}=${init.cookie}`);
  if (init.bearer) headers.set("authorization", `Bearer ${init.bearer}`);
  const res = await handler(
    new Request("http://inbox.test/api/x", {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
    { params: Promise.resolve(init.params ?? {}) },
  );
  const setCookie = res.headers.get("set-cookie");
  const name = sessionCookieName();
  const cookie = setCookie?.match(new RegExp(`(?:^|, )${name.replace(/[$]/g, "\\$&")}=([^;]*)`))?.[1];
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    body: (await res.json()) as any,
    setCookie,
    cookie,
  };
}

export const randomEmail = () => `m-${Math.random().toString(36).slice(2)}@example.com`;
