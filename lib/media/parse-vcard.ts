import ICAL from "ical.js";

// Contact cards (.vcf) become a small JSON card the dashboard can show and link: the
// numbers carry an E.164 guess so they can be matched to a conversation's contact.

export type ContactCard = {
  name: string | null;
  organization: string | null;
  numbers: { value: string; e164: string | null; types: string[] }[];
  emails: { value: string; types: string[] }[];
};

export function parseVcard(text: string): ContactCard | null {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch {
    return null;
  }
  // One card parses to a jCard; a file with several parses to a list of them: keep the first.
  const first = Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed[0] : parsed;
  if (!Array.isArray(first) || first[0] !== "vcard") return null;
  const card = new ICAL.Component(first as never);
  return {
    name: displayName(card),
    organization: joinValue(card.getFirstPropertyValue("org")) || null,
    numbers: card
      .getAllProperties("tel")
      .map((p) => {
        const value = String(p.getFirstValue() ?? "")
          .replace(/^tel:/i, "")
          .trim();
        return { value, e164: toE164(value), types: typesOf(p.getParameter("type")) };
      })
      .filter((n) => n.value),
    emails: card
      .getAllProperties("email")
      .map((p) => ({
        value: String(p.getFirstValue() ?? "")
          .replace(/^mailto:/i, "")
          .trim(),
        types: typesOf(p.getParameter("type")),
      }))
      .filter((e) => e.value),
  };
}

function displayName(card: ICAL.Component): string | null {
  const fn = joinValue(card.getFirstPropertyValue("fn"));
  if (fn) return fn;
  const n = card.getFirstPropertyValue("n");
  if (Array.isArray(n)) {
    const [family, given, additional, prefix, suffix] = n.map((part) => joinValue(part));
    return [prefix, given, additional, family, suffix].filter(Boolean).join(" ") || null;
  }
  return null;
}

function joinValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(joinValue).filter(Boolean).join(", ");
  return value == null ? "" : String(value).trim();
}

function typesOf(param: unknown): string[] {
  const list = Array.isArray(param) ? param : param ? [param] : [];
  return list.map((t) => String(t).toLowerCase()).filter((t) => t !== "pref" && t !== "voice");
}

/** "+44 20 7946 0958" → "+442079460958"; 10 US digits get +1; anything else stays unmatched. */
export function toE164(raw: string): string | null {
  const digits = raw.replace(/[^\d+]/g, "");
  if (/^\+\d{8,15}$/.test(digits)) return digits;
  const bare = digits.replace(/\+/g, "");
  if (/^\d{10}$/.test(bare)) return `+1${bare}`;
  if (/^1\d{10}$/.test(bare)) return `+${bare}`;
  return null;
}

/** The contact-card preview's shape: one label per number or address. */
export type VCardSummary = {
  name: string | null;
  organization: string | null;
  phones: { value: string; label: string | null }[];
  emails: { value: string; label: string | null }[];
};

export function summarizeCard(card: ContactCard): VCardSummary {
  const label = (types: string[]) => types.find((t) => t !== "internet") ?? null;
  return {
    name: card.name,
    organization: card.organization,
    phones: card.numbers.map((n) => ({ value: n.value, label: label(n.types) })),
    emails: card.emails.map((e) => ({ value: e.value, label: label(e.types) })),
  };
}

/** Throws when the text is not a vCard. */
export function parseVCard(text: string): VCardSummary {
  const card = parseVcard(text);
  if (!card) throw new Error("not a vCard");
  return summarizeCard(card);
}
