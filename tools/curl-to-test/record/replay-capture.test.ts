import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startDemoPlatform } from "../../../src/demo-platform/platform.ts";
import type { DemoPlatform } from "../../../src/demo-platform/platform.ts";
import { readCaptures } from "../intake/read-captures.ts";
import type { CapturedRequest } from "../model/captured-request.ts";
import { captureJourneys } from "../testing/demo-journeys.ts";
import type { JourneyCapture } from "../testing/demo-journeys.ts";
import { replayCapture } from "./replay-capture.ts";

const token = "replay-test-token";

describe("replayCapture on the demo platform's order journey", () => {
  let platform: DemoPlatform;
  let captures: JourneyCapture[];
  before(async () => {
    platform = await startDemoPlatform({ port: 0, apiToken: token });
    captures = await captureJourneys(platform, token);
  });
  after(() => platform.close());

  const replayed = async (name: string): Promise<CapturedRequest[]> => {
    const capture = captures.find((candidate) => candidate.name === name)!;
    const { requests } = readCaptures([{ name, text: capture.text }]);
    return replayCapture(requests, { target: platform.services.order.url, runs: 3 });
  };
  const statuses = (request: CapturedRequest | undefined) =>
    [request?.response, ...(request?.replays ?? [])].map((response) => response?.status);
  const bodyOf = (text: string | undefined) => JSON.parse(text ?? "null") as { id: number };

  it("creates and cancels a fresh order each run, with a fresh idempotency key", async () => {
    const requests = await replayed("order.har");
    const [, create, , , cancel] = requests;
    assert.deepEqual(statuses(cancel), [200, 200, 200, 200], "the captured 200, then 3 replays");
    const ids = [create!.response!, ...create!.replays!].map(
      (response) => bodyOf(response.bodyText).id,
    );
    assert.equal(new Set(ids).size, 4, "every replay placed an order of its own");
    assert.ok(
      create!.replays!.every(
        (response) => !response.headers.some((h) => /idempotent-replayed/i.test(h.name)),
      ),
    );
  });

  it("gives curl commands the response the capture must have had, ids included", async () => {
    const requests = await replayed("order.sh");
    const [, create, read, , cancel] = requests;
    const capturedId = Number(/\/v1\/orders\/(\d+)/.exec(read!.url)![1]);
    assert.equal(
      bodyOf(create!.response!.bodyText).id,
      capturedId,
      "the create returned the id the capture then read",
    );
    assert.deepEqual(
      statuses(cancel),
      [200, 200, 200],
      "never the 409 of an order the capture already cancelled",
    );
    assert.equal(create!.replays!.length, 2);
  });
});
