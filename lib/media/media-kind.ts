// Sendblue sends attachments as a bare URL with no MIME type: guess from the extension
// until the media mirror sniffs the real bytes.

const BY_EXTENSION: Record<string, { kind: string; contentType: string }> = {
  png: { kind: "image", contentType: "image/png" },
  jpg: { kind: "image", contentType: "image/jpeg" },
  jpeg: { kind: "image", contentType: "image/jpeg" },
  gif: { kind: "image", contentType: "image/gif" },
  webp: { kind: "image", contentType: "image/webp" },
  heic: { kind: "image", contentType: "image/heic" },
  heif: { kind: "image", contentType: "image/heif" },
  mov: { kind: "video", contentType: "video/quicktime" },
  mp4: { kind: "video", contentType: "video/mp4" },
  m4v: { kind: "video", contentType: "video/mp4" },
  caf: { kind: "audio", contentType: "audio/x-caf" },
  m4a: { kind: "audio", contentType: "audio/mp4" },
  mp3: { kind: "audio", contentType: "audio/mpeg" },
  amr: { kind: "audio", contentType: "audio/amr" },
  wav: { kind: "audio", contentType: "audio/wav" },
  vcf: { kind: "contact", contentType: "text/vcard" },
  pdf: { kind: "pdf", contentType: "application/pdf" },
};

export type MediaGuess = { kind: string; contentType: string | null; fileName: string | null };

export function guessMedia(url: string): MediaGuess {
  let pathname = url;
  try {
    pathname = new URL(url).pathname;
  } catch {
    // Not a URL we can parse: still keep it, guess from the raw text.
  }
  const fileName = decodeSafe(pathname.split("/").pop() ?? "") || null;
  const ext = fileName?.includes(".") ? fileName.split(".").pop()!.toLowerCase() : "";
  const known = BY_EXTENSION[ext];
  return known ? { ...known, fileName } : { kind: "file", contentType: null, fileName };
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
