// A reply is stored before Sendblue answers, under `pending:<clientId>` until Sendblue's own
// message_handle replaces it. Live events can name the placeholder after it was replaced, so
// readers resolve it through the clientId, which never changes.

const PREFIX = "pending:";

export function placeholderHandle(clientId: string): string {
  return `${PREFIX}${clientId}`;
}

/** The clientId a placeholder handle stands for, or null for any other handle. */
export function placeholderClientId(handle: string): string | null {
  return handle.startsWith(PREFIX) && handle.length > PREFIX.length ? handle.slice(PREFIX.length) : null;
}

export function isPlaceholderHandle(handle: string): boolean {
  return placeholderClientId(handle) !== null;
}
