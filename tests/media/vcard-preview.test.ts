import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as vcardGet } from "@/app/api/media/[id]/vcard/route";
import { resetEnvCache } from "@/lib/env";
import { parseVCard } from "@/lib/media/parse-vcard";
import { authedGet } from "../support/api";
import { testDb } from "../support/db";
import { callWebhook, receiveBody } from "../support/webhooks";

// Contact-card previews: parsing, the fetch allow-list, and the route's limits.

const V3 =
  "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Appleseed;Johnny;;;\r\nFN:Johnny Appleseed\r\nORG:Apple Inc.;\r\nTEL;type=CELL;type=VOICE;type=pref:+1 (408) 555-0101\r\nitem1.TEL:+14085550102\r\nEMAIL;type=INTERNET;type=HOME:johnny@example.com\r\nEND:VCARD\r\n";
const V4 =
  "BEGIN:VCARD\nVERSION:4.0\nN:Doe;Jane;;;\nTEL;VALUE=uri;TYPE=work:tel:+1-555-555-0100\nEMAIL:jane@example.org\nEND:VCARD\n";

describe("parseVCard", () => {
  it("reads an iPhone vCard 3.0", () => {
    expect(parseVCard(V3)).toEqual({
      name: "Johnny Appleseed",
      organization: "Apple Inc.",
      phones: [
        { value: "+1 (408) 555-0101", label: "cell" },
        { value: "+14085550102", label: null },
      ],
      emails: [{ value: "johnny@example.com", label: "home" }],
    });
  });

  it("reads a vCard 4.0 without FN from its structured name", () => {
    expect(parseVCard(V4)).toMatchObject({
      name: "Jane Doe",
      phones: [{ value: "+1-555-555-0100", label: "work" }],
      emails: [{ value: "jane@example.org", label: null }],
    });
  });

  it("throws on something that is not a vCard", () => {
    expect(() => parseVCard("<html>expired</html>")).toThrow();
  });
});

describe("GET /api/media/:id/vcard", () => {
  let server: Server;
  let base: string;
  const previous = process.env.MEDIA_ALLOW_PRIVATE_HOSTS;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/card.vcf") return void res.writeHead(200, { "content-type": "text/vcard" }).end(V3);
      if (req.url === "/huge.vcf") return void res.writeHead(200).end(Buffer.alloc(1024 * 1024 + 10, 65));
      if (req.url === "/bad.vcf") return void res.writeHead(200).end("this is not a card");
      if (req.url === "/redirect.vcf") return void res.writeHead(302, { location: "http://evil.example/x.vcf" }).end();
      if (req.url === "/slow.vcf") return void setTimeout(() => res.writeHead(200).end(V3), 6000);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.MEDIA_ALLOW_PRIVATE_HOSTS = "127.0.0.1";
    resetEnvCache();
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    if (previous === undefined) delete process.env.MEDIA_ALLOW_PRIVATE_HOSTS;
    else process.env.MEDIA_ALLOW_PRIVATE_HOSTS = previous;
    resetEnvCache();
  });

  async function mediaFor(url: string): Promise<number> {
    const body = receiveBody({ media_url: url, content: "" });
    expect((await callWebhook("receive", body)).status).toBe(200);
    const m = await testDb().mediaAttachment.findFirstOrThrow({ where: { message: { handle: body.message_handle } } });
    return m.id;
  }

  const get = async (id: number) => {
    const res = await vcardGet(authedGet(`/api/media/${id}/vcard`), { params: Promise.resolve({ id: String(id) }) });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  it("fetches and parses an allowed card", async () => {
    const res = await get(await mediaFor(`${base}/card.vcf`));
    expect(res.status).toBe(200);
    expect(res.body.name).toBe("Johnny Appleseed");
    expect(res.body.phones).toHaveLength(2);
  });

  it("says why a card cannot be shown", async () => {
    expect((await get(await mediaFor(`${base}/gone.vcf`))).body.error.code).toBe("media_unavailable");
    expect((await get(await mediaFor(`${base}/huge.vcf`))).status).toBe(413);
    expect((await get(await mediaFor(`${base}/bad.vcf`))).status).toBe(422);
    // the redirect is followed, re-checked, and refused: evil.example is not an allowed host
    expect((await get(await mediaFor(`${base}/redirect.vcf`))).body.error.code).toBe("media_url_refused");
    expect((await get(await mediaFor("http://evil.example/a.vcf"))).body.error.code).toBe("media_url_refused");
    expect((await get(999_999_999)).status).toBe(404);
  });

  it("gives up on a slow host after 5 s", async () => {
    const res = await get(await mediaFor(`${base}/slow.vcf`));
    expect(res.status).toBe(502);
    expect(res.body.error.message).toMatch(/in time/);
  });
});
