export { startReceiver, type Received } from "@/scripts/lib/webhook-receiver";
