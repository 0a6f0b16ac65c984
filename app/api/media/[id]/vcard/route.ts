import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { fetchAttachmentText } from "@/lib/media/fetch-attachment";
import { parseVCard, summarizeCard, type ContactCard } from "@/lib/media/parse-vcard";
import { idParam } from "@/lib/read/api-schemas";

// A contact-card attachment, fetched server-side (browsers can't read cross-origin .vcf
// bodies) and parsed into name, numbers and emails.
export const GET = apiRoute<{ id: string }>({ auth: "token" }, async ({ params }) => {
  const id = idParam.parse(params.id);
  const media = await db().mediaAttachment.findUnique({ where: { id }, select: { sourceUrl: true, card: true } });
  if (!media) throw new ApiError(404, "not_found", `No attachment ${id}`);
  // Once mirrored, the card was parsed from our own copy: no fetch needed.
  if (media.card)
    return Response.json(summarizeCard(media.card as ContactCard), {
      headers: { "cache-control": "private, max-age=300" },
    });
  const text = await fetchAttachmentText(media.sourceUrl);
  try {
    return Response.json(parseVCard(text), { headers: { "cache-control": "private, max-age=300" } });
  } catch {
    throw new ApiError(422, "invalid_vcard", "The attachment is not a readable contact card");
  }
});
