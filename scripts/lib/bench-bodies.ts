import { randomUUID } from "node:crypto";
import { inboundMessage, outboundStatus } from "./demo/bodies";

// Webhook bodies for the ingestion benchmark, built like the demo's: each one unique (fresh
// handles), spread over a few hundred contacts on two lines so conversations are reused as
// in real traffic.

const LINES = ["+14155550101", "+15125550102"];
const CONTACTS = 400;

function contact(): string {
  return `+1555${String(Math.floor(Math.random() * CONTACTS)).padStart(7, "0")}`;
}

function line(): string {
  return LINES[Math.floor(Math.random() * LINES.length)]!;
}

/** A new inbound message. */
export function receiveBody(): string {
  const at = new Date();
  const content = "Can we move Thursday's appointment to 4:30?";
  return JSON.stringify(inboundMessage({ handle: randomUUID(), line: line(), contact: contact(), content, at }));
}

/** A status update: SENT for a message not seen yet (creates it), then DELIVERED for it. */
export function statusBodies(): { sent: string; delivered: string } {
  const at = new Date();
  const message = {
    handle: randomUUID(),
    line: line(),
    contact: contact(),
    content: "Yes, 4:30 works. See you then!",
    at,
  };
  return {
    sent: JSON.stringify(outboundStatus({ ...message, status: "SENT", updatedAt: at })),
    delivered: JSON.stringify(outboundStatus({ ...message, status: "DELIVERED", updatedAt: at })),
  };
}
