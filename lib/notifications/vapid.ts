import { createECDH } from "node:crypto";
import { env, EnvError } from "@/lib/env";

// The server's VAPID identity for Web Push: the private key signs each push's JWT, the public
// key is what browsers subscribe with. Only the private key needs keeping (the public one is
// derived from it), so `npm start` stores just that in DATA_DIR/secrets.json.

export type VapidConfig = { publicKey: string; privateKey: string; subject: string };

/** The uncompressed P-256 public key of a base64url private key, base64url. */
export function vapidPublicKeyFor(privateKey: string): string {
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(Buffer.from(privateKey, "base64url"));
  return ecdh.getPublicKey().toString("base64url");
}

// Deriving costs an EC point multiplication; the worker asks for every batch.
const derived = new Map<string, string>();

/** The configured keys, or null when Web Push is off (no VAPID_PRIVATE_KEY). */
export function vapidConfig(): VapidConfig | null {
  const { VAPID_PRIVATE_KEY, VAPID_PUBLIC_KEY, VAPID_SUBJECT, PUBLIC_URL } = env();
  if (!VAPID_PRIVATE_KEY) return null;
  let publicKey = derived.get(VAPID_PRIVATE_KEY);
  if (!publicKey) {
    try {
      publicKey = vapidPublicKeyFor(VAPID_PRIVATE_KEY);
    } catch {
      throw new EnvError("Invalid environment variable VAPID_PRIVATE_KEY: not a P-256 private key");
    }
    derived.set(VAPID_PRIVATE_KEY, publicKey);
  }
  if (VAPID_PUBLIC_KEY && VAPID_PUBLIC_KEY !== publicKey) {
    throw new EnvError("Invalid environment variable VAPID_PUBLIC_KEY: it is not the public half of VAPID_PRIVATE_KEY");
  }
  return { publicKey, privateKey: VAPID_PRIVATE_KEY, subject: VAPID_SUBJECT ?? defaultSubject(PUBLIC_URL) };
}

// Push services want a way to reach the sender; the inbox's own https address is one.
// Without it, a placeholder that passes web-push's checks (Apple's service wants a real one:
// README "Notifications").
function defaultSubject(publicUrl: string | undefined): string {
  return publicUrl?.startsWith("https://") ? new URL(publicUrl).origin : "mailto:inbox@localhost.localdomain";
}
