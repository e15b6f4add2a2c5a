import { readFile } from "node:fs/promises";
import { text as readStream } from "node:stream/consumers";
import type { CaptureInput } from "../../../../tools/curl-to-test/convert-captures.ts";
import type { CaptureFailure } from "../../../../tools/curl-to-test/model/captured-request.ts";

export interface ReadCaptures {
  inputs: CaptureInput[];
  /** Inputs that could not be read: reported beside the conversion's own failures. */
  failures: CaptureFailure[];
}

/** Reads each named capture (`-` is stdin); one that cannot be read is a failure, not a stop. */
export async function readCaptures(names: readonly string[]): Promise<ReadCaptures> {
  const read: ReadCaptures = { inputs: [], failures: [] };
  for (const name of names) {
    try {
      const text = name === "-" ? await readStream(process.stdin) : await readFile(name, "utf8");
      read.inputs.push({ name, text });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      read.failures.push({
        source: { file: name, line: 0, column: 0 },
        message: `cannot read: ${reason}`,
      });
    }
  }
  return read;
}
