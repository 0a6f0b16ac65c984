import { webhookRoute } from "@/lib/webhooks/webhook-route";

export const POST = webhookRoute("typing_indicator");
