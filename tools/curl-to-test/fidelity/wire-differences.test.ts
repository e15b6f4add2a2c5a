// Requests pair by identity first, then by closeness; every remaining difference is listed.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RecordedRequest } from "./recording-server.ts";
import { pairRequests } from "./wire-differences.ts";
import { normaliseRequest } from "./wire-normalisation.ts";

function request(method: string, target: string, body = "", headers: [string, string][] = []) {
  const recorded: RecordedRequest = {
    method,
    target,
    headers: headers.map(([name, value]) => ({ name, value })),
    body: Buffer.from(body),
  };
  return normaliseRequest(recorded, "curl");
}

describe("pairRequests", () => {
  it("collapses repeats on each side and pairs identical requests with no difference", () => {
    const paired = pairRequests(
      [request("GET", "/a"), request("GET", "/a"), request("GET", "/b")],
      [request("GET", "/b"), request("GET", "/a")],
    );
    assert.equal(paired.pairs.length, 2);
    assert.ok(paired.pairs.every((pair) => pair.differences.length === 0));
    assert.ok(paired.applied.has("identical-requests"));
  });

  it("pairs the closest requests and lists header, body and method differences", () => {
    const paired = pairRequests(
      [request("POST", "/orders?x=1", "a long body that differs near the end: 1", [["x-a", "1"]])],
      [request("PUT", "/orders?x=1", "a long body that differs near the end: 2", [["x-b", "2"]])],
    );
    assert.deepEqual(
      paired.pairs[0]?.differences.map((d) => [d.aspect, d.subject, d.curl, d.test]),
      [
        ["method", "method", "POST", "PUT"],
        ["header", "x-a", "1", "(absent)"],
        ["header", "x-b", "(absent)", "2"],
        [
          "body",
          "body",
          '40 bytes, from byte 19: ..."ffers near the end: 1"',
          '40 bytes, from byte 19: ..."ffers near the end: 2"',
        ],
      ],
    );
  });

  it("reports requests only one side sent", () => {
    const paired = pairRequests(
      [request("GET", "/only-curl")],
      [request("DELETE", "/x/only-test")],
    );
    assert.deepEqual(
      paired.pairs.flatMap((pair) =>
        pair.differences.map((d) => `${d.subject}: ${d.curl}/${d.test}`),
      ),
      ["GET /only-curl: sent/not sent", "DELETE /x/only-test: not sent/sent"],
    );
  });
});
