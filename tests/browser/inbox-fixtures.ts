import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { crc32, deflateSync } from "node:zlib";
import type { Page } from "playwright-core";
import { receiveBody, statusBody, uniqueHandle, uniqueNumber } from "../support/webhooks";
import { baseUrl, postWebhook } from "./harness";

// Shared by the inbox browser tests: posting realistic traffic, a tiny media host, and
// small page helpers. Every test uses its own line number so runs never collide.

export function uniqueLine(): string {
  return `+1512${Math.floor(Math.random() * 1e7)
    .toString()
    .padStart(7, "0")}`;
}

export type Msg = {
  text?: string;
  out?: boolean;
  at?: Date;
  status?: string;
  service?: string;
  media?: string;
  handle?: string;
  sender?: string;
  downgraded?: boolean;
  error?: string;
};

export async function post(type: string, body: unknown) {
  const res = await postWebhook(type, body);
  if (res.status >= 300) throw new Error(`${type} webhook answered ${res.status}: ${JSON.stringify(res.json)}`);
  return res;
}

/** Posts a conversation's messages in order (inbound via receive, outbound via outbound). */
export async function seedThread(
  line: string,
  contact: string,
  messages: Msg[],
  group?: { id: string; name: string | null; members: string[] },
) {
  const handles: string[] = [];
  for (const m of messages) {
    const handle = m.handle ?? uniqueHandle();
    handles.push(handle);
    const at = (m.at ?? new Date()).toISOString();
    const common = {
      message_handle: handle,
      content: m.text ?? "",
      date_sent: at,
      date_updated: at,
      media_url: m.media ?? "",
      service: m.service ?? "iMessage",
      sendblue_number: line,
      number: contact,
      was_downgraded: m.downgraded ?? null,
      ...(group
        ? {
            group_id: group.id,
            group_display_name: group.name,
            participants: [...group.members, line],
            message_type: "group",
          }
        : {}),
    };
    if (m.out) {
      await post("outbound", {
        ...statusBody({ number: contact, sendblue_number: line }),
        ...common,
        status: m.status ?? "DELIVERED",
        error_message: m.error ?? null,
        error_code: m.error ? 10001 : null,
      });
    } else {
      const from = m.sender ?? contact;
      await post("receive", {
        ...receiveBody({ number: contact, sendblue_number: line }),
        ...common,
        from_number: from,
      });
    }
  }
  return handles;
}

export async function conversationIdFor(line: string): Promise<number> {
  const { env } = await import("@/lib/env");
  const res = await fetch(`${baseUrl()}/api/conversations?line=${encodeURIComponent(line)}&limit=1`, {
    headers: { authorization: `Bearer ${env().INBOX_API_TOKEN}` },
  });
  const body = (await res.json()) as { conversations: { id: number }[] };
  if (!body.conversations[0]) throw new Error(`no conversation on ${line}`);
  return body.conversations[0].id;
}

/** A conversation as the API answers it now (unread count, typing…). */
export async function getConversation(id: number): Promise<{ id: number; unreadCount: number; typing: boolean }> {
  const { env } = await import("@/lib/env");
  const res = await fetch(`${baseUrl()}/api/conversations/${id}`, {
    headers: { authorization: `Bearer ${env().INBOX_API_TOKEN}` },
  });
  if (!res.ok) throw new Error(`GET conversation ${id} answered ${res.status}`);
  return (await res.json()) as { id: number; unreadCount: number; typing: boolean };
}

/** A real PNG of one flat colour, made here so tests need no binary fixtures. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).fill(Buffer.from(rgb))]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A media host on 127.0.0.1 (allowed for server-side fetches in the browser test server). */
export async function startMediaHost(files: Record<string, { type: string; body: Buffer | string }>) {
  const server: Server = createServer((req, res) => {
    const file = files[new URL(req.url ?? "/", "http://x").pathname];
    if (!file) {
      res.writeHead(404).end("expired");
      return;
    }
    res.writeHead(200, { "content-type": file.type, "access-control-allow-origin": "*" }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export async function openInbox(page: Page, query = "") {
  await page.goto(`${baseUrl()}/${query}`);
  // Attached, not visible: on a phone with a thread open the list (and its dot) is hidden.
  await page.waitForSelector('[data-live-mode="live"]', { state: "attached", timeout: 15_000 });
}

export { uniqueHandle, uniqueNumber };
