import { handleFor, inboundMessage, outboundStatus } from "@/scripts/lib/demo/bodies";

// The Sendblue stand-in's message history, for `GET /api/v2/messages` (Sendblue's v2 API,
// README, "Sync with Sendblue"): a generated past of 1:1 and group conversations with
// tapbacks, attachments and an occasional field we do not know, plus whatever tests add or
// change while a client pages through it. Messages are kept in two orders (by send time and
// by last update) so a page is a binary search and a slice, not a sort per request.

export type HistoryMessage = Record<string, unknown> & {
  message_handle: string;
  date_sent: string;
  date_updated: string;
};

type Entry = { body: HistoryMessage; sent: number; updated: number };

export type HistoryOptions = {
  /** How many messages to generate (0: an empty account). */
  count?: number;
  seed?: number;
  /** The newest generated message is this long before the stand-in starts (default 1 h). */
  endsAgoMs?: number;
  /** The history spans this long (default two years). */
  spanMs?: number;
  lines?: string[];
  /** Base URL of the stand-in, for generated attachment links (set once it listens). */
  mediaBase?: () => string;
};

export type ListQuery = URLSearchParams;

const FILTERS: Record<string, (m: HistoryMessage, v: string) => boolean> = {
  number: (m, v) => m.from_number === v || m.to_number === v || m.number === v,
  from_number: (m, v) => m.from_number === v,
  to_number: (m, v) => m.to_number === v,
  sendblue_number: (m, v) => m.sendblue_number === v,
  group_id: (m, v) => m.group_id === v,
  is_outbound: (m, v) => String(m.is_outbound) === v,
  message_type: (m, v) => m.message_type === v,
  service: (m, v) => m.service === v,
  status: (m, v) => m.status === v,
};

// Sendblue's SDK spells the order fields in camelCase, its CLI in snake_case: both work.
const ORDER_FIELDS: Record<string, "sent" | "updated"> = {
  createdAt: "sent",
  created_at: "sent",
  sentAt: "sent",
  sent_at: "sent",
  updatedAt: "updated",
  updated_at: "updated",
};

export const MAX_PAGE = 100;

export class FakeHistory {
  private bySent: Entry[] = [];
  private byUpdated: Entry[] = [];
  private byHandle = new Map<string, Entry>();
  private listeners = new Set<(type: string, message: HistoryMessage) => void>();

  constructor(private readonly options: HistoryOptions = {}) {
    generate(options, (m) => this.insert(m, false));
  }

  get size(): number {
    return this.bySent.length;
  }

