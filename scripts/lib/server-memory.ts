// The production server's memory settings, for `npm start` and the benchmarks alike.
//
// V8 sizes its heap limit from the machine's RAM (~4 GB on a 24 GB host) and, with that
// much room, lets garbage pile up to ~4× the live heap between full collections: bench:read
// left 540–650 MB resident for ~90 MB of live objects (--trace-gc). Given a 384 MB old
// generation (over four times that live heap, so an export or an import has room) V8 collects
// at ~1.3–1.5× instead; an 8 MB semi-space halves the young generation, and glibc keeps two
// malloc arenas instead of one per thread. Together ~265–280 MB resident after the bench, for
// ~0.1–0.2 ms more garbage collection per request, mostly the smaller semi-space's extra
// scavenges. NODE_OPTIONS given to `npm start` come after these and win, e.g.
// NODE_OPTIONS=--max-old-space-size=768 for an inbox whose live heap outgrows this.

export const SERVER_HEAP_OPTIONS = "--max-old-space-size=384 --max-semi-space-size=8";

export function withServerMemoryLimits(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    MALLOC_ARENA_MAX: "2",
    ...env,
    NODE_OPTIONS: [SERVER_HEAP_OPTIONS, env.NODE_OPTIONS].filter(Boolean).join(" "),
  };
}
