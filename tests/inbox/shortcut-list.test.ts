import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SHORTCUTS } from "@/components/inbox/shortcut-list";

// The `?` dialog must list every key the inbox binds. The keys are read from the inbox's own
// key handlers (e.key === "x", [..].includes(e.key), { ArrowDown: … }[e.key]), so a new
// shortcut that is not added to components/inbox/shortcut-list.ts fails here.

const DIRS = ["components/inbox", "components/labels", "components/search"];
const SHOWN_AS: Record<string, string> = {
  ArrowDown: "↓",
  ArrowUp: "↑",
  ArrowLeft: "←",
  ArrowRight: "→",
  Escape: "Esc",
};

function boundKeys(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const add = (key: string, file: string) => found.set(key, [...(found.get(key) ?? []), file]);
  for (const dir of DIRS) {
    for (const name of readdirSync(dir).filter((f) => /\.tsx?$/.test(f))) {
      const file = path.join(dir, name);
      const source = readFileSync(file, "utf8");
      for (const m of source.matchAll(/\.key\s*[!=]==\s*"([^"]+)"/g)) add(m[1]!, file);
      for (const m of source.matchAll(/\[([^\]]*)\]\.includes\(\w+\.key\)/g))
        for (const k of m[1]!.matchAll(/"([^"]+)"/g)) add(k[1]!, file);
      for (const m of source.matchAll(/\{([^{}]*)\}\[\w+\.key\]/g))
        for (const k of m[1]!.matchAll(/(\w+):/g)) add(k[1]!, file);
    }
  }
  return found;
}

describe("the ? shortcuts list", () => {
  it("names every key the inbox's handlers bind", () => {
    const bound = boundKeys();
    // The reader finds the handlers it is meant to (a sanity check on the patterns).
    for (const key of ["j", "k", "e", "s", "a", "u", "x", "n", "l", "r", "?", "/", "Escape", "ArrowDown", "Home"])
      expect(bound.has(key), key).toBe(true);
    const listed = new Set(SHORTCUTS.flatMap((s) => s.keys));
    const missing = [...bound.keys()]
      .filter((k) => !listed.has(SHOWN_AS[k] ?? k))
      .map((k) => `${k} (${[...new Set(bound.get(k))].join(", ")})`);
    expect(missing).toEqual([]);
  });
});
