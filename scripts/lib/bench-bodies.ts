import { randomUUID } from "node:crypto";

// Webhook bodies for the ingestion benchmark: each one unique (fresh handles), spread over
// a few hundred contacts on two lines so conversations are reused as in real traffic.

const LINES = ["+14155550101", "+15125550102"];
const CONTACTS = 400;

function contact(): string {
  return `+1555${String(Math.floor(Math.random() * CONTACTS)).padStart(7, "0")}`;
}

function message(handle: string, line: string, number: string, inbound: boolean, status: string, content: string) {
  const now = new Date().toISOString();
  return JSON.stringify({
    accountEmail: "bench@example.com",
    content,
    is_outbound: !inbound,
    status,
    error_code: null,
    error_message: null,
    error_reason: null,
    error_detail: null,
    message_handle: handle,
    date_sent: now,
    date_updated: now,
    from_number: inbound ? number : line,
    number,
    to_number: inbound ? line : number,
    was_downgraded: null,
    plan: "dedicated",
    media_url: "",
    message_type: "message",
    group_id: "",
    participants: [number, line],
    send_style: "",
    opted_out: false,
    sendblue_number: line,
    service: "iMessage",
    group_display_name: null,
  });
}

/** A new inbound message. */
export function receiveBody(): string {
  const line = LINES[Math.floor(Math.random() * LINES.length)]!;
  return message(randomUUID(), line, contact(), true, "RECEIVED", "Can we move Thursday's appointment to 4:30?");
}

/** A status update: SENT for a message not seen yet (creates it), then DELIVERED for it. */
export function statusBodies(): { sent: string; delivered: string } {
  const line = LINES[Math.floor(Math.random() * LINES.length)]!;
  const handle = randomUUID();
  const number = contact();
  const text = "Yes, 4:30 works. See you then!";
  return {
    sent: message(handle, line, number, false, "SENT", text),
    delivered: message(handle, line, number, false, "DELIVERED", text),
  };
}
