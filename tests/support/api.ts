import { env } from "@/lib/env";

/** A GET to a route handler in-process, authenticated like an API client. */
export function authedGet(path: string, init: { signal?: AbortSignal; token?: string | null } = {}): Request {
  const token = init.token === undefined ? env().INBOX_API_TOKEN : init.token;
  return new Request(`http://inbox.test${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal: init.signal,
  });
}
