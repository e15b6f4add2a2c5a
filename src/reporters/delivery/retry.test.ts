import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DeliveryError, DeliveryThrottle, withRetry } from "./retry.ts";
import type { FailureVerdict } from "./retry.ts";

const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 5_000 };

/** Records the waits instead of sleeping. */
function clock() {
  const waits: number[] = [];
  return { waits, sleep: (ms: number) => (waits.push(ms), Promise.resolve()) };
}

function failing(verdicts: FailureVerdict[]) {
  let calls = 0;
  const errors = verdicts.map((verdict, index) =>
    Object.assign(new Error(`try ${index + 1}`), { verdict }),
  );
  return {
    get calls() {
      return calls;
    },
    action: () => {
      const error = errors[calls++];
      return error ? Promise.reject(error) : Promise.resolve("sent");
    },
    classify: (error: unknown) => (error as { verdict: FailureVerdict }).verdict,
  };
}

describe("withRetry", () => {
  it("waits as long as Retry-After says, then succeeds", async () => {
    const { waits, sleep } = clock();
    const target = failing([{ retry: true, retryAfterMs: 2_000, rateLimited: true }]);
    assert.equal(
      await withRetry(target.action, { what: "POST x", policy, classify: target.classify, sleep }),
      "sent",
    );
    assert.deepEqual(waits, [2_000]);
  });

  it("backs off exponentially on failures without a Retry-After", async () => {
    const { waits, sleep } = clock();
    const target = failing([{ retry: true }, { retry: true }, { retry: true }]);
    await withRetry(target.action, { what: "POST x", policy, classify: target.classify, sleep });
    assert.deepEqual(waits, [100, 200, 400]);
  });

  it("gives up at once on a permanent failure, naming the call", async () => {
    const { waits, sleep } = clock();
    const target = failing([{ retry: false }]);
    await assert.rejects(
      withRetry(target.action, {
        what: "POST /rest/api/3/issue",
        policy,
        classify: target.classify,
        sleep,
      }),
      (error: unknown) =>
        error instanceof DeliveryError &&
        error.permanent &&
        error.message === "POST /rest/api/3/issue: try 1",
    );
    assert.deepEqual(waits, []);
  });

  it("stops after the last attempt", async () => {
    const { sleep } = clock();
    const target = failing(Array.from({ length: 9 }, () => ({ retry: true as const })));
    await assert.rejects(
      withRetry(target.action, { what: "x", policy, classify: target.classify, sleep }),
      /x: try 4/,
    );
    assert.equal(target.calls, 4);
  });

  it("does not hold the run for a Retry-After longer than maxDelayMs", async () => {
    const { waits, sleep } = clock();
    const target = failing([{ retry: true, retryAfterMs: 60_000 }]);
    await assert.rejects(
      withRetry(target.action, { what: "x", policy, classify: target.classify, sleep }),
      (error: unknown) =>
        error instanceof DeliveryError &&
        !error.permanent &&
        /asked to wait 60s/.test(error.message),
    );
    assert.deepEqual(waits, []);
  });

  it("retries whatever the classifier says to, a TypeError included", async () => {
    const { waits, sleep } = clock();
    let calls = 0;
    const action = () =>
      calls++ === 0 ? Promise.reject(new TypeError("body is unusable")) : Promise.resolve("sent");
    const result = await withRetry(action, {
      what: "x",
      policy,
      classify: () => ({ retry: true }),
      sleep,
    });
    assert.equal(result, "sent");
    assert.deepEqual(waits, [100]);
  });

  it("pauses every call sharing the throttle after a 429", async () => {
    const throttle = new DeliveryThrottle();
    throttle.pauseFor(150);
    const started = Date.now();
    await throttle.ready();
    assert.ok(Date.now() - started >= 140);
  });
});
