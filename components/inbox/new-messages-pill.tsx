"use client";

// "↓ 3 new" at the bottom of a thread the agent has scrolled up in; a click goes to the
// newest message. Zero-height and sticky (the button overflows it upwards), so it floats over
// the thread without moving it.

export function NewMessagesPill({ count, onClick }: { count: number; onClick: () => void }) {
  if (count <= 0) return null;
  return (
    <div className="pointer-events-none sticky bottom-3 z-10 flex h-0 items-end justify-center overflow-visible">
      <button
        type="button"
        onClick={onClick}
        aria-label={`${count} new message${count === 1 ? "" : "s"}, go to the newest`}
        data-testid="new-messages-pill"
        className="pointer-events-auto shrink-0 rounded-full bg-blue-600 px-3.5 py-1.5 text-[13px] font-semibold text-white shadow-lg outline-none hover:bg-blue-700 focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:ring-offset-2 dark:focus-visible:ring-offset-zinc-950"
      >
        <span aria-hidden>↓ </span>
        {count > 99 ? "99+" : count} new
      </button>
    </div>
  );
}
