/** A word of the input short enough to quote in a message. */
export function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 3)}…` : text;
}
