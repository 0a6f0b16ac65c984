import { avatarHue, initials } from "./format";

export function Avatar({
  title,
  group,
  seed,
  size = 44,
}: {
  title: string;
  group?: boolean;
  seed: string;
  size?: number;
}) {
  const hue = avatarHue(seed);
  const text = group ? initials(title).slice(0, 2) : initials(title);
  return (
    <span
      aria-hidden
      className="flex shrink-0 items-center justify-center rounded-full font-semibold text-white select-none"
      style={{
        width: size,
        height: size,
        fontSize: size * 0.36,
        background: `linear-gradient(180deg, hsl(${hue} 45% 62%), hsl(${hue} 45% 46%))`,
      }}
    >
      {text === "#" ? <PersonGlyph /> : text}
    </span>
  );
}

function PersonGlyph() {
  return (
    <svg viewBox="0 0 24 24" className="h-1/2 w-1/2 fill-white/90">
      <circle cx="12" cy="8" r="4" />
      <path d="M4 20c0-4.4 3.6-7 8-7s8 2.6 8 7z" />
    </svg>
  );
}
