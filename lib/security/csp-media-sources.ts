import { env } from "@/lib/env";

// Where media previews may load from besides our own origin: the hosts the server may
// fetch attachments from (Sendblue's storage), until the mirrored copy exists. Hosts
// exempted for tests/dev (MEDIA_ALLOW_PRIVATE_HOSTS) are allowed over plain http too.
export function cspMediaSources(): string[] {
  const { MEDIA_ALLOWED_HOSTS, MEDIA_ALLOW_PRIVATE_HOSTS } = env();
  return [
    ...MEDIA_ALLOWED_HOSTS.map((h) => `https://${h}`),
    ...MEDIA_ALLOW_PRIVATE_HOSTS.flatMap((h) => [`http://${h}:*`, `https://${h}:*`]),
  ];
}
