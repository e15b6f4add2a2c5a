/**
 * The Content-Type curl gives a `-F name=@file` part that names no `type=`: it tries a few
 * well-known extensions, on the part's filename first and then on the file's path, and sends
 * application/octet-stream when neither matches (curl's lib/mime.c, checked against curl 7.88).
 * Playwright would guess from a longer list (`.sh` → application/x-sh), so the type is kept as
 * sent.
 */
const typesByExtension: readonly (readonly [string, string])[] = [
  [".gif", "image/gif"],
  [".jpg", "image/jpeg"],
  [".jpeg", "image/jpeg"],
  [".png", "image/png"],
  [".svg", "image/svg+xml"],
  [".txt", "text/plain"],
  [".htm", "text/html"],
  [".html", "text/html"],
  [".pdf", "application/pdf"],
  [".xml", "application/xml"],
];

function typeByExtension(name: string): string | undefined {
  const lower = name.toLowerCase();
  return typesByExtension.find(([extension]) => lower.endsWith(extension))?.[1];
}

export function curlUploadContentType(upload: { filename: string; path: string }): string {
  return (
    typeByExtension(upload.filename) ?? typeByExtension(upload.path) ?? "application/octet-stream"
  );
}