  onChange(listener: (type: string, message: HistoryMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A message arriving now (or at its own date_sent, which must not be older than the newest). */
  add(message: HistoryMessage): HistoryMessage {
    this.insert(message, true);
    return message;
  }

  /** A message changing (a status update): it moves to the end of the updated-at order. */
  update(handle: string, patch: Record<string, unknown>): HistoryMessage | null {
    const entry = this.byHandle.get(handle);
    if (!entry) return null;
    const now = Math.max(Date.now(), entry.updated + 1);
    entry.body = { ...entry.body, ...patch, date_updated: new Date(now).toISOString() };
    entry.updated = now;
    this.byUpdated.splice(this.byUpdated.indexOf(entry), 1);
    this.byUpdated.push(entry);
    for (const l of this.listeners) l("message.updated", this.served(entry.body));
    return this.served(entry.body);
  }

  get(handle: string): HistoryMessage | null {
    const body = this.byHandle.get(handle)?.body;
    return body ? this.served(body) : null;
  }

  /** A message as the API serves it: generated attachment paths on the stand-in's address. */
  private served(body: HistoryMessage): HistoryMessage {
    const url = body.media_url;
    return typeof url === "string" && url.startsWith("/media/")
      ? { ...body, media_url: `${this.options.mediaBase?.() ?? ""}${url}` }
      : body;
  }

  /** The oldest outbound message still at SENT: what a churning account delivers next. */
  nextToDeliver(after: number): HistoryMessage | null {
    for (let i = after; i < this.bySent.length; i++) {
      const b = this.bySent[i]!.body;
      if (b.is_outbound && b.status === "SENT") return b;
    }
    return null;
  }

  list(q: ListQuery): {
    data: HistoryMessage[];
    pagination: { hasMore: boolean; total: number; limit: number; offset: number };
  } {
    const orderBy = q.get("order_by") ?? "createdAt";
    const field = ORDER_FIELDS[orderBy];
    if (!field) throw new RangeError(`order_by must be one of ${Object.keys(ORDER_FIELDS).join(", ")}`);
    const direction = q.get("order_direction") ?? "desc";
    if (direction !== "asc" && direction !== "desc") throw new RangeError("order_direction must be asc or desc");
    const limit = Math.min(MAX_PAGE, Math.max(1, Number(q.get("limit") ?? 50) || 50));
    const offset = Math.max(0, Number(q.get("offset") ?? 0) || 0);
    const rows = field === "sent" ? this.bySent : this.byUpdated;
    const key = (e: Entry) => (field === "sent" ? e.sent : e.updated);
    // The range the order field allows, by binary search; other dates and fields by scan.
    const lo = lowerBound(
      rows,
      key,
      time(q, `${field}_at_gte`) ?? time(q, field === "sent" ? "created_at_gte" : "") ?? -Infinity,
    );
    const hiTime = time(q, `${field}_at_lte`) ?? time(q, field === "sent" ? "created_at_lte" : "") ?? Infinity;
    const hi = lowerBound(rows, key, hiTime, true);
    const checks = this.checks(q, field);
    let matches: Entry[];
    if (checks.length === 0) {
      matches = rows.slice(lo, hi);
    } else {
      matches = [];
      for (let i = lo; i < hi; i++) if (checks.every((c) => c(rows[i]!))) matches.push(rows[i]!);
    }
    if (direction === "desc") matches.reverse();
    const page = matches.slice(offset, offset + limit).map((e) => this.served(e.body));
    return {
      data: page,
      pagination: { hasMore: offset + page.length < matches.length, total: matches.length, limit, offset },
    };
  }

  private checks(q: ListQuery, field: "sent" | "updated"): ((e: Entry) => boolean)[] {
    const checks: ((e: Entry) => boolean)[] = [];
    for (const [name, test] of Object.entries(FILTERS)) {
      const v = q.get(name);
      if (v !== null && v !== "") checks.push((e) => test(e.body, v));
    }
    const other = field === "sent" ? "updated" : "sent";
    const gte = time(q, `${other}_at_gte`);
    const lte = time(q, `${other}_at_lte`);
    if (gte !== null) checks.push((e) => e[other] >= gte);
    if (lte !== null) checks.push((e) => e[other] <= lte);
    return checks;
  }

  private insert(message: HistoryMessage, announce: boolean): void {
    if (this.byHandle.has(message.message_handle)) throw new Error(`duplicate handle ${message.message_handle}`);
    const entry: Entry = {
      body: message,
      sent: Date.parse(message.date_sent),
      updated: Date.parse(message.date_updated),
    };
    this.byHandle.set(message.message_handle, entry);
    insertSorted(this.bySent, entry, (e) => e.sent);
    insertSorted(this.byUpdated, entry, (e) => e.updated);
    if (announce) for (const l of this.listeners) l("message.received", this.served(message));
  }
}

function time(q: ListQuery, name: string): number | null {
  const v = name ? q.get(name) : null;
  if (!v) return null;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new RangeError(`${name} must be an ISO 8601 date`);
  return t;
}

/** First index whose key is ≥ t (or > t with `after`). */
function lowerBound(rows: Entry[], key: (e: Entry) => number, t: number, after = false): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const k = key(rows[mid]!);
    if (k < t || (after && k === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(rows: Entry[], entry: Entry, key: (e: Entry) => number): void {
  const k = key(entry);
  if (rows.length === 0 || key(rows[rows.length - 1]!) <= k) rows.push(entry);
  else rows.splice(lowerBound(rows, key, k, true), 0, entry);
}

/** A message arriving now from a contact, as a live account's history holds it. */
export function liveInbound(content: string, handle: string, contact = "+15550009999"): HistoryMessage {
  const now = new Date().toISOString();
  return {
    accountEmail: "demo@example.com",
    content,
    is_outbound: false,
    status: "RECEIVED",
    message_handle: handle,
    date_sent: now,
    date_updated: now,
    from_number: contact,
    number: contact,
    to_number: "+15122164639",
    sendblue_number: "+15122164639",
    message_type: "message",
    group_id: "",
    media_url: "",
    service: "iMessage",
  };
}

// biome-ignore format: a word list reads best across
const WORDS = [
  "see you at 6", "thanks!", "on my way", "can you send the invoice?", "sounds good",
  "call me", "running late", "👍", "the package arrived", "what time works?",
];
const FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Linus", "Margaret", "Donald", "Frances"];
// biome-ignore format: a word list reads best across
const LAST = [
  "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Thompson", "Torvalds", "Hamilton", "Knuth", "Allen",
];

/** The generated account's contacts: a few thousand numbers, each with a name. */
export function fakeContactNumber(i: number): string {
  return `+1555${String(1_000_000 + i)
    .slice(1)
    .padStart(7, "0")}`;
}

export function fakeContact(i: number) {
  return {
    contact_id: `ct_${i}`,
    phone: fakeContactNumber(i),
    first_name: FIRST[i % FIRST.length],
    last_name: LAST[Math.floor(i / FIRST.length) % LAST.length],
    company_name: i % 7 === 0 ? "Acme" : undefined,
    tags: i % 5 === 0 ? ["vip"] : [],
    opt_out: false,
    verified: i % 3 === 0,
    sendblue_number: "+15122164639",
    created_at: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
  };
}

export function contactCountFor(messages: number): number {
  return Math.max(1, Math.min(2000, Math.ceil(messages / 50)));
}

/** Deterministic history: message i is always the same for a given seed and count. */
function generate(o: HistoryOptions, emit: (m: HistoryMessage) => void): void {
  const count = o.count ?? 0;
  if (count === 0) return;
  const lines = o.lines ?? ["+15122164639", "+15122164640"];
  const end = Date.now() - (o.endsAgoMs ?? 3600_000);
  const span = o.spanMs ?? 2 * 365 * 86400_000;
  const step = span / count;
  const contacts = contactCountFor(count);
  let rand = (o.seed ?? 42) >>> 0;
  const random = () => {
    rand = (rand + 0x6d2b79f5) >>> 0;
    let t = rand;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const lastText = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const at = new Date(Math.round(end - span + i * step));
    const contactIndex = Math.floor(random() * contacts);
    const contact = fakeContactNumber(contactIndex);
    const line = lines[contactIndex % lines.length]!;
    const inGroup = random() < 0.05;
    const groupNo = contactIndex % 20;
    const group = inGroup
      ? {
          id: `group-${groupNo}`,
          name: groupNo % 2 ? `Team ${groupNo}` : null,
          participants: [contact, fakeContactNumber(contactIndex + 1), line],
        }
      : undefined;
    const convo = group ? group.id : `${line}:${contact}`;
    const previous = lastText.get(convo);
    const roll = random();
    const content = previous && roll < 0.03 ? `Loved “${previous}”` : WORDS[Math.floor(random() * WORDS.length)]!;
    const hasMedia = roll > 0.95;
    const fields = {
      handle: handleFor(`history:${o.seed ?? 42}:${i}`),
      line,
      contact,
      content: hasMedia ? "" : content,
      at,
      group,
      service: (random() < 0.8 ? "iMessage" : "SMS") as "iMessage" | "SMS",
      // A path: the stand-in's address is known only once it listens, after this runs.
      mediaUrl: hasMedia && o.mediaBase ? `/media/${at.getTime()}/photo-${i}.png` : undefined,
    };
    if (!hasMedia && !content.startsWith("Loved")) lastText.set(convo, content);
    const outbound = random() < 0.45;
    const body = outbound
      ? outboundStatus({
          ...fields,
          status: i % 50 === 0 ? "SENT" : "DELIVERED",
          updatedAt: new Date(at.getTime() + 2000),
        })
      : inboundMessage(fields);
    // Now and then a field the inbox does not know (kept in `extra`, never lost).
    if (i % 97 === 0) (body as Record<string, unknown>).x_future_field = { note: `kept as is ${i}` };
    emit(body as HistoryMessage);
  }
}
