/**
 * A HAR file that is valid after every completed exchange: each entry is written in place of
 * the closing brackets, together with new closing brackets, in one synchronous write. Ctrl-C,
 * a crash or a killed process leave every entry written so far in a file any HAR reader opens.
 */
import { closeSync, fchmodSync, openSync, writeSync } from "node:fs";
import type { HarEntryJson } from "./har-entry-builder.ts";

const closing = Buffer.from("\n]}}\n");

export class HarJournal {
  readonly #fd: number;
  /** Where the closing brackets start: the next entry goes here. */
  #end: number;
  #count = 0;

  /** Creates (or truncates) the file, owner-only: it holds the raw capture, secrets included. */
  constructor(path: string, creator: { name: string; version: string }) {
    this.#fd = openSync(path, "w", 0o600);
    // An existing file keeps its mode through "w"; the capture must not stay readable by others.
    fchmodSync(this.#fd, 0o600);
    const head = Buffer.from(
      `{"log":{"version":"1.2","creator":${JSON.stringify(creator)},"pages":[],"entries":[`,
    );
    writeSync(this.#fd, Buffer.concat([head, closing]), 0, head.length + closing.length, 0);
    this.#end = head.length;
  }

  append(entry: HarEntryJson): void {
    const separator = this.#count === 0 ? "\n" : ",\n";
    const body = Buffer.from(separator + JSON.stringify(entry));
    const chunk = Buffer.concat([body, closing]);
    writeSync(this.#fd, chunk, 0, chunk.length, this.#end);
    this.#end += body.length;
    this.#count += 1;
  }

  close(): void {
    closeSync(this.#fd);
  }
}
