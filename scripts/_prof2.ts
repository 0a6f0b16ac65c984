import { createDb } from "@/lib/db/client";
import { searchMessages } from "@/lib/search/search-messages";
import { findMessageMatches, findConversationsByName } from "@/lib/search/search-messages-sql";
import { searchQuerySchema } from "@/lib/search/search-schemas";
const db = createDb(process.argv[2]!, 2);
const t = async (label: string, f: () => Promise<unknown>) => { const xs=[]; for (let i=0;i<21;i++){const s=performance.now(); await f(); xs.push(performance.now()-s);} xs.sort((a,b)=>a-b); console.log(label, xs[10]!.toFixed(1), xs[19]!.toFixed(1)); };
for (let k=0;k<2;k++){
await t("raw select 1", () => db.$queryRaw`SELECT 1`);
await t("full thanks", () => searchMessages(db, searchQuerySchema.parse({ q: "thanks" })));
await t("sql thanks", () => findMessageMatches(db, { tsquery: "'thanks'", filters: {}, after: null, limit: 31 }));
await t("name", () => findConversationsByName(db, ["thanks"], 10));
}
await db.$disconnect();
