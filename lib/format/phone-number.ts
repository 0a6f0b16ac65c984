import { parsePhoneNumberFromString } from "libphonenumber-js/min";

// The one way a phone number is shown (rows, thread header, contacts, lines, search, banner).
// The API keeps E.164; only what people read is formatted. "min" metadata keeps the client
// bundle small and still knows every country's grouping.

const E164 = /\+\d{8,15}\b/g;

/** "+16465501016" → "+1 (646) 550-1016", "+447700900123" → "+44 7700 900123"; emails and anything unparseable as stored. */
export function formatPhone(value: string): string {
  const parsed = /^\+\d{8,15}$/.test(value) ? parsePhoneNumberFromString(value) : undefined;
  if (!parsed?.isPossible()) return value;
  if (parsed.countryCallingCode === "1") {
    const m = /^(\d{3})(\d{3})(\d{4})$/.exec(parsed.nationalNumber);
    if (m) return `+1 (${m[1]}) ${m[2]}-${m[3]}`;
  }
  return parsed.formatInternational();
}

/** Formats every E.164 number inside a text, e.g. a group titled by its members' numbers. */
export function formatPhonesIn(text: string): string {
  return text.replace(E164, (n) => formatPhone(n));
}
