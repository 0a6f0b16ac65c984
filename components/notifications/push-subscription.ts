import { requestJson } from "@/components/shell/api-client";

// This browser's Web Push subscription, kept in step with the server
// (/api/me/push-subscriptions). The browser's own subscription is the truth: Settings turns it
// on or off, and each page load hands it to the server again, so it follows the current sign-in
// (pushes stop with the sign-in that asked for them) and a changed server key.

const API = "/api/me/push-subscriptions";

export function pushSupported(): boolean {
  return (
    typeof window !== "undefined" &&
    "serviceWorker" in navigator &&
    "PushManager" in window &&
    typeof Notification !== "undefined"
  );
}

const toBase64Url = (buffer: ArrayBuffer | null) =>
  buffer
    ? btoa(String.fromCharCode(...new Uint8Array(buffer)))
        .replace(/\+/g, "-")
        .replace(/\//g, "_")
        .replace(/=+$/, "")
    : "";

function fromBase64Url(value: string): Uint8Array<ArrayBuffer> {
  const binary = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function registration(): Promise<ServiceWorkerRegistration> {
  await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  return navigator.serviceWorker.ready;
}

export async function currentPushSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const existing = await navigator.serviceWorker.getRegistration();
  return (await existing?.pushManager.getSubscription()) ?? null;
}

async function save(subscription: PushSubscription): Promise<void> {
  await requestJson(API, { method: "POST", body: subscription.toJSON(), failed: "Could not turn on push" });
}

/** Subscribes (asking for permission if need be) with the server's key and tells the server. */
export async function enablePush(publicKey: string): Promise<void> {
  if ((await Notification.requestPermission()) !== "granted")
    throw new Error("Notifications are blocked for this site in the browser");
  const reg = await registration();
  let subscription = await reg.pushManager.getSubscription();
  if (subscription && toBase64Url(subscription.options.applicationServerKey) !== publicKey) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await reg.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: fromBase64Url(publicKey),
  });
  await save(subscription);
}

export async function disablePush(): Promise<void> {
  const subscription = await currentPushSubscription();
  if (!subscription) return;
  await requestJson(API, { method: "DELETE", body: { endpoint: subscription.endpoint } }).catch(() => {});
  await subscription.unsubscribe();
}

/** On page load: an existing subscription is saved again for this sign-in (or renewed for a new key, or dropped with none). */
export async function syncPush(publicKey: string | null): Promise<void> {
  const subscription = await currentPushSubscription();
  if (!subscription || Notification.permission !== "granted") return;
  // The server stopped pushing (no VAPID key): let the tab notify again instead.
  if (!publicKey) return void (await subscription.unsubscribe());
  if (toBase64Url(subscription.options.applicationServerKey) !== publicKey) await enablePush(publicKey);
  else await save(subscription);
}
