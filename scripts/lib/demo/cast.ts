import { handleFor } from "./bodies";

// The people and numbers of the demo. Numbers use the 555-01xx-style fictional ranges; a
// three-digit seed keeps separate runs (or test files) from sharing conversations.

export type Person = { first: string; last: string | null; company: string | null; tags: string[]; number: string };

export type DemoCast = {
  lines: { studio: string; support: string; spare: string };
  maya: Person;
  daniel: Person;
  priya: Person;
  sam: Person;
  jordan: Person;
  lee: Person;
  /** Texted by us, never announced by contact_created, and blacklisted. */
  stranger: string;
  groups: { hike: string; remodel: string };
};

export function demoCast(seed: string): DemoCast {
  if (!/^\d{3}$/.test(seed)) throw new Error(`demo seed must be three digits, got "${seed}"`);
  const n = (area: string, i: number) => `+1${area}55${seed}${String(i).padStart(2, "0")}`;
  const person = (
    first: string,
    last: string | null,
    company: string | null,
    tags: string[],
    number: string,
  ): Person => ({
    first,
    last,
    company,
    tags,
    number,
  });
  return {
    lines: { studio: n("415", 1), support: n("512", 2), spare: n("718", 3) },
    maya: person("Maya", "Chen", "Chen & Ortiz Weddings", ["client", "wedding"], n("415", 10)),
    daniel: person("Daniel", "Okafor", null, ["lead", "open-house"], n("503", 11)),
    priya: person("Priya", "Raman", "Raman Family Dental", ["billing"], n("512", 12)),
    sam: person("Sam", "Alvarez", "Alvarez Build Co.", ["contractor"], n("737", 13)),
    jordan: person("Jordan", "Park", null, ["friend"], n("415", 14)),
    lee: person("Lee", null, null, [], n("628", 15)),
    stranger: n("646", 16),
    groups: {
      hike: handleFor(`group:hike:${seed}`).toLowerCase(),
      remodel: handleFor(`group:remodel:${seed}`).toLowerCase(),
    },
  };
}
