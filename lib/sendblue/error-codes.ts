// What Sendblue's error codes mean, in the words of its API documentation ("Error codes"),
// for people reading a failure: Insights lists the most frequent codes with this text.
// A code not listed here is shown with the message Sendblue sent along with it.

const MEANINGS: Record<string, string> = {
  "4000": "Validation error: a field of the request is missing or malformed",
  "4001": "Rate limit exceeded: too many requests; Sendblue asks to retry later",
  "4002": "Blacklisted number: Sendblue will not send to it (e.g. emergency numbers, numbers that opted out)",
  "5000": "Internal error at Sendblue",
  "5003": "Server rate limit exceeded; retry later",
  "5509": "Sending limit reached; retry later",
  "10001": "Message failed to send (the carrier or Apple did not accept it)",
  "10002": "Failed to resolve the message's status",
};

/** The documented meaning of a Sendblue error code, or null for a code the documentation does not list. */
export function sendblueErrorMeaning(code: string): string | null {
  return MEANINGS[code.trim()] ?? null;
}
