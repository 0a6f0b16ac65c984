import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { withServerMemoryLimits } from "@/scripts/lib/server-memory";

// npm start's heap limits reach the server's V8, and an operator's own NODE_OPTIONS win.

function heapLimitMb(env: NodeJS.ProcessEnv): number {
  const out = execFileSync(process.execPath, ["-e", "console.log(require('v8').getHeapStatistics().heap_size_limit)"], {
    env,
  });
  return Number(out.toString()) / 2 ** 20;
}

describe("the server's memory limits", () => {
  it("cap V8's heap, and NODE_OPTIONS given to npm start override them", () => {
    const { NODE_OPTIONS: _, ...base } = process.env;
    const capped = heapLimitMb(withServerMemoryLimits(base));
    expect(capped).toBeGreaterThan(384);
    expect(capped).toBeLessThan(450); // the old generation plus the young one
    expect(heapLimitMb(withServerMemoryLimits({ ...base, NODE_OPTIONS: "--max-old-space-size=768" }))).toBeGreaterThan(
      768,
    );
    expect(withServerMemoryLimits(base).MALLOC_ARENA_MAX).toBe("2");
  });
});
