import { isPlaceholderHandle } from "@/lib/send/placeholder-handle";
import type { ConversationView } from "./api";
import { useMe } from "./assign-picker";
import { Avatar } from "./avatar";
import { useIsSelected } from "./bulk-selection";
import { messageGist, relativeTime, serviceName } from "./format";
import { RowMarks } from "./row-marks";
import { ServiceBadge } from "./service-badge";
import { usePhoneFormat } from "./use-phone-format";
import { LabelChips } from "@/components/labels/label-chips";

export const ROW_HEIGHT = 76;

type Outgoing = NonNullable<ConversationView["lastMessage"]>;

/**
 * Who sent an outgoing message: the viewer ("You"), a teammate by name, an API token with no
 * member (clientId but no member: automation), or neither, so it came from outside the inbox
 * (Sendblue's own app or API).
 */
export function outgoingAuthor(m: Outgoing, viewerId: number | null): string {
  // The composer's optimistic copy (not yet on the server) is always the viewer's.
  if (isPlaceholderHandle(m.handle) || (m.sentByUserId != null && m.sentByUserId === viewerId)) return "You";
  if (m.sentBy) return m.sentBy;
  return m.clientId ? "Automation" : "Sendblue";
}

export function conversationPreview(c: ConversationView, viewerId: number | null = null): string {
  const m = c.lastMessage;
  if (!m) return "No messages yet";
  const body = messageGist(m.content, m.media[0]?.kind);
  if (m.direction === "inbound") return body;
  const failed = ["FAILED", "ERROR", "DECLINED"].includes(m.status.toUpperCase());
  return `${failed ? "Not delivered" : outgoingAuthor(m, viewerId)}: ${body}`;
}

export function ConversationRow({
  conversation: c,
  selected,
  focused,
  typing,
  now,
  tabStop,
  onOpen,
  onFocus,
}: {
  conversation: ConversationView;
  selected: boolean;
  focused: boolean;
  typing: boolean;
  now: number;
  /** The list is one tab stop (roving tabindex): only this row is reached with Tab. */
  tabStop: boolean;
  onOpen: (id: number) => void;
  onFocus: (id: number) => void;
}) {
  const service = serviceName(c.lastMessage?.service ?? null);
  const { formatPhonesIn } = usePhoneFormat();
  const viewerId = useMe();
  const unread = c.unreadCount > 0;
  const checked = useIsSelected(c.id);
  return (
    <a
      href={`/?c=${c.id}`}
      data-conversation-id={c.id}
      data-focused={focused || undefined}
      data-checked={checked || undefined}
      aria-current={selected ? "page" : undefined}
      tabIndex={tabStop ? 0 : -1}
      onFocus={() => onFocus(c.id)}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        onOpen(c.id);
      }}
      className={[
        "mx-2 flex h-[72px] items-center gap-3 rounded-lg px-2.5 outline-none",
        "focus-visible:ring-2 focus-visible:ring-blue-500",
        selected ? "bg-blue-600 text-white" : "hover:bg-zinc-100 dark:hover:bg-zinc-800/70",
        focused && !selected ? "ring-2 ring-blue-400/70 ring-inset" : "",
        checked && !selected ? "bg-blue-50 dark:bg-blue-950/50" : "",
      ].join(" ")}
    >
      <div className="relative">
        <Avatar title={c.title} group={c.kind === "group"} seed={String(c.id)} />
        {checked && (
          <span
            className="absolute -right-0.5 -bottom-0.5 flex h-4 w-4 items-center justify-center rounded-full bg-blue-600 text-[10px] text-white ring-2 ring-white dark:ring-zinc-900"
            data-testid="row-checked"
          >
            <span aria-hidden>✓</span>
            <span className="sr-only">Selected</span>
          </span>
        )}
        {unread && !selected && (
          <span
            className="absolute -left-1.5 top-1/2 h-2.5 w-2.5 -translate-y-1/2 -translate-x-1 rounded-full bg-blue-500"
            aria-hidden
          />
        )}
      </div>
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline gap-2">
          <span className={`truncate text-[14px] ${unread ? "font-semibold" : "font-medium"}`}>
            {formatPhonesIn(c.title)}
          </span>
          {service && (
            <span className="ml-auto shrink-0">
              <ServiceBadge service={service} inverted={selected} />
            </span>
          )}
          <span
            className={`${service ? "" : "ml-auto "}shrink-0 text-xs tabular-nums ${selected ? "text-white" : "text-zinc-500 dark:text-zinc-400"}`}
          >
            {relativeTime(c.updatedAt, now)}
          </span>
        </div>
        <div className="mt-0.5 flex items-start gap-2">
          {typing ? (
            <span
              className={`flex items-center gap-1 text-[13px] ${selected ? "text-white" : "text-blue-600 dark:text-blue-400"}`}
              data-testid="row-typing"
            >
              <TypingDots /> typing…
            </span>
          ) : (
            <span
              className={`line-clamp-2 min-w-0 flex-1 text-[13px] leading-snug ${
                selected
                  ? "text-white"
                  : unread
                    ? "text-zinc-800 dark:text-zinc-200"
                    : "text-zinc-500 dark:text-zinc-400"
              }`}
            >
              {conversationPreview(c, viewerId)}
            </span>
          )}
          {/* Beside the preview, which wraps to make room, so the title keeps its width. */}
          <LabelChips labels={c.labels} max={2} className="mt-0.5 max-w-[45%] shrink-0 overflow-hidden" />
          <span className="ml-auto" />
          <RowMarks c={c} selected={selected} />
          {unread && (
            <span
              className={`min-w-5 shrink-0 rounded-full px-1.5 text-center text-[11px] font-semibold leading-5 ${
                selected ? "bg-white text-blue-700" : "bg-blue-600 text-white"
              }`}
              aria-label={`${c.unreadCount} unread`}
            >
              {c.unreadCount > 99 ? "99+" : c.unreadCount}
            </span>
          )}
        </div>
      </div>
    </a>
  );
}

export function TypingDots({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-0.5 ${className}`} aria-hidden>
      {[0, 150, 300].map((d) => (
        <span
          key={d}
          className="h-1.5 w-1.5 animate-bounce rounded-full bg-current opacity-70"
          style={{ animationDelay: `${d}ms` }}
        />
      ))}
    </span>
  );
}
