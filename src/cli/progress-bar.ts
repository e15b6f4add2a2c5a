/** A one-line progress bar on a terminal's stderr, redrawn at most every `intervalMs`. */
export class ProgressBar {
  readonly #stream: NodeJS.WriteStream;
  readonly #width = 24;
  readonly #intervalMs = 100;
  #lastDraw = Number.NEGATIVE_INFINITY;
  #drawn = false;

  constructor(stream: NodeJS.WriteStream) {
    this.#stream = stream;
  }

  update(label: string, done: number, total: number): void {
    const now = performance.now();
    if (done < total && now - this.#lastDraw < this.#intervalMs) return;
    this.#lastDraw = now;
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * this.#width);
    const bar = `${"█".repeat(filled)}${"░".repeat(this.#width - filled)}`;
    const line = `${bar} ${String(Math.round(ratio * 100)).padStart(3)}% ${label} ${done}/${total}`;
    this.#stream.write(`\r${line.slice(0, (this.#stream.columns || 80) - 1)}\u001b[K`);
    this.#drawn = true;
  }

  /** Clears the line so the messages after it start clean. */
  finish(): void {
    if (this.#drawn) this.#stream.write("\r\u001b[K");
    this.#drawn = false;
  }
}
