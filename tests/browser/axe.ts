import { createRequire } from "node:module";
import type { Page } from "playwright-core";

// axe-core injected from node_modules (never fetched): the serious and critical violations
// on the page, or inside `selector` only.

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

type Violation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
};

export async function seriousViolations(page: Page, selector?: string): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = (await page.evaluate(async (sel) => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document | Element, o: object) => Promise<{ violations: unknown[] }> } }
    ).axe;
    return (await axe.run(sel ? document.querySelector(sel)! : document, { resultTypes: ["violations"] })).violations;
  }, selector ?? null)) as Violation[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(" ")}: ${n.failureSummary ?? v.help}`));
}
