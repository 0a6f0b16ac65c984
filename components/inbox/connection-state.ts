import { useSyncExternalStore } from "react";

// Whether this tab can reach its inbox server. The live stream alone cannot say (a host
// that cuts long requests looks the same as a server that is down), so a failed send or
// a stream that stays down is checked against GET /api/health, and while the server is
// unreachable that check repeats until it answers.

const PROBE_EVERY_MS = 2000;
const PROBE_TIMEOUT_MS = 3000;

let reachable = true;
let probing: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function set(next: boolean) {
  if (next && probing) {
    clearInterval(probing);
    probing = null;
  }
  if (next === reachable) return;
  reachable = next;
  for (const fn of listeners) fn();
}

/** One GET /api/health: true when the server answered at all. */
export async function probeServer(): Promise<boolean> {
  // A raw fetch, not api-client: this asks whether the server answers at all, signed in or not.
  const res = await fetch("/api/health", { cache: "no-store", signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }).catch(
    () => null,
  );
  // Any answer from our own server counts; a gateway's 502/504 means it is still away.
  const ok = res !== null && res.status !== 502 && res.status !== 504;
  set(ok);
  return ok;
}

export function reportReachable() {
  set(true);
}

/** Something could not reach the server: say so until a check gets through. */
export function reportUnreachable() {
  set(false);
  probing ??= setInterval(() => void probeServer(), PROBE_EVERY_MS);
}

export function useServerReachable(): boolean {
  return useSyncExternalStore(
    (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    () => reachable,
    () => true,
  );
}
