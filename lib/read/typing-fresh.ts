// Sendblue promises no "stopped": a typing indicator counts for TYPING_FRESH_MS after its last
// update unless is_typing:false arrives first. The server's conversation list and the
// browser's live store (components/inbox/live-store.ts) both time it with this one constant.
export const TYPING_FRESH_MS = 15_000;
