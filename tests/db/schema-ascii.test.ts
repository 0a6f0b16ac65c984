import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The generated Prisma client embeds schema.prisma's text, comments included, in every server
// chunk that bundles it (Turbopack gives each API route its own copy of that chunk). V8 keeps
// a script's source as a one-byte string only while every character fits in Latin-1: a
// single "…" in a comment doubled the memory each of those ~30 copies holds (0.39 to 0.78 MB).

describe("schema.prisma", () => {
  it("is ASCII only, comments included", () => {
    const lines = readFileSync("prisma/schema.prisma", "utf8").split("\n");
    const offending = lines.flatMap((line, i) =>
      [...line].some((c) => c.charCodeAt(0) > 0x7f) ? [`${i + 1}: ${line.trim()}`] : [],
    );
    expect(offending).toEqual([]);
  });
});
