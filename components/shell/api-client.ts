// The browser's one way to call this app's API: JSON in and out, one error type, one answer
// to a lapsed session.
// - Every answer that is not 2xx becomes an ApiError carrying the status and the API's
//   `{ error: { code, message } }` (or "<failed> (<status>)" when it said nothing readable).
//   A request that got no answer at all rejects as fetch does (a TypeError).
// - 401 means the session lapsed (it expired, was signed out elsewhere, or its member was
//   disabled): the page goes to /sign-in?next=<this path and query> (lib/auth/safe-redirect.ts
//   accepts any local path) and comes back after signing in. A caller that must first show
//   what it kept (the reply box's "Sign in again") passes `onSignedOut: "ask"`, and a page
//   that leads to sign-in itself ("Sign out everywhere") calls pageLeadsToSignIn(); from then
//   on a read answering 401 does not navigate away from under it.
// - Signals (typing, presence, read marks) wait for nothing: sendSignal() never rejects and
//   never navigates; the next read tells of a lapsed session.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    /** The API's own words, when it gave any. */
    readonly apiMessage: string | null,
    failed = "Request failed",
  ) {
    super(apiMessage ?? `${failed} (${status})`);
    this.name = "ApiError";
  }
}

export type RequestOptions = {
  method?: string;
  /** Sent as JSON, or as it is when FormData. */
  body?: unknown;
  signal?: AbortSignal;
  keepalive?: boolean;
  /** The words for a failure the API did not describe: "<failed> (<status>)". */
  failed?: string;
  /**
   * "ask": this caller shows its own way back to sign-in (signInHref) instead of navigating.
   * "quiet": a background read (a badge's count, a notification's details) that nobody is
   * waiting on: a 401 rejects but leaves the page where it is, since whatever the person is
   * doing there (a draft in the reply box) must not be taken away by a poll.
   */
  onSignedOut?: "navigate" | "ask" | "quiet";
};

let askedToSignIn = false;

/** Sign-in, then back to this page. */
export function signInHref(): string {
  return `/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`;
}

/** This page shows its own way to sign-in from now on: a 401 no longer navigates. */
export function pageLeadsToSignIn(): void {
  askedToSignIn = true;
}

/** The session lapsed: to sign-in, once, unless the page already shows its own way there. */
export function backToSignIn(): void {
  if (typeof window === "undefined" || askedToSignIn) return;
  askedToSignIn = true;
  window.location.assign(signInHref());
}

function requestInit({ method = "GET", body, signal, keepalive }: RequestOptions): RequestInit {
  const form = typeof FormData !== "undefined" && body instanceof FormData;
  return {
    method,
    credentials: "same-origin",
    headers: {
      accept: "application/json",
      ...(body === undefined || form ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    signal,
    keepalive,
  };
}

/** The raw answer, after the 401 rule: for callers that read a status themselves. */
export async function apiFetch(url: string, options: RequestOptions = {}): Promise<Response> {
  const res = await fetch(url, requestInit(options));
  if (res.status === 401) {
    if (options.onSignedOut === "ask") pageLeadsToSignIn();
    else if (options.onSignedOut !== "quiet") backToSignIn();
  } else if (res.ok && options.onSignedOut === "ask") askedToSignIn = false; // signed in again
  return res;
}

/** The ApiError an answer that is not 2xx stands for. */
export async function apiError(res: Response, failed?: string): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  return new ApiError(res.status, body?.error?.code ?? null, body?.error?.message ?? null, failed);
}

/** The answer's JSON (null for an empty one), or an ApiError. */
export async function requestJson<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const res = await apiFetch(url, options);
  if (!res.ok) throw await apiError(res, options.failed);
  const text = await res.text();
  return (text ? JSON.parse(text) : null) as T;
}

/** GET as JSON; also the SWR fetcher: `useSWR<T>(url, getJson)`. */
export function getJson<T>(url: string): Promise<T> {
  return requestJson<T>(url);
}

/** GET as JSON for a background read (onSignedOut "quiet"); also an SWR fetcher. */
export function getJsonQuietly<T>(url: string): Promise<T> {
  return requestJson<T>(url, { onSignedOut: "quiet" });
}

export function sendJson<T = unknown>(url: string, method: string, body?: unknown): Promise<T> {
  return requestJson<T>(url, { method, body });
}

/** A POST that waits for nothing: resolves once answered (or not), never rejects. */
export async function sendSignal(url: string, body?: unknown, options: { keepalive?: boolean } = {}): Promise<void> {
  await fetch(url, requestInit({ method: "POST", body, keepalive: options.keepalive })).catch(() => {});
}

/** What to tell the person after a failed call: the API's own words, else `fallback`. */
export function failureText(error: unknown, fallback: string): string {
  return (error instanceof ApiError && error.apiMessage) || fallback;
}
