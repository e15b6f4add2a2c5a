import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseK6JsonLine } from "./metric-point.ts";

// Lines as k6 v1 writes them with `--out json=…`.
const durationLine =
  '{"metric":"http_req_duration","type":"Point","data":{"time":"2026-11-22T10:53:01.123456789Z","value":3.52,"tags":{"endpoint":"eta-precise","expected_response":"true","method":"GET","name":"GET /v1/eta/precise","scenario":"daily-peak","status":"200"}}}';
const declaration =
  '{"type":"Metric","data":{"name":"http_req_duration","type":"trend","contains":"time","thresholds":["p(95)<20"],"submetrics":null},"metric":"http_req_duration"}';

describe("parseK6JsonLine", () => {
  it("reads a point's metric, time, value and tags", () => {
    assert.deepEqual(parseK6JsonLine(durationLine), {
      metric: "http_req_duration",
      time: Date.parse("2026-11-22T10:53:01.123Z"),
      value: 3.52,
      tags: {
        endpoint: "eta-precise",
        expected_response: "true",
        method: "GET",
        name: "GET /v1/eta/precise",
        scenario: "daily-peak",
        status: "200",
      },
    });
  });

  it("skips declarations, metrics the timeline does not read, and broken lines", () => {
    assert.equal(parseK6JsonLine(declaration), undefined);
    assert.equal(
      parseK6JsonLine(durationLine.replace("http_req_duration", "http_req_blocked")),
      undefined,
    );
    assert.equal(parseK6JsonLine(durationLine.slice(0, 60)), undefined);
    assert.equal(parseK6JsonLine("running (0m01.0s), 1/1 VUs"), undefined);
  });

  it("accepts a point without tags", () => {
    const line =
      '{"metric":"vus","type":"Point","data":{"time":"2026-11-22T10:53:01Z","value":4,"tags":null}}';
    assert.deepEqual(parseK6JsonLine(line)?.tags, {});
  });
});
