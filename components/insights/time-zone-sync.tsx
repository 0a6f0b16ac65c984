"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { TIME_ZONE_COOKIE } from "@/lib/insights/viewer-time-zone";

// The server cannot know the viewer's time zone: the browser tells it once, in a cookie,
// and has the page computed again if the zone it used was another. At most once per page
// load, so a zone the server does not accept cannot loop.

let refreshed = false;

export function TimeZoneSync({ serverZone }: { serverZone: string }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === serverZone || refreshed) return;
    refreshed = true;
    // biome-ignore lint/suspicious/noDocumentCookie: the server reads this cookie; the Cookie Store API is not in every browser
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [serverZone, router]);
  return null;
}
