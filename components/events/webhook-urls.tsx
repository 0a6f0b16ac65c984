import { env } from "@/lib/env";
import { statusCallbackToken } from "@/lib/webhooks/status-callback-token";
import { WEBHOOK_TYPES, type WebhookType } from "@/lib/webhooks/webhook-types";

const PURPOSE: Record<WebhookType, string> = {
  receive: "Receive: messages arriving on your lines",
  outbound: "Outbound: status updates of messages you send",
  status: "status_callback of a single send (see below)",
  typing_indicator: "Typing indicator",
  call_log: "Call log",
  line_blocked: "Line blocked",
  line_assigned: "Line assigned",
  contact_created: "Contact created",
};

/**
 * The URLs to paste into Sendblue's dashboard, one per webhook type. Never prints the secret;
 * owners see the status_callback URL with its derived token (which proves status callbacks
 * and nothing else), members a placeholder.
 */
export function WebhookUrls({ origin, showStatusToken }: { origin: string; showStatusToken: boolean }) {
  const secret = env().SENDBLUE_WEBHOOK_SECRET;
  const statusToken = showStatusToken && secret ? statusCallbackToken(secret) : null;
  const secretsFile = `${env().DATA_DIR.replace(/\/+$/, "")}/secrets.json`;
  const types = WEBHOOK_TYPES.filter((t) => t !== "status");
  return (
    <div className="space-y-3 text-left text-sm">
      <p>
        In Sendblue&apos;s dashboard, add one webhook per type with these URLs, and set the webhook secret to this
        inbox&apos;s SENDBLUE_WEBHOOK_SECRET (under <code className="font-mono text-xs">npm start</code>:{" "}
        <code className="font-mono text-xs">webhookSecret</code> in{" "}
        <code className="font-mono text-xs">{secretsFile}</code>).
      </p>
      <dl className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {types.map((type) => (
          <div key={type} className="grid gap-1 px-3 py-2 sm:grid-cols-[14rem_1fr] sm:gap-3">
            <dt className="text-zinc-600 dark:text-zinc-400">{PURPOSE[type]}</dt>
            <dd>
              <code className="font-mono text-xs break-all text-zinc-900 lg:break-normal select-all dark:text-zinc-100">
                {origin}/api/webhooks/{type}
              </code>
            </dd>
          </div>
        ))}
      </dl>
      <p>
        When you send through Sendblue&apos;s API you can pass a per-message{" "}
        <code className="font-mono text-xs">status_callback</code>. Those callbacks arrive without the secret header, so
        the URL carries a token derived from the secret (never the secret itself; it is accepted on this URL only). The
        inbox&apos;s own replies add it for you.
      </p>
      <p>
        <code
          data-testid="status-callback-url"
          className="block rounded-md bg-zinc-100 px-3 py-2 font-mono text-xs break-all text-zinc-900 select-all dark:bg-zinc-900 dark:text-zinc-100"
        >
          {origin}/api/webhooks/status?token={statusToken ?? "<status token: ask an owner, or see npm start's log>"}
        </code>
      </p>
    </div>
  );
}
