// iMessage's expressive send styles (Sendblue's send_style), apart from the zod schemas so the
// composer's menu does not pull zod into the inbox's JavaScript.

export const SEND_STYLES = [
  "celebration",
  "shooting_star",
  "fireworks",
  "lasers",
  "love",
  "confetti",
  "balloons",
  "spotlight",
  "echo",
  "invisible",
  "gentle",
  "loud",
  "slam",
] as const;
