import { createDb } from "@/lib/db/client";
import { searchMessages } from "@/lib/search/search-messages";
import { findMessageMatches } from "@/lib/search/search-messages-sql";
import { searchQuerySchema } from "@/lib/search/search-schemas";
const db = createDb(process.argv[2]!, 2);
const t = async (label: string, f: () => Promise<unknown>) => { const xs=[]; for (let i=0;i<15;i++){const s=performance.now(); await f(); xs.push(performance.now()-s);} xs.sort((a,b)=>a-b); console.log(label, xs[7]!.toFixed(1), xs[13]!.toFixed(1)); };
await t("full thanks", () => searchMessages(db, searchQuerySchema.parse({ q: "thanks" })));
await t("sql thanks", () => findMessageMatches(db, { tsquery: "'thanks'", filters: {}, after: null, limit: 31 }));
await t("raw select 1", () => db.$queryRaw`SELECT 1`);
await t("conv findMany", () => db.conversation.findMany({ where: { id: { in: [1,2,3,4,5,6,7,8,9,10] } }, select: { id: true, line: { select: { number: true } }, contact: { select: { firstName: true } }, participants: { select: { number: true } } } }));
await t("naive", () => db.$queryRawUnsafe(`SELECT m.id FROM messages m WHERE m.content ILIKE $1 ORDER BY m.sent_at DESC, m.id DESC LIMIT 31`, "%thanks%"));

import { findConversationsByName } from "@/lib/search/search-messages-sql";
import { buildSnippet } from "@/lib/search/snippet";
await t("name", () => findConversationsByName(db, ["thanks"], 10));
const rows = await findMessageMatches(db, { tsquery: "'thanks'", filters: {}, after: null, limit: 31 });
await t("snip", async () => rows.map(r => buildSnippet(r.content, [{text:"thanks",prefix:false}])));
await t("explain", async () => console.log(((await db.$queryRawUnsafe(`EXPLAIN ANALYZE SELECT c.id FROM conversations c JOIN contacts ct ON ct.number = c.contact_number WHERE ct.search_name LIKE '%' || lower(unaccent('thanks')) || '%' ORDER BY c.last_activity_at DESC, c.id DESC LIMIT 10`)) as any[]).map(r=>r["QUERY PLAN"]).join("\n")));
await db.$disconnect();
