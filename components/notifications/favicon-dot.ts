// The page's favicon with a red dot in its corner, for "you have unread conversations". The
// icon is our own SVG (app/icon.svg, 32×32 view box), fetched once; the dot is drawn over it
// and the result is a data: URL (img-src allows data:).

const DOT = '<circle cx="25" cy="7" r="6.5" fill="#dc2626" stroke="#ffffff" stroke-width="2"/>';
// If the icon cannot be read, a plain blue square still carries the dot.
const FALLBACK =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#2563eb"/></svg>';

const dotted = new Map<string, Promise<string>>();

export function faviconWithDot(href: string): Promise<string> {
  let url = dotted.get(href);
  if (!url) {
    url = fetch(href)
      .then((res) => (res.ok ? res.text() : FALLBACK))
      .catch(() => FALLBACK)
      .then((svg) => {
        const source = /<svg[\s>]/.test(svg) && svg.includes("</svg>") ? svg : FALLBACK;
        return `data:image/svg+xml,${encodeURIComponent(source.replace(/<\/svg>\s*$/, `${DOT}</svg>`))}`;
      });
    dotted.set(href, url);
  }
  return url;
}
