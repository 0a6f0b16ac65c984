import { z } from "zod";

// Fields Sendblue documents beyond the webhook basics (its SDK's MessageResponse), kept in
// messages.extra with every other field we do not model, and read out here for display:
// an inline reply's parent, a Find My location share, an App Card, and the team seat that
// sent a message from Sendblue's own app. Each is parsed on its own: a malformed one is
// simply not shown, the raw value stays in `extra`.

const replyToSchema = z.object({
  message_handle: z.string().min(1).max(200),
  part_index: z.number().int().min(0).optional(),
});

const locationSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  accuracy: z.number().nonnegative().optional(),
  timestamp: z.string().optional(),
  duration: z.string().optional(),
});

const text = z.string().max(2000).optional();
const appCardSchema = z.object({
  appName: text,
  url: text,
  fallbackText: text,
  layout: z
    .object({
      caption: text,
      subcaption: text,
      summary: text,
      imageTitle: text,
      imageSubtitle: text,
      trailingCaption: text,
    })
    .partial()
    .optional(),
});

export type ReplyTo = { handle: string; partIndex: number | null };
export type SharedLocation = { latitude: number; longitude: number; accuracyMeters: number | null; mapUrl: string };
export type AppCardView = { app: string | null; title: string | null; lines: string[]; url: string | null };

export type MessageExtras = {
  replyTo: ReplyTo | null;
  location: SharedLocation | null;
  appCard: AppCardView | null;
  /** The Sendblue seat (teammate) that sent it from Sendblue's app, when Sendblue says. */
  seatId: string | null;
};

function parse<T>(schema: z.ZodType<T>, value: unknown): T | null {
  // Most messages carry none of these: skip zod's failed parse (it builds an error) for them.
  if (value === undefined || value === null) return null;
  const result = schema.safeParse(value);
  return result.success ? result.data : null;
}

export function messageExtras(extra: unknown): MessageExtras {
  const fields = extra && typeof extra === "object" && !Array.isArray(extra) ? (extra as Record<string, unknown>) : {};
  const reply = parse(replyToSchema, fields.reply_to);
  const location = parse(locationSchema, fields.location);
  const card = parse(appCardSchema, fields.app_card);
  const layout = card?.layout ?? {};
  const lines = [
    layout.caption,
    layout.subcaption,
    layout.summary ?? card?.fallbackText,
    layout.trailingCaption,
  ].filter((l): l is string => Boolean(l));
  return {
    replyTo: reply ? { handle: reply.message_handle, partIndex: reply.part_index ?? null } : null,
    location: location
      ? {
          latitude: location.latitude,
          longitude: location.longitude,
          accuracyMeters: location.accuracy ?? null,
          // A link out, never a map drawn here: no third-party tiles are loaded by the inbox.
          mapUrl: `https://www.openstreetmap.org/?mlat=${location.latitude}&mlon=${location.longitude}#map=16/${location.latitude}/${location.longitude}`,
        }
      : null,
    appCard: card
      ? {
          app: card.appName ?? null,
          title: layout.imageTitle ?? null,
          lines,
          url: card.url && /^https:\/\//i.test(card.url) ? card.url : null,
        }
      : null,
    seatId: typeof fields.seat_id === "string" ? fields.seat_id.slice(0, 100) : null,
  };
}
