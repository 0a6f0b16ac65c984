// Where media previews may load from besides our own origin: Sendblue's storage, until the
// mirrored copy exists.
export function cspMediaSources(): string[] {
  return ["https://storage.googleapis.com", "https://cdn.sendblue.co"];
}
