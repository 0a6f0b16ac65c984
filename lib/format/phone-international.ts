import { parsePhoneNumberFromString } from "libphonenumber-js/min";

// Every country's grouping, from libphonenumber's "min" metadata (28 KB compressed in a
// browser; see lib/format/phone-format-core.ts for who loads it when).

/** "+447700900123" → "+44 7700 900123"; a number no country could have, as stored. */
export function formatInternational(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed?.isPossible() ? parsed.formatInternational() : e164;
}
