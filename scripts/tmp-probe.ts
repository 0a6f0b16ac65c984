import { createPgPool } from "@/lib/db/pg-pool";
import { searchMessages } from "@/lib/search/search-messages";
import { searchQuerySchema } from "@/lib/search/search-schemas";
const db = createPgPool(process.argv[2]!, 2);
const qs = process.argv.slice(3);
for (const q of qs) await searchMessages(db, searchQuerySchema.parse({ q }));
for (const q of qs) {
  const times: number[] = [];
  let n = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = await searchMessages(db, searchQuerySchema.parse({ q }));
    times.push(performance.now() - t);
    n = r.results.length;
  }
  console.log(q.padEnd(24), times.map((t) => t.toFixed(1)).join(" "), "hits", n);
}
await db.end();
