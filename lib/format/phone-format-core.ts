// How a phone number is shown, apart from libphonenumber: North American numbers (nearly all
// of a Sendblue inbox's) are grouped here, and every other country's grouping comes from the
// `international` formatter passed in (lib/format/phone-international.ts). The server and most
// pages pass it at once (lib/format/phone-number.ts); the inbox loads it only when a number
// needs it (components/inbox/use-phone-format.ts), which keeps its 28 KB of metadata off the
// inbox's first load. The API keeps E.164; only what people read is formatted.

export type InternationalFormat = (e164: string) => string;

const NANP = /^\+1(\d{3})(\d{3})(\d{4})$/;
const E164 = /^\+\d{8,15}$/;
const E164_IN_TEXT = /\+\d{8,15}\b/g;

/** Whether showing `value` needs the international formatter (an E.164 number outside +1). */
export function needsInternational(value: string): boolean {
  return E164.test(value) && !NANP.test(value);
}

/** "+16465501016" → "+1 (646) 550-1016"; others through `international` (as stored without it); emails and junk as stored. */
export function formatPhoneWith(international: InternationalFormat | null, value: string): string {
  const nanp = NANP.exec(value);
  if (nanp) return `+1 (${nanp[1]}) ${nanp[2]}-${nanp[3]}`;
  if (!E164.test(value) || !international) return value;
  return international(value);
}

/** Formats every E.164 number inside a text, e.g. a group titled by its members' numbers. */
export function formatPhonesInWith(international: InternationalFormat | null, text: string): string {
  return text.replace(E164_IN_TEXT, (n) => formatPhoneWith(international, n));
}

/** The E.164 numbers inside a text (to know whether it needs the international formatter). */
export function phonesIn(text: string): string[] {
  return text.match(E164_IN_TEXT) ?? [];
}
