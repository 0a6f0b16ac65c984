import { createECDH, createHmac, createDecipheriv, createPublicKey, randomBytes, verify } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

// A local stand-in for a push service (FCM, Mozilla's autopush, Apple's): it takes Web Push
// requests as the real ones do and records them, checked up to what a push service checks
// (the VAPID JWT's signature and claims) and decrypted as the browser would (RFC 8291), with
// the private keys of fake subscriptions made here. Each subscription's path picks the answer.

export type FakeSubscription = {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** The browser side's secrets, to decrypt with. */
  secret: { privateKey: Buffer; publicKey: Buffer; auth: Buffer };
};

export type ReceivedPush = {
  path: string;
  headers: http.IncomingHttpHeaders;
  status: number;
  /** The VAPID JWT's claims once its signature checked out against `k` (null: no or bad header). */
  vapid: { claims: Record<string, unknown>; publicKey: string } | null;
  body: Buffer;
};

export async function startPushService(answer: (path: string, n: number) => number = () => 201) {
  const received: ReceivedPush[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      const status = answer(path, received.filter((r) => r.path === path).length);
      received.push({
        path,
        headers: req.headers,
        status,
        vapid: checkVapid(req.headers.authorization),
        body: Buffer.concat(chunks),
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    /** A browser's subscription on this service, with the keys to read what is pushed to it. */
    subscription(path: string): FakeSubscription {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16);
      return {
        endpoint: `${origin}${path}`,
        keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") },
        secret: { privateKey: ecdh.getPrivateKey(), publicKey: ecdh.getPublicKey(), auth },
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `vapid t=<JWT>, k=<public key>` (RFC 8292): the ES256 signature checked with k. */
function checkVapid(header: string | undefined): ReceivedPush["vapid"] {
  const m = header?.match(/^vapid t=([\w-]+\.[\w-]+\.[\w-]+),\s*k=([\w-]+)$/);
  if (!m) return null;
  const [jwt, k] = [m[1]!, m[2]!];
  const [head, payload, signature] = jwt.split(".") as [string, string, string];
  const point = Buffer.from(k, "base64url");
  const key = createPublicKey({
    key: {
      kty: "EC",
      crv: "P-256",
      x: point.subarray(1, 33).toString("base64url"),
      y: point.subarray(33, 65).toString("base64url"),
    },
    format: "jwk",
  });
  const ok = verify(
    "sha256",
    Buffer.from(`${head}.${payload}`),
    { key, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  if (!ok || JSON.parse(Buffer.from(head, "base64url").toString()).alg !== "ES256") return null;
  return { claims: JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>, publicKey: k };
}

const hmac = (key: Buffer, data: Buffer) => createHmac("sha256", key).update(data).digest();

/** Decrypts an aes128gcm body (RFC 8188 framing, RFC 8291 keys) as the subscribed browser would. */
export function decryptPush(body: Buffer, secret: FakeSubscription["secret"]): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const senderPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  if (ciphertext.length > recordSize) throw new Error("more than one record");
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(secret.privateKey);
  const shared = ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), secret.publicKey, senderPublic, Buffer.from([1])]);
  const ikm = hmac(hmac(secret.auth, shared), keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from("Content-Encoding: aes128gcm\0\x01", "binary")).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from("Content-Encoding: nonce\0\x01", "binary")).subarray(0, 12);
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then any zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("no last-record delimiter");
  return padded.subarray(0, end).toString("utf8");
}
