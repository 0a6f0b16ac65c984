// The production server's memory settings, for `npm start` and the benchmarks alike.
//
// V8 sizes its heap limit from the machine's RAM (~4 GB on a 24 GB host) and, with that
// much room, lets garbage pile up to ~4× the live heap between full collections: bench:read
// left 540–650 MB resident for ~90 MB of live objects. A 256 MB old generation (about three
// times the live heap after every route and page has run) makes V8 collect at ~1.3× instead,
// and an 8 MB semi-space halves the young generation; glibc's per-thread malloc arenas are
// capped at two. Together ~280 MB resident after the bench, for ~0.1–0.2 ms more GC per
// request (--trace-gc). NODE_OPTIONS given to `npm start` come after these and win, e.g.
// NODE_OPTIONS=--max-old-space-size=512 for an inbox whose live heap outgrows 256 MB.

export const SERVER_HEAP_OPTIONS = "--max-old-space-size=256 --max-semi-space-size=8";

export function withServerMemoryLimits(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    MALLOC_ARENA_MAX: "2",
    ...env,
    NODE_OPTIONS: [SERVER_HEAP_OPTIONS, env.NODE_OPTIONS].filter(Boolean).join(" "),
  };
}
