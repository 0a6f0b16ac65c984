import Link from "next/link";
import type { MessageView } from "./api";

// What Sendblue sends beyond text and attachments, shown plainly: the parent of an inline
// reply (click to jump to it), a shared location (a link to a map, no map tiles loaded here),
// and an App Card's visible text.

export function ReplyQuote({ message: m, outbound }: { message: MessageView; outbound: boolean }) {
  const quote = m.replyQuote;
  if (!quote) return null;
  const label = quote.found ? (quote.direction === "outbound" ? "Replying to you" : "Replying to them") : "Reply";
  const body = (
    <>
      <span className="block text-[10.5px] font-medium text-zinc-600 dark:text-zinc-400">↩ {label}</span>
      <span className="line-clamp-2 text-zinc-700 dark:text-zinc-300">{quote.preview || "an attachment"}</span>
    </>
  );
  const className = `mb-0.5 block max-w-full rounded-xl border-l-4 border-zinc-400 bg-zinc-100 px-2.5 py-1 text-left text-[12.5px] dark:border-zinc-500 dark:bg-zinc-800/80 ${
    outbound ? "self-end" : "self-start"
  }`;
  return quote.found ? (
    <Link
      href={`/?c=${m.conversationId}&m=${encodeURIComponent(quote.handle)}`}
      scroll={false}
      data-testid="reply-quote"
      aria-label={`${label}: ${quote.preview}. Show that message`}
      className={`${className} hover:bg-zinc-200 focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none dark:hover:bg-zinc-700`}
    >
      {body}
    </Link>
  ) : (
    <span data-testid="reply-quote" className={className}>
      {body}
    </span>
  );
}

export function LocationCard({ location }: { location: NonNullable<MessageView["location"]> }) {
  const coordinates = `${location.latitude.toFixed(5)}, ${location.longitude.toFixed(5)}`;
  return (
    <a
      href={location.mapUrl}
      target="_blank"
      rel="noopener noreferrer"
      data-testid="location-card"
      className="flex items-center gap-2 rounded-2xl border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
    >
      <svg aria-hidden viewBox="0 0 24 24" className="h-6 w-6 shrink-0 fill-red-600 dark:fill-red-400">
        <path d="M12 2a7 7 0 0 0-7 7c0 5.25 7 13 7 13s7-7.75 7-13a7 7 0 0 0-7-7Zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5Z" />
      </svg>
      <span className="flex flex-col">
        <span className="font-medium">Shared location</span>
        <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">
          {coordinates}
          {location.accuracyMeters !== null ? ` · ±${Math.round(location.accuracyMeters)} m` : ""}
        </span>
        <span className="text-xs text-blue-700 underline dark:text-blue-400">Open in OpenStreetMap</span>
      </span>
    </a>
  );
}

export function AppCard({ card }: { card: NonNullable<MessageView["appCard"]> }) {
  return (
    <div
      data-testid="app-card"
      className="rounded-2xl border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <span className="block text-[11px] font-medium tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
        App card{card.app ? ` · ${card.app}` : ""}
      </span>
      {card.title && <span className="block font-medium">{card.title}</span>}
      {card.lines.map((line, i) => (
        <span key={i} className="block text-zinc-700 dark:text-zinc-300">
          {line}
        </span>
      ))}
      {card.url && (
        <a
          href={card.url}
          target="_blank"
          rel="noopener noreferrer"
          className="text-xs break-all text-blue-700 underline dark:text-blue-400"
        >
          {card.url}
        </a>
      )}
    </div>
  );
}
