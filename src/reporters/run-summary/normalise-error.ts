/**
 * An error message reduced to what stays the same when the same fault happens again: without
 * colours, call logs, numbers, ids, timestamps, file paths and hosts. Two failures with equal
 * normalised messages are, for ticketing, the same failure.
 */
export function normaliseError(message: string): string {
  let text = stripAnsi(message);
  // Playwright appends the actions it waited for; their timings differ on every run.
  const callLog = text.search(/^\s*Call log:/m);
  if (callLog !== -1) text = text.slice(0, callLog);
  text = text
    .replace(/https?:\/\/[^\s/'"`)]+/g, "<origin>")
    .replace(/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?/g, "<time>")
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<id>")
    .replace(
      /(?:[A-Za-z]:)?(?:[\\/][\w.@-]+)*[\\/][\w@-][\w.@-]*\.[A-Za-z]{1,5}(?::\d+){0,2}/g,
      "<path>",
    )
    .replace(/\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b/g, "<host>")
    .replace(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, "<id>")
    .replace(/\d+(\.\d+)?/g, "<n>");
  return text
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter((line) => line.length > 0)
    .join("\n")
    .slice(0, 2_000);
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex -- ANSI escape sequences start with ESC (0x1b).
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
}

/** The first non-empty line, without colours: what a title or a one-line list shows. */
export function firstLine(message: string): string {
  return (
    stripAnsi(message)
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? ""
  );
}
