// Download names: ASCII words from what the file holds, and the day it was made, e.g.
// "ada-lovelace-transcript-2026-12-01.html". Titles and queries are others' text, so only
// letters and digits survive (accents dropped); the full name goes in filename* unchanged.

export function slug(text: string, fallback: string): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return words || fallback;
}

export function exportFilename(parts: string[], extension: string, at = new Date()): string {
  return `${[...parts, at.toISOString().slice(0, 10)].join("-")}.${extension}`;
}
