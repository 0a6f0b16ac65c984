import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Every page under app/ as a path ("/", "/lines", a dynamic segment as "1"), API routes left out. */
export function pageRoutes(dir = path.resolve("app"), prefix = ""): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry === "api" || entry.startsWith("_")) return [];
      const segment = entry.startsWith("(") ? "" : `/${entry.replace(/^\[.*\]$/, "1")}`;
      return pageRoutes(full, prefix + segment);
    }
    return entry === "page.tsx" ? [prefix || "/"] : [];
  });
}
