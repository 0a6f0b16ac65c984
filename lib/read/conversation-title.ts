// One title rule for every place a conversation is listed (inbox, thread header, search), so
// the same group never reads as numbers in one place and names in another.

const NAMED_IN_FULL = 4;

type NameParts = { firstName: string | null; lastName: string | null; companyName: string | null };

export function contactName(contact: NameParts | null): string | null {
  if (!contact) return null;
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(" ");
  return name || contact.companyName || null;
}

/** A group with no display name is called by its people, as the Messages app does. */
export function groupTitle(displayName: string | null, people: string[]): string {
  if (displayName) return displayName;
  if (people.length === 0) return "Group chat";
  if (people.length <= NAMED_IN_FULL) return people.join(", ");
  const shown = NAMED_IN_FULL - 1;
  return `${people.slice(0, shown).join(", ")} & ${people.length - shown} more`;
}
