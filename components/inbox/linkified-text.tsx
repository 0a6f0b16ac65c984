// Message text as React text nodes (never HTML); http(s) URLs become links, nothing else does.

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/giu;

export function LinkifiedText({ text }: { text: string }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let url = match[0];
    // Trailing punctuation usually ends the sentence, not the URL.
    const trimmed = url.replace(/[).,!?;:]+$/u, "");
    url = trimmed;
    const start = match.index ?? 0;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a
        key={start}
        href={url}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="underline decoration-1 underline-offset-2 break-all"
      >
        {url}
      </a>,
    );
    last = start + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
