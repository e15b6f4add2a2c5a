import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ProgressBar } from "./progress-bar.ts";

function fakeTerminal(columns: number): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = {
    columns,
    write(chunk: string) {
      written.push(chunk);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe("ProgressBar", () => {
  it("draws one line in place, fits the terminal, and clears it when done", () => {
    const { stream, written } = fakeTerminal(60);
    const bar = new ProgressBar(stream);
    bar.update("writing specs", 1, 4);
    bar.update("writing specs", 2, 4); // within the redraw interval: skipped
    bar.update("writing specs", 4, 4); // the last step is always drawn
    bar.finish();
    assert.equal(written.length, 3);
    const clearToEnd = "\u001b[K";
    assert.equal(
      written[0],
      `\r${"█".repeat(6)}${"░".repeat(18)}  25% writing specs 1/4${clearToEnd}`,
    );
    assert.equal(written[1], `\r${"█".repeat(24)} 100% writing specs 4/4${clearToEnd}`);
    assert.equal(written[2], `\r${clearToEnd}`);
    for (const line of written) assert.ok(line.length - 1 - clearToEnd.length < 60);
  });

  it("writes nothing at all when never updated", () => {
    const { stream, written } = fakeTerminal(80);
    new ProgressBar(stream).finish();
    assert.deepEqual(written, []);
  });
});
