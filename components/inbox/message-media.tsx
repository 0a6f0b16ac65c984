"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import useSWR from "swr";
import { getJson, sendJson } from "@/components/shell/api-client";
import type { MediaView, VCardSummary } from "./api";
import { byteSize, mediaLabel } from "./format";

// Attachment previews: from our own copy once it is kept (`/api/media/<id>`), else from
// Sendblue's link, which expires after 30 days — so every preview has a visible fallback
// instead of a broken element, and says where its copy stands.

const UNAVAILABLE = "Preview unavailable — the link may have expired";

/** Why a preview could not load, from where the copy stands (a copy still being saved is not an expired link). */
function unavailableReason(media: MediaView): string {
  if (media.state === "pending" || media.state === "copying") return "Preview not ready — still saving a copy";
  // Retention (MEDIA_KEEP_DAYS) says so in its own words: "Removed after 90 days (MEDIA_KEEP_DAYS)".
  if (media.state === "expired")
    return media.error?.startsWith("Removed after") ? media.error : "Expired at Sendblue before a copy was saved";
  return UNAVAILABLE;
}

function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url) || url.startsWith("/api/media/");
}

export function MessageMedia({ media, outbound }: { media: MediaView; outbound: boolean }) {
  return (
    <div className={`flex flex-col gap-0.5 ${outbound ? "items-end" : "items-start"}`}>
      <Preview media={media} outbound={outbound} />
      <CopyState media={media} />
    </div>
  );
}

function Preview({ media, outbound }: { media: MediaView; outbound: boolean }) {
  if (!isWebUrl(media.url)) return <Unavailable media={media} />;
  switch (media.kind) {
    case "image":
      return <ImagePreview media={media} />;
    case "video":
      return <VideoPreview media={media} />;
    case "audio":
      return <AudioPreview media={media} />;
    case "contact":
      return <ContactCard media={media} outbound={outbound} />;
    default:
      return <FileChip media={media} />;
  }
}

/**
 * The box a photo will fill, known before it loads when its copy recorded the size: the
 * thread is laid out once, and opening it at the newest message stays there. The same
 * limits as the classes below (280 px, 60 % of the screen, 288 px tall).
 */
function reservedBox(media: MediaView): React.CSSProperties | undefined {
  if (!media.width || !media.height) return undefined;
  const widthAtMaxHeight = Math.round((288 * media.width) / media.height);
  return {
    width: `min(${media.width}px, 280px, 60vw, ${widthAtMaxHeight}px)`,
    height: "auto",
    aspectRatio: `${media.width} / ${media.height}`,
  };
}

function ImagePreview({ media }: { media: MediaView }) {
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // The viewer closed: focus goes back to the photo it showed.
  const close = useCallback(() => {
    button.current?.focus();
    setOpen(false);
  }, []);
  if (failed || !media.inBrowser) {
    return (
      <Unavailable
        media={media}
        reason={failed ? unavailableReason(media) : (media.note ?? "This photo can't be shown in this browser")}
      />
    );
  }
  return (
    <>
      <button
        ref={button}
        type="button"
        onClick={() => setOpen(true)}
        aria-label={`Open photo ${media.fileName ?? ""}`.trim()}
        className="block overflow-hidden rounded-2xl outline-none focus-visible:ring-2 focus-visible:ring-blue-500"
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- remote, expiring URLs: no optimiser */}
        <img
          src={media.thumbnailUrl ?? media.url}
          alt={media.fileName ?? "Photo"}
          loading="lazy"
          onError={() => setFailed(true)}
          className="max-h-72 max-w-[min(280px,60vw)] bg-zinc-200 object-cover dark:bg-zinc-800"
          style={reservedBox(media)}
          data-testid="media-image"
        />
      </button>
      {open && <Lightbox media={media} onClose={close} />}
    </>
  );
}

function Lightbox({ media, onClose }: { media: MediaView; onClose: () => void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopImmediatePropagation();
        onClose();
      }
    };
    window.addEventListener("keydown", onKey, { capture: true });
    return () => window.removeEventListener("keydown", onKey, { capture: true });
  }, [onClose]);
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-label="Photo"
      data-modal-open
      onClick={onClose}
      className="fixed inset-0 z-50 flex items-center justify-center bg-black/85 p-6 backdrop-blur-sm"
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- remote, expiring URLs */}
      <img src={media.url} alt={media.fileName ?? "Photo"} className="max-h-full max-w-full rounded-lg shadow-2xl" />
      <div className="absolute top-4 right-4 flex gap-2">
        <a
          href={media.url}
          target="_blank"
          rel="noopener noreferrer"
          download
          onClick={(e) => e.stopPropagation()}
          className="rounded-full bg-white/15 px-3 py-1.5 text-sm text-white hover:bg-white/25 focus-visible:ring-2 focus-visible:ring-white"
        >
          Download
        </a>
        <button
          type="button"
          autoFocus
          onClick={onClose}
          className="rounded-full bg-white/15 px-3 py-1.5 text-sm text-white outline-none hover:bg-white/25 focus-visible:ring-2 focus-visible:ring-white"
        >
          Close
        </button>
      </div>
    </div>
  );
}

