import { webhookRoute } from "@/lib/webhooks/webhook-route";

// Hyphenated spellings (typing-indicator) and unknown types; each type has a static route too.
export const POST = webhookRoute();
