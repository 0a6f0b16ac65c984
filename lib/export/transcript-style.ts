// The transcript's stylesheet, inline so the file stands alone (saved, mailed, printed).
// Light and dark follow the reader's setting on screen; print is always black on white,
// keeps a message or note whole on one page and a day heading with what follows it, and
// writes each attachment's address after its link (paper has no links).

export const TRANSCRIPT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #18181b; --muted: #52525b; --rule: #e4e4e7;
  --in-bg: #f4f4f5; --in-rule: #a1a1aa; --out-bg: #eff6ff; --out-rule: #2563eb;
  --note-bg: #fffbeb; --note-rule: #d97706; --note-fg: #78350f; --failed: #b91c1c; --link: #1d4ed8;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #09090b; --fg: #f4f4f5; --muted: #a1a1aa; --rule: #27272a;
    --in-bg: #18181b; --in-rule: #71717a; --out-bg: #0c1a33; --out-rule: #60a5fa;
    --note-bg: #2a1a05; --note-rule: #f59e0b; --note-fg: #fcd34d; --failed: #f87171; --link: #93c5fd;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0 auto; max-width: 46rem; padding: 2rem 1.25rem 3rem; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: var(--link); }
.eyebrow { margin: 0; font-size: 12px; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
h1 { margin: .2rem 0 1rem; font-size: 1.6rem; line-height: 1.2; overflow-wrap: anywhere; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1.5rem; padding: 0 0 1.25rem; border-bottom: 1px solid var(--rule); font-size: 13.5px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
h2.day { margin: 1.75rem 0 .6rem; padding-bottom: .25rem; border-bottom: 1px solid var(--rule); font-size: 13px; font-weight: 600; color: var(--muted); }
.msg { margin: .5rem 0; padding: .45rem .75rem .55rem; border-left: 3px solid var(--in-rule); border-radius: 0 8px 8px 0; background: var(--in-bg); }
.msg.out { margin-left: 2.5rem; border-left-color: var(--out-rule); background: var(--out-bg); }
.msg.failed { border-left-color: var(--failed); }
.meta { display: flex; flex-wrap: wrap; gap: 0 .5rem; align-items: baseline; font-size: 12.5px; color: var(--muted); }
.meta .who { font-weight: 600; color: var(--fg); }
.meta .status.failed { font-weight: 600; color: var(--failed); }
.text { margin: .2rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext; }
.text.empty { font-style: italic; color: var(--muted); }
.quote { margin: .3rem 0 .2rem; padding: .1rem .6rem; border-left: 2px solid var(--rule); font-size: 13px; color: var(--muted); overflow-wrap: anywhere; }
.attachments { margin: .3rem 0 0; padding-left: 1.1rem; font-size: 13.5px; }
.attachments .detail { color: var(--muted); }
.reactions, .extra { margin: .3rem 0 0; font-size: 13px; color: var(--muted); overflow-wrap: anywhere; }
.note { margin: .75rem 0; padding: .5rem .75rem; border: 1px solid var(--note-rule); border-radius: 8px; background: var(--note-bg); }
.note .label { font-size: 11.5px; font-weight: 700; letter-spacing: .05em; text-transform: uppercase; color: var(--note-fg); }
.activity, .line-event { margin: .5rem 0; text-align: center; font-size: 12.5px; color: var(--muted); }
.call { margin: .6rem 0; padding: .4rem .75rem; border: 1px dashed var(--rule); border-radius: 8px; font-size: 13.5px; }
.call .text { font-size: 13px; color: var(--muted); }
footer { margin-top: 2rem; padding-top: .75rem; border-top: 1px solid var(--rule); font-size: 12px; color: var(--muted); }
@page { margin: 16mm 14mm; }
@media print {
  :root { --bg: #fff; --fg: #000; --muted: #444; --rule: #bbb; --in-bg: #fff; --out-bg: #fff; --note-bg: #fff; --link: #000; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  .msg, .note, .call, .activity, .line-event, .facts { break-inside: avoid; }
  h1, h2.day { break-after: avoid; }
  .attachments a[href]::after, .extra a[href]::after { content: " <" attr(href) ">"; font-size: 9pt; overflow-wrap: anywhere; }
}
`;
