import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/api-error";
import { createSendblueClient, type SendblueClient } from "./sendblue-client";

/** The client for the configured account, or null when no API keys are set. */
export function configuredSendblueClient(): SendblueClient | null {
  const { SENDBLUE_API_KEY_ID, SENDBLUE_API_SECRET, SENDBLUE_API_BASE_URL } = env();
  if (!SENDBLUE_API_KEY_ID || !SENDBLUE_API_SECRET) return null;
  return createSendblueClient({
    baseUrl: SENDBLUE_API_BASE_URL,
    keyId: SENDBLUE_API_KEY_ID,
    secret: SENDBLUE_API_SECRET,
  });
}

export function requireSendblueClient(): SendblueClient {
  const client = configuredSendblueClient();
  if (!client) {
    throw new ApiError(
      503,
      "sending_not_configured",
      "Set SENDBLUE_API_KEY_ID and SENDBLUE_API_SECRET to reply from the inbox",
    );
  }
  return client;
}
