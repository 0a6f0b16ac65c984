import { z } from "zod";
import { ApiError } from "@/lib/http/api-error";

// Sendblue's send API, server-side only (it refuses browsers, and the keys must stay here).
// Errors carry Sendblue's numeric code and whether a retry can help.

export type SendblueCredentials = { baseUrl: string; keyId: string; secret: string };

/** Sendblue refused or could not be reached; answered to our callers as 502. */
export class SendblueError extends ApiError {
  constructor(
    message: string,
    readonly httpStatus: number | null,
    readonly sendblueCode: string | null,
    /** Rate limits: wait and send again. Never true when the send may already have gone out. */
    readonly retryable: boolean,
  ) {
    super(
      502,
      `sendblue_${sendblueCode ?? (httpStatus ? `http_${httpStatus}` : "unreachable")}`,
      `Sendblue: ${message}`,
    );
  }
}

const RATE_LIMIT_CODES = new Set(["4001", "5003", "5509"]);

export const sendResponseSchema = z.looseObject({
  message_handle: z.string().min(1),
  status: z.string().nullish(),
  error_code: z.union([z.string(), z.number()]).nullish(),
  error_message: z.string().nullish(),
  date_sent: z.string().nullish(),
});
export type SendResponse = z.infer<typeof sendResponseSchema>;

export type SendMessageInput = {
  number?: string;
  group_id?: string;
  from_number: string;
  content?: string;
  media_url?: string;
  send_style?: string;
  status_callback?: string;
  /** An iMessage inline reply; part_index is left to Sendblue, as its docs ask. */
  reply_to?: { message_handle: string };
};

export type Reaction = "love" | "like" | "dislike" | "laugh" | "emphasize" | "question";

export function createSendblueClient(credentials: SendblueCredentials, options: { timeoutMs?: number } = {}) {
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function call(path: string, init: { json?: unknown; form?: FormData }): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(new URL(path, credentials.baseUrl), {
        method: "POST",
        headers: {
          "sb-api-key-id": credentials.keyId,
          "sb-api-secret-key": credentials.secret,
          ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
        },
        body: init.form ?? JSON.stringify(init.json),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === "TimeoutError";
      // A timed-out send may still have been accepted: never retried automatically.
      throw new SendblueError(
        timedOut
          ? `Sendblue did not answer within ${timeoutMs / 1000} s; the message may or may not have been sent`
          : `Could not reach Sendblue: ${(error as Error).message}`,
        null,
        null,
        !timedOut,
      );
    }
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = { message: text.slice(0, 300) };
    }
    const code = body.error_code === null || body.error_code === undefined ? null : String(body.error_code);
    const failed = !response.ok || (code !== null && code !== "0");
    if (!failed) return body;
    const message = String(body.error_message ?? body.message ?? body.error ?? `Sendblue answered ${response.status}`);
    const rateLimited = response.status === 429 || (code !== null && RATE_LIMIT_CODES.has(code));
    throw new SendblueError(message, response.status, code, rateLimited);
  }

  return {
    async sendMessage(input: SendMessageInput): Promise<SendResponse> {
      const path = input.group_id ? "/api/send-group-message" : "/api/send-message";
      return sendResponseSchema.parse(await call(path, { json: input }));
    },
    async sendTypingIndicator(input: { number: string; from_number: string; state: "start" | "stop" }) {
      await call("/api/send-typing-indicator", { json: input });
    },
    async markRead(input: { number: string; from_number: string }) {
      await call("/api/mark-read", { json: input });
    },
    async sendReaction(input: {
      from_number: string;
      message_handle: string;
      reaction: Reaction;
      part_index?: number;
    }) {
      await call("/api/send-reaction", { json: input });
    },
    async uploadFile(file: Blob, fileName: string): Promise<string> {
      const form = new FormData();
      form.set("file", file, fileName);
      const body = z.looseObject({ media_url: z.string().min(1) }).parse(await call("/api/upload-file", { form }));
      return body.media_url;
    },
  };
}

export type SendblueClient = ReturnType<typeof createSendblueClient>;