function VideoPreview({ media }: { media: MediaView }) {
  const [failed, setFailed] = useState(false);
  if (failed) return <Unavailable media={media} />;
  return (
    <video
      controls
      preload="metadata"
      src={media.url}
      onError={() => setFailed(true)}
      aria-label={media.fileName ?? "Video"}
      className="max-h-72 max-w-[min(300px,65vw)] rounded-2xl bg-black"
    />
  );
}

function AudioPreview({ media }: { media: MediaView }) {
  const [failed, setFailed] = useState(false);
  // Core Audio files (iPhone voice notes) play in Safari only, until our copy re-wraps them as Ogg.
  const playable = media.inBrowser || typeof document === "undefined" || canPlay("audio/x-caf");
  if (failed || !playable) {
    return (
      <Unavailable
        media={media}
        reason={failed ? unavailableReason(media) : (media.note ?? "Voice note (.caf) — this browser can't play it")}
      />
    );
  }
  return (
    <div className="flex flex-col gap-1">
      <span className="text-[11px] font-medium text-zinc-500 dark:text-zinc-400">{mediaLabel("audio")}</span>
      <audio
        controls
        preload="metadata"
        src={media.url}
        onError={() => setFailed(true)}
        aria-label={media.fileName ?? "Voice note"}
        className="h-9 w-64 max-w-full"
      />
    </div>
  );
}

function canPlay(type: string): boolean {
  return document.createElement("audio").canPlayType(type) !== "";
}

