// Sendblue's status values differ between sources; rank the known ones so that a late,
// lower-ranked update only adds history and never moves a message backwards.

const RANKS: Record<string, number> = {
  REGISTERED: 1,
  PENDING: 1,
  QUEUED: 1,
  ACCEPTED: 1,
  SENDING: 1,
  SENT: 2,
  DELIVERED: 3,
  READ: 4,
  RECEIVED: 4,
  DECLINED: 5,
  ERROR: 5,
  FAILED: 5,
};

export function normalizeStatus(status: string | null | undefined): string {
  return (status ?? "UNKNOWN").trim().toUpperCase().replace(/\s+/g, "_") || "UNKNOWN";
}

/** 0 for statuses we don't know: they are recorded but never become current. */
export function statusRank(status: string): number {
  return RANKS[status] ?? 0;
}

/** Any error code other than empty/0 is a failure, whatever the status says. */
export function isErrorCode(code: string | null): boolean {
  return code !== null && code !== "0";
}
