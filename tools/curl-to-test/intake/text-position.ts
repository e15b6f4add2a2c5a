/**
 * Turns offsets into an input into 1-based lines and columns, and into the excerpt-with-caret
 * that failures show. Line starts are indexed once so a 10,000-entry HAR stays linear.
 */
import type { CaptureFailure, SourceLocation } from "../model/captured-request.ts";
import { maskCredentials } from "./excerpt-masking.ts";

const EXCERPT_MAX_CHARS = 120;

export class LineIndex {
  readonly #text: string;
  #starts: number[] | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  /** Built on first use: most inputs never need a position. */
  get #lineStarts(): number[] {
    if (!this.#starts) {
      const starts = [0];
      for (let at = this.#text.indexOf("\n"); at !== -1; at = this.#text.indexOf("\n", at + 1)) {
        starts.push(at + 1);
      }
      this.#starts = starts;
    }
    return this.#starts;
  }

  /** 1-based line and column of a UTF-16 offset (columns count UTF-16 units). */
  position(offset: number): { line: number; column: number } {
    const starts = this.#lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  }

  location(file: string, offset: number): SourceLocation {
    return { file, ...this.position(offset) };
  }

  /**
   * The source line holding `offset` (credentials masked), and a caret line under `length`
   * characters from it.
   */
  excerpt(offset: number, length = 1): { line: string; caret: string } {
    const { line, column } = this.position(offset);
    const start = this.#lineStarts[line - 1] ?? 0;
    const nextStart = this.#lineStarts[line];
    let end = nextStart === undefined ? this.#text.length : nextStart - 1;
    if (this.#text[end - 1] === "\r") end -= 1;
    let text = maskCredentials(this.#text.slice(start, end));
    let caretColumn = column - 1;
    // Long lines (a minified HAR) are cut around the offending token so the caret stays visible.
    if (text.length > EXCERPT_MAX_CHARS) {
      const from = Math.max(0, Math.min(caretColumn - 40, text.length - EXCERPT_MAX_CHARS));
      text = (from > 0 ? "…" : "") + text.slice(from, from + EXCERPT_MAX_CHARS);
      caretColumn = caretColumn - from + (from > 0 ? 1 : 0);
    }
    const width = Math.max(1, Math.min(length, text.length - caretColumn));
    const lead = text.slice(0, caretColumn).replace(/[^\t]/g, " ");
    return { line: text, caret: lead + "^".repeat(width) };
  }

  failure(options: {
    file: string;
    offset: number;
    length?: number;
    message: string;
  }): CaptureFailure {
    return {
      source: this.location(options.file, options.offset),
      message: options.message,
      excerpt: this.excerpt(options.offset, options.length),
    };
  }
}

/**
 * Line and column of each offset, for offsets in increasing order, in one pass that counts
 * line breaks without indexing every line (a pretty-printed 10,000-entry HAR has a million).
 */
export function positionsInOrder(
  text: string,
  offsets: readonly number[],
): { line: number; column: number }[] {
  const positions: { line: number; column: number }[] = [];
  let line = 1;
  let lineStart = 0;
  let next = text.indexOf("\n");
  for (const offset of offsets) {
    while (next !== -1 && next < offset) {
      line += 1;
      lineStart = next + 1;
      next = text.indexOf("\n", next + 1);
    }
    positions.push({ line, column: offset - lineStart + 1 });
  }
  return positions;
}