function ContactCard({ media, outbound }: { media: MediaView; outbound: boolean }) {
  // Read through the server while our copy is kept, or before any copy was tried. Once a try
  // has failed, the same link is known to fail: the card waits for the next try instead.
  const readable = media.state === "kept" || (media.state !== "failed" && media.state !== "expired" && !media.error);
  const { data, error, isLoading } = useSWR<VCardSummary>(readable ? `/api/media/${media.id}/vcard` : null, getJson, {
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
  if (error || media.state === "failed" || media.state === "expired") return <Unavailable media={media} />;
  return (
    <div
      data-testid="vcard"
      className={`w-64 max-w-full overflow-hidden rounded-2xl border text-[13px] ${
        outbound ? "border-blue-200 dark:border-blue-900" : "border-zinc-200 dark:border-zinc-700"
      } bg-white text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100`}
    >
      <div className="flex items-center gap-3 border-b border-zinc-100 px-3 py-2.5 dark:border-zinc-800">
        <span
          aria-hidden
          className="flex h-9 w-9 items-center justify-center rounded-full bg-gradient-to-b from-zinc-300 to-zinc-400 text-white dark:from-zinc-600 dark:to-zinc-700"
        >
          <svg viewBox="0 0 24 24" className="h-5 w-5 fill-current">
            <circle cx="12" cy="8" r="4" />
            <path d="M4 20c0-4.4 3.6-7 8-7s8 2.6 8 7z" />
          </svg>
        </span>
        <div className="min-w-0">
          <p className="truncate font-semibold">
            {isLoading ? "Loading contact…" : (data?.name ?? (readable ? "Unnamed contact" : "Contact card"))}
          </p>
          {data?.organization && (
            <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{data.organization}</p>
          )}
        </div>
      </div>
      {data && (data.phones.length > 0 || data.emails.length > 0) && (
        <dl className="space-y-1 px-3 py-2">
          {data.phones.map((p, i) => (
            <div key={`p${i}`} className="flex gap-2">
              <dt className="w-12 shrink-0 text-xs capitalize text-zinc-500 dark:text-zinc-400">
                {p.label ?? "phone"}
              </dt>
              <dd className="min-w-0 truncate tabular-nums">{p.value}</dd>
            </div>
          ))}
          {data.emails.map((e, i) => (
            <div key={`e${i}`} className="flex gap-2">
              <dt className="w-12 shrink-0 text-xs capitalize text-zinc-500 dark:text-zinc-400">
                {e.label ?? "email"}
              </dt>
              <dd className="min-w-0 truncate">{e.value}</dd>
            </div>
          ))}
        </dl>
      )}
      <a
        href={media.url}
        download
        target="_blank"
        rel="noopener noreferrer"
        className="block border-t border-zinc-100 px-3 py-1.5 text-center text-xs font-medium text-blue-600 hover:bg-zinc-50 dark:border-zinc-800 dark:text-blue-400 dark:hover:bg-zinc-800"
      >
        Download .vcf
      </a>
    </div>
  );
}

function FileChip({ media }: { media: MediaView }) {
  const name = media.fileName ?? mediaLabel(media.kind);
  const size = byteSize(media.byteSize);
  return (
    <a
      href={media.url}
      target="_blank"
      rel="noopener noreferrer"
      download={media.fileName ?? true}
      className="flex w-64 max-w-full items-center gap-3 rounded-2xl border border-zinc-200 bg-white px-3 py-2 text-zinc-900 outline-none hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
      data-testid="file-chip"
    >
      <span
        aria-hidden
        className={`flex h-9 w-8 shrink-0 items-center justify-center rounded-md text-[10px] font-bold text-white ${media.kind === "pdf" ? "bg-red-600" : "bg-zinc-600"}`}
      >
        {media.kind === "pdf" ? "PDF" : (name.split(".").pop() ?? "FILE").slice(0, 4).toUpperCase()}
      </span>
      <span className="min-w-0 flex-1">
        <span className="block truncate text-[13px] font-medium">{name}</span>
        <span className="block text-[11px] text-zinc-500 dark:text-zinc-400">
          {[mediaLabel(media.kind), size].filter(Boolean).join(" · ")} · Download
        </span>
      </span>
    </a>
  );
}

function Unavailable({ media, reason = UNAVAILABLE }: { media: MediaView; reason?: string }) {
  return (
    <div
      className="flex w-64 max-w-full items-start gap-2.5 rounded-2xl border border-dashed border-zinc-300 bg-zinc-50 px-3 py-2.5 text-[12px] text-zinc-600 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-400"
      data-testid="media-unavailable"
    >
      <svg viewBox="0 0 20 20" aria-hidden className="mt-0.5 h-4 w-4 shrink-0 fill-current opacity-70">
        <path d="M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Zm0 11.5a1 1 0 1 0 0 2 1 1 0 0 0 0-2ZM10 5a1 1 0 0 0-1 1v5a1 1 0 1 0 2 0V6a1 1 0 0 0-1-1Z" />
      </svg>
      <span className="min-w-0">
        <span className="block font-medium text-zinc-800 dark:text-zinc-200">
          {media.fileName ?? mediaLabel(media.kind)}
        </span>
        {reason}
        {isWebUrl(media.url) && (
          <>
            {" · "}
            <a
              href={media.url}
              target="_blank"
              rel="noopener noreferrer"
              className="text-blue-600 underline dark:text-blue-400"
            >
              Open link
            </a>
          </>
        )}
      </span>
    </div>
  );
}

/** Where the copy of this attachment stands, with a retry when copying failed. */
function CopyState({ media }: { media: MediaView }) {
  const [retry, setRetry] = useState<"idle" | "pending" | "queued" | "error">("idle");
  const base = "px-1 text-[10.5px] text-zinc-500 dark:text-zinc-400";
  if (media.state === "pending" || media.state === "copying") {
    return (
      <span className={base} data-testid="media-state">
        Saving a copy…
      </span>
    );
  }
  if (media.state === "expired") {
    return (
      <span className={base} data-testid="media-state">
        Expired at Sendblue before a copy was saved
      </span>
    );
  }
  if (media.state !== "failed") return null;
  return (
    <span className={`${base} flex items-center gap-1.5`} data-testid="media-state">
      <span className="text-red-600 dark:text-red-400">Copy failed{media.error ? `: ${media.error}` : ""}</span>
      {retry === "queued" ? (
        <span>· retrying</span>
      ) : (
        <button
          type="button"
          disabled={retry === "pending"}
          onClick={async () => {
            setRetry("pending");
            const queued = await sendJson(`/api/media/${media.id}/retry`, "POST").then(
              () => true,
              () => false,
            );
            setRetry(queued ? "queued" : "error");
          }}
          className="rounded border border-zinc-300 px-1.5 text-zinc-700 outline-none hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
        >
          {retry === "error" ? "Retry failed — try again" : "Retry"}
        </button>
      )}
    </span>
  );
}
