import ICAL from "ical.js";

// A .vcf as the card the thread shows. ical.js reads vCard 3.0 (what iPhones send) and 4.0;
// only the first card of a file is shown.

export type VCardSummary = {
  name: string | null;
  organization: string | null;
  phones: { value: string; label: string | null }[];
  emails: { value: string; label: string | null }[];
};

const IGNORED_TYPES = new Set(["pref", "voice", "internet"]);

export function parseVCard(text: string): VCardSummary {
  const parsed = ICAL.parse(text) as unknown[];
  const first = (typeof parsed[0] === "string" ? parsed : parsed[0]) as unknown[];
  const card = new ICAL.Component(first as never);
  const structuredName = card.getFirstPropertyValue("n") as unknown;
  const nParts = Array.isArray(structuredName) ? (structuredName as string[]) : [];
  const name =
    asText(card.getFirstPropertyValue("fn")) ||
    [nParts[3], nParts[1], nParts[2], nParts[0], nParts[4]].filter(Boolean).join(" ") ||
    null;
  const org = card.getFirstPropertyValue("org") as unknown;
  const organization = (Array.isArray(org) ? org.filter(Boolean).join(", ") : asText(org)) || null;
  const listOf = (prop: string) =>
    card.getAllProperties(prop).map((p) => ({
      value: asText(p.getFirstValue()).replace(/^tel:/i, ""),
      label: labelOf(p.getParameter("type")),
    })).filter((e) => e.value);
  return { name, organization, phones: listOf("tel"), emails: listOf("email") };
}

function asText(v: unknown): string {
  return typeof v === "string" ? v.trim() : "";
}

function labelOf(type: unknown): string | null {
  const types = (Array.isArray(type) ? type : typeof type === "string" ? [type] : []) as string[];
  const label = types.map((t) => t.toLowerCase()).find((t) => !IGNORED_TYPES.has(t));
  return label ?? null;
}
