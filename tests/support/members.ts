import { createApiToken } from "@/lib/auth/api-tokens";
import { createUser } from "@/lib/auth/users";
import { testDb } from "./db";
import { randomEmail } from "./route-call";
import { callWebhook, receiveBody, uniqueNumber } from "./webhooks";

/** A member with a personal API token, to call routes as them. */
export async function newMember(name: string) {
  const user = await createUser(testDb(), { email: randomEmail(), password: "correct horse battery", name });
  const { token } = await createApiToken(testDb(), user.id, "test");
  return { ...user, token };
}

/** A conversation created the way real ones are: by an inbound message. */
export async function newConversation(
  options: { line?: string } = {},
): Promise<{ id: number; number: string; line: string }> {
  const number = uniqueNumber();
  const line = options.line ?? uniqueNumber();
  await callWebhook("receive", receiveBody({ number, sendblue_number: line, to_number: line }));
  const c = await testDb().conversation.findFirstOrThrow({ where: { contactNumber: number }, select: { id: true } });
  return { id: c.id, number, line };
}
