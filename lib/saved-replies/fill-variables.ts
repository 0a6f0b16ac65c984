// Saved replies' variables, filled from the conversation's contact and the member sending.
// A variable with no value (a contact with no company) becomes an empty placeholder the
// agent must fill: the composer shows it highlighted and refuses to send text that still
// has one, so "{{company}}" never reaches a customer.

export const VARIABLES = ["first_name", "last_name", "company", "agent_name"] as const;
export type VariableValues = Partial<Record<(typeof VARIABLES)[number], string | null>>;

const VARIABLE = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** The text with every known variable that has a value replaced; the rest stay as {{name}}. */
export function fillVariables(template: string, values: VariableValues): string {
  return template.replace(VARIABLE, (_all, name: string) => {
    const value = (values as Record<string, string | null | undefined>)[name]?.trim();
    return value ? value : `{{${name}}}`;
  });
}

/** The placeholders still in a text ({{first_name}}, {{ company }}…), in order. */
export function unfilledVariables(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => m[1]!);
}

/** First name for {{first_name}} from how the member is named (name, else the email's local part). */
export function agentName(member: { name: string | null; email: string } | null): string | null {
  if (!member) return null;
  return (member.name ?? member.email.split("@")[0] ?? "").trim() || null;
}
