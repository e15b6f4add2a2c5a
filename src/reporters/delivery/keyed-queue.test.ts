import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runSerialisedPerKey } from "./keyed-queue.ts";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("runSerialisedPerKey", () => {
  it("never overlaps tasks of one key, runs keys side by side, keeps the order of results", async () => {
    const running = new Map<string, number>();
    let overlapSameKey = false;
    let maxParallel = 0;
    let parallel = 0;
    const task = (key: string, value: number) => ({
      key,
      run: async () => {
        running.set(key, (running.get(key) ?? 0) + 1);
        if ((running.get(key) ?? 0) > 1) overlapSameKey = true;
        parallel += 1;
        maxParallel = Math.max(maxParallel, parallel);
        await tick();
        parallel -= 1;
        running.set(key, (running.get(key) ?? 1) - 1);
        return value;
      },
    });
    const outcomes = await runSerialisedPerKey(
      [task("QA-1", 1), task("QA-2", 2), task("QA-1", 3), task("QA-3", 4), task("QA-1", 5)],
      2,
    );
    assert.equal(overlapSameKey, false);
    assert.equal(maxParallel, 2);
    assert.deepEqual(
      outcomes.map((outcome) => (outcome.status === "done" ? outcome.value : outcome.status)),
      [1, 2, 3, 4, 5],
    );
  });

  it("skips the rest of a key after one of its tasks fails; other keys go on", async () => {
    const outcomes = await runSerialisedPerKey(
      [
        { key: "a", run: () => Promise.reject(new Error("down")) },
        { key: "a", run: () => Promise.resolve("later") },
        { key: "b", run: () => Promise.resolve("fine") },
      ],
      4,
    );
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      ["failed", "skipped", "done"],
    );
  });
});
