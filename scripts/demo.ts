// `npm run demo`: posts a realistic Sendblue webhook stream (scripts/lib/demo/plan.ts)
// through the real webhook endpoints of a running inbox, paced over about a minute so the
// dashboard can be watched filling up. `--fast` posts without pauses; `--url` picks the
// server; `--seed NNN` gives a separate set of contacts; `--replies` then answers a few
// conversations through the reply API (try it with `npm run sendblue:fake`).
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { env, EnvError } from "@/lib/env";
import { statusCallbackToken } from "@/lib/webhooks/status-callback-token";
import { readLocalSecrets } from "./lib/local-secrets";
import { demoPlan } from "./lib/demo/plan";
import { progressBar } from "./lib/demo/progress";
import { sendDemoReplies } from "./lib/demo/replies";
import type { DemoStep } from "./lib/demo/script";

const log = (line: string) => console.error(`[demo] ${line}`);

function webhookSecret(): string | undefined {
  const config = env();
  return config.SENDBLUE_WEBHOOK_SECRET ?? readLocalSecrets(config.DATA_DIR)?.webhookSecret;
}

async function post(base: string, step: DemoStep, secret: string | undefined) {
  const url = new URL(`/api/webhooks/${step.type}`, base);
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "sendblue-inbox-demo" };
  // A status_callback carries the token derived from the secret, as the inbox's replies do.
  if (secret && step.auth === "token") url.searchParams.set("token", statusCallbackToken(secret));
  else if (secret) headers["sb-signing-secret"] = secret;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(step.body) });
  const text = await response.text();
  let outcome = "";
  try {
    outcome = (JSON.parse(text) as { outcome?: string }).outcome ?? "";
  } catch {
    // Not our JSON (a proxy's error page?): the status code says enough.
  }
  return { status: response.status, outcome, text };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: "string" },
      fast: { type: "boolean", default: false },
      seed: { type: "string", default: "010" },
      replies: { type: "boolean", default: false },
    },
  });
  const base = values.url ?? `http://localhost:${env().PORT}`;
  const health = await fetch(new URL("/api/health", base)).catch(() => null);
  if (!health) {
    log(`no inbox answers at ${base}: start it with \`npm start\` (or pass --url)`);
    return 1;
  }
  const secret = webhookSecret();
  if (!secret)
    log("no SENDBLUE_WEBHOOK_SECRET or .data/secrets.json: posting unsigned (works only if the server allows it)");

  const probe = demoPlan({ seed: values.seed, runId: "probe", start: new Date() });
  // In a fast run the whole timeline lies in the recent past, so no timestamp is in the future.
  const start = values.fast ? new Date(Date.now() - probe.durationMs) : new Date();
  const plan = demoPlan({ seed: values.seed, runId: randomUUID(), start });
  log(
    `posting ${plan.steps.length} webhooks to ${base}${values.fast ? "" : ` over ~${Math.round(plan.durationMs / 1000)} s`}`,
  );

  const bar = progressBar(plan.steps.length);
  const outcomes = new Map<string, number>();
  const failures: string[] = [];
  for (const [i, step] of plan.steps.entries()) {
    if (!values.fast && step.pauseMs) await sleep(step.pauseMs);
    const result = await post(base, step, secret).catch((e: Error) => ({ status: 0, outcome: "", text: e.message }));
    if (result.status >= 200 && result.status < 300) {
      outcomes.set(result.outcome || "ok", (outcomes.get(result.outcome || "ok") ?? 0) + 1);
    } else {
      failures.push(`${step.type} "${step.label}": HTTP ${result.status} ${result.text.slice(0, 200)}`);
    }
    bar.update(i + 1, `${step.type.padEnd(16)} ${step.label}`);
  }
  bar.finish();

  const summary = [...outcomes].map(([k, v]) => `${v} ${k}`).join(", ");
  log(`done: ${summary || "nothing accepted"}${failures.length ? `, ${failures.length} failed` : ""}`);
  for (const f of failures) log(`  ${f}`);
  if (values.replies) {
    const config = env();
    const token = config.INBOX_API_TOKEN ?? readLocalSecrets(config.DATA_DIR)?.apiToken;
    if (!token) {
      log("--replies needs INBOX_API_TOKEN (or .data/secrets.json from npm start)");
      return 1;
    }
    if ((await sendDemoReplies(base, token, log)) > 0) failures.push("replies");
  }
  if (!failures.length) log(`open ${base} to see the conversations`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof EnvError ? error.message : ((error as Error).stack ?? String(error)));
    process.exit(1);
  },
);
