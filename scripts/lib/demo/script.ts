import { handleFor, outboundStatus, type MessageFields } from "./bodies";

// A timeline of webhook posts: each step remembers the pause before it, and bodies are
// stamped with the virtual clock, so a paced run and a `--fast` run carry the same times.

export type DemoAuth = "header" | "token";

export type DemoStep = {
  type: string;
  body: Record<string, unknown>;
  /** "token": a per-message status_callback, proven by ?token= instead of the header. */
  auth: DemoAuth;
  pauseMs: number;
  label: string;
};

export type ExpectedMessage = { handle: string; status: string; history: string[]; errorCode?: string };
export type ExpectedReaction = { handle: string; targetHandle: string; reaction: string };

export class DemoScript {
  readonly steps: DemoStep[] = [];
  readonly messages: ExpectedMessage[] = [];
  readonly reactions: ExpectedReaction[] = [];
  private elapsed = 0;
  private pending = 0;

  constructor(
    private readonly start: Date,
    private readonly runId: string,
  ) {}

  wait(ms: number): this {
    this.elapsed += ms;
    this.pending += ms;
    return this;
  }

  now(): Date {
    return new Date(this.start.getTime() + this.elapsed);
  }

  handle(key: string): string {
    return handleFor(`${this.runId}:${key}`);
  }

  post(type: string, body: Record<string, unknown>, label: string, auth: DemoAuth = "header"): this {
    this.steps.push({ type, body, auth, pauseMs: this.pending, label });
    this.pending = 0;
    return this;
  }

  /**
   * One message we sent, through its status updates. Each entry is [status, ms after the
   * previous update, options]; `stampedAt` lets a late update carry an earlier time.
   */
  sent(
    fields: Omit<MessageFields, "handle" | "at"> & { key: string },
    updates: [
      string,
      number,
      { auth?: DemoAuth; errorCode?: number | string; errorMessage?: string; lateFrom?: string }?,
    ][],
    expected: { status: string; errorCode?: string },
  ): string {
    const handle = this.handle(fields.key);
    const sentAt = this.now();
    const stamps = new Map<string, Date>();
    const history: string[] = [];
    for (const [status, delay, options = {}] of updates) {
      this.wait(delay);
      const updatedAt = options.lateFrom ? stamps.get(options.lateFrom)! : this.now();
      stamps.set(status, updatedAt);
      if (!history.includes(status)) history.push(status);
      const body = outboundStatus({
        ...fields,
        handle,
        at: sentAt,
        status,
        updatedAt,
        errorCode: options.errorCode,
        errorMessage: options.errorMessage,
      });
      const auth = options.auth ?? "header";
      this.post(auth === "token" ? "status" : "outbound", body, `${status.padEnd(9)} → ${short(fields.content)}`, auth);
    }
    this.messages.push({ handle, status: expected.status, history, errorCode: expected.errorCode });
    return handle;
  }

  /** Totals, for the progress bar's time estimate. */
  durationMs(): number {
    return this.steps.reduce((sum, s) => sum + s.pauseMs, 0);
  }
}

export function short(text: string, max = 48): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  if (!oneLine) return "(attachment)";
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
