import { formatPhonesInWith, formatPhoneWith } from "./phone-format-core";
import { formatInternational } from "./phone-international";

// The one way a phone number is shown (rows, thread header, contacts, lines, search, banner,
// exports), with every country's metadata at hand. The inbox's own components use
// components/inbox/use-phone-format.ts, the same rules with the metadata loaded on demand.

/** "+16465501016" → "+1 (646) 550-1016", "+447700900123" → "+44 7700 900123"; emails and anything unparseable as stored. */
export function formatPhone(value: string): string {
  return formatPhoneWith(formatInternational, value);
}

/** Formats every E.164 number inside a text, e.g. a group titled by its members' numbers. */
export function formatPhonesIn(text: string): string {
  return formatPhonesInWith(formatInternational, text);
}
