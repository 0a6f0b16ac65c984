import { describe, expect, it } from "vitest";
import { GET as streamGet } from "@/app/api/events/stream/route";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { revokeAccess } from "@/lib/auth/revoke-access";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { createSession, sessionIsLive } from "@/lib/auth/sessions";
import { createUser } from "@/lib/auth/users";
import { inboxListener } from "@/lib/realtime/listen";
import { inboxEventStream } from "@/lib/realtime/sse-stream";
import { testDb } from "../support/db";
import { randomEmail } from "../support/route-call";
import { callWebhook, receiveBody } from "../support/webhooks";

// An event stream outlives the request that authenticated it: it must end when its caller
// loses access, at once when that is announced, else at the next periodic re-check.

async function signedIn() {
  const user = await createUser(testDb(), { email: randomEmail(), password: "a long enough password" });
  const { token } = await createSession(testDb(), user.id);
  return { user, token };
}

function reader(body: ReadableStream<Uint8Array>) {
  const r = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  return {
    get text() {
      return text;
    },
    /** Reads until the text contains `needle`; returns whether the stream ended instead. */
    async until(needle: string | null, ms = 10_000): Promise<"found" | "ended"> {
      const deadline = Date.now() + ms;
      while (needle === null || !text.includes(needle)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`stream neither said ${needle} nor ended; got ${text}`);
        const next = await Promise.race([
          r.read(),
          new Promise<"timeout">((res) => setTimeout(() => res("timeout"), left)),
        ]);
        if (next === "timeout") continue;
        if (next.done) return "ended";
        text += decoder.decode(next.value);
      }
      return "found";
    },
  };
}

/** Waits until the stream is connected to the database's notifications (an event reaches it). */
async function live(stream: ReturnType<typeof reader>) {
  await stream.until("event: ready");
  for (let i = 0; i < 250 && !inboxListener().connected; i++) await new Promise((r) => setTimeout(r, 20));
  const body = receiveBody();
  await callWebhook("receive", body);
  await stream.until(body.message_handle);
}

const openStream = (headers: Record<string, string>, signal: AbortSignal) =>
  streamGet(new Request("http://inbox.test/api/events/stream", { headers, signal }), { params: Promise.resolve({}) });

describe("an open event stream", { timeout: 60_000 }, () => {
  it("ends at once when its member signs out everywhere (GET /api/events/stream with a cookie)", async () => {
    const { user, token } = await signedIn();
    const abort = new AbortController();
    const res = await openStream({ cookie: `${sessionCookieName()}=${token}` }, abort.signal);
    expect(res.status).toBe(200);
    const stream = reader(res.body!);
    await live(stream);

    await revokeAccess(testDb(), user.id);
    // Well inside the 30 s timer: the `access` notification triggered the re-check.
    expect(await stream.until(null, 10_000)).toBe("ended");
    expect(stream.text).toContain("event: signed-out");
    expect(stream.text).not.toContain('"type":"access"');
    abort.abort();
  });

  it("ends when its API token is revoked", async () => {
    const { user } = await signedIn();
    const created = await createApiToken(testDb(), user.id, "stream");
    const abort = new AbortController();
    const res = await openStream({ authorization: `Bearer ${created.token}` }, abort.signal);
    const stream = reader(res.body!);
    await live(stream);
    await revokeApiToken(testDb(), user.id, created.id);
    expect(await stream.until(null)).toBe("ended");
    abort.abort();
  });

  it("ends on the periodic re-check when access ends with no announcement (disabled in SQL, session expired)", async () => {
    for (const end of ["disable", "expire"] as const) {
      const { user, token } = await signedIn();
      const abort = new AbortController();
      const stream = reader(
        inboxEventStream(abort.signal, {
          userId: user.id,
          stillAllowed: () => sessionIsLive(testDb(), token),
          recheckMs: 200,
        }),
      );
      await stream.until("event: ready");
      if (end === "disable") await testDb().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
      else
        await testDb().session.updateMany({
          where: { userId: user.id },
          data: { idleExpiresAt: new Date(Date.now() - 1000) },
        });
      expect(await stream.until(null, 10_000), end).toBe("ended");
      expect(stream.text).toContain("event: signed-out");
      abort.abort();
    }
  });

  it("stays open while its caller is still allowed", async () => {
    const { user, token } = await signedIn();
    const abort = new AbortController();
    const stream = reader(
      inboxEventStream(abort.signal, {
        userId: user.id,
        stillAllowed: () => sessionIsLive(testDb(), token),
        recheckMs: 100,
      }),
    );
    await stream.until("event: ready");
    await new Promise((r) => setTimeout(r, 600));
    const body = receiveBody();
    await callWebhook("receive", body);
    expect(await stream.until(body.message_handle)).toBe("found");
    abort.abort();
  });
});
