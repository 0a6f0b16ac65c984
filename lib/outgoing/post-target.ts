import http from "node:http";
import https from "node:https";
import { env } from "@/lib/env";
import { pinnedLookup } from "@/lib/media/safe-fetch";
import { checkTarget, targetPolicy } from "./target-guard";

// POSTs one body to an endpoint: the URL is checked again (the rules may have changed since
// it was saved), DNS answers are checked and pinned like the media mirror's, redirects are
// not followed (a 3xx is a failure), and only the status and a little of the answer are kept.
// Outgoing webhooks, Slack notices and Web Push (lib/notifications/push-send.ts) go out here.

export type PostResult = { ok: boolean; status: number | null; error: string | null };

const KEEP_ANSWER_BYTES = 300;

/** `headers` win over the JSON defaults (a push is an encrypted octet stream). */
export async function postToTarget(
  rawUrl: string,
  body: string | Buffer,
  headers: Record<string, string>,
): Promise<PostResult> {
  let url: URL;
  try {
    url = checkTarget(rawUrl);
  } catch (error) {
    return { ok: false, status: null, error: (error as Error).message };
  }
  const timeoutMs = env().OUTGOING_WEBHOOK_TIMEOUT_MS;
  return new Promise<PostResult>((resolve) => {
    const transport = url.protocol === "https:" ? https : http;
    const req = transport.request(url, {
      method: "POST",
      lookup: pinnedLookup(url.hostname.replace(/^\[|\]$/g, ""), targetPolicy(url)),
      timeout: timeoutMs,
      headers: {
        "content-type": "application/json",
        "user-agent": "sendblue-inbox-webhooks",
        ...headers,
        "content-length": Buffer.byteLength(body),
      },
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", (error) => resolve({ ok: false, status: null, error: error.message.slice(0, 300) }));
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on("data", (c: Buffer) => {
        if (kept < KEEP_ANSWER_BYTES) chunks.push(c);
        kept += c.length;
      });
      res.on("end", () => {
        const ok = status >= 200 && status < 300;
        const answer = Buffer.concat(chunks).toString("utf8").slice(0, KEEP_ANSWER_BYTES);
        resolve({ ok, status, error: ok ? null : `HTTP ${status}${answer ? `: ${answer}` : ""}` });
      });
      res.on("error", (error) => resolve({ ok: false, status, error: error.message }));
    });
    req.end(body);
  });
}
