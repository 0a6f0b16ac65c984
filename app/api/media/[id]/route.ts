import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { idParam, mediaVariantQuery } from "@/lib/read/api-schemas";
import { serveMedia } from "@/lib/media/serve-media";

// Our copy of an attachment, for signed-in users (bearer token or the dashboard cookie).
// ?variant=thumb for the thumbnail, =original for the bytes as received, default: what
// a browser can display (HEIC arrives as JPEG).

export const GET = apiRoute<{ id: string }>({ auth: "token" }, async ({ request, params }) => {
  const id = idParam.parse(params.id);
  const { variant } = mediaVariantQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return serveMedia(db(), id, { variant, range: request.headers.get("range") });
});
