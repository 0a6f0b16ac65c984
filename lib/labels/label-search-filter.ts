import type { SqlRunner } from "@/lib/db/pg-pool";
import { ApiError } from "@/lib/http/api-error";

// `label:<name>` in a search query (or `label:"two words"`): only messages and notes of
// conversations carrying that label. Several labels mean all of them. The operator is taken
// out of the text before the words are parsed.

const OPERATOR = /(?:^|\s)label:(?:"([^"]+)"|(\S+))/giu;

export function takeLabelOperators(q: string): { q: string; labels: string[] } {
  const labels: string[] = [];
  const rest = q.replace(OPERATOR, (_all, quoted: string | undefined, bare: string | undefined) => {
    labels.push((quoted ?? bare ?? "").trim());
    return " ";
  });
  return { q: rest.trim(), labels: labels.filter(Boolean) };
}

/** The conversations carrying every one of the labels (by name, any case); a 400 naming an unknown one. */
export async function conversationsWithLabels(sql: SqlRunner, names: string[]): Promise<number[] | undefined> {
  if (names.length === 0) return undefined;
  const keys = [...new Set(names.map((n) => n.toLowerCase()))];
  const found = await sql.query<{ id: number; name_key: string }>(
    "SELECT id, name_key FROM labels WHERE name_key = ANY($1::text[])",
    [keys],
  );
  const missing = keys.find((k) => !found.rows.some((r) => r.name_key === k));
  if (missing !== undefined) throw new ApiError(400, "unknown_label", `label: no label called "${missing}"`);
  const ids = await sql.query<{ conversation_id: number }>(
    `SELECT conversation_id FROM conversation_labels WHERE label_id = ANY($1::int[])
     GROUP BY conversation_id HAVING count(*) = $2`,
    [found.rows.map((r) => r.id), found.rows.length],
  );
  return ids.rows.map((r) => r.conversation_id);
}
