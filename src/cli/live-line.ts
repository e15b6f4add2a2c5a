/** One status line on a terminal, redrawn in place at most every `intervalMs`. */
export class LiveLine {
  readonly #stream: NodeJS.WriteStream;
  readonly #intervalMs = 100;
  #lastDraw = Number.NEGATIVE_INFINITY;
  #drawn = false;

  constructor(stream: NodeJS.WriteStream) {
    this.#stream = stream;
  }

  update(text: string): void {
    const now = performance.now();
    if (now - this.#lastDraw < this.#intervalMs) return;
    this.#lastDraw = now;
    this.#stream.write(`\r${text.slice(0, (this.#stream.columns || 80) - 1)}\u001b[K`);
    this.#drawn = true;
  }

  /** Clears the line so the messages after it start clean. */
  finish(): void {
    if (this.#drawn) this.#stream.write("\r\u001b[K");
    this.#drawn = false;
  }
}
