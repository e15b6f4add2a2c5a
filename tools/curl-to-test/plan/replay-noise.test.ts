import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PlannedExchange } from "./conversion-plan.ts";
import { captured, json, jsonBody, plan, todoMessages } from "./testing/capture-builders.ts";

function onlyExchange(requests: Parameters<typeof plan>[0]): {
  exchange: PlannedExchange;
  warnings: string[];
} {
  const result = plan(requests);
  const test = result.plan.specs[0]!.tests[0]!;
  assert.equal(test.kind, "single");
  return { exchange: test.exchange, warnings: result.warnings.map((w) => w.message) };
}

describe("what replays teach the planner", () => {
  it("asserts by type what differed between replays, by value what held", () => {
    const order = (shard: number) => ({ status: "PLACED", total: 35500, shard });
    const { exchange } = onlyExchange([
      captured("POST", "http://localhost/v1/orders", {
        ...jsonBody({ shopId: 1 }),
        response: json(201, order(3)),
        replays: [json(201, order(0)), json(201, order(1))],
      }),
    ]);
    assert.ok(exchange.expect.body.kind === "json");
    assert.deepEqual(exchange.expect.body.values, [
      { path: ["status"], value: "PLACED" },
      { path: ["total"], value: 35500 },
    ]);
    assert.deepEqual(
      exchange.expect.body.dynamic.map((field) => field.path.join(".")),
      ["shard"],
    );
  });

  it("keeps the captured status when a replay got another, and says so naming the step", () => {
    const { exchange, warnings } = onlyExchange([
      captured("POST", "http://localhost/v1/orders/7/cancel", {
        ...jsonBody({ reason: "late" }),
        response: json(200, { status: "CANCELLED" }),
        replays: [
          json(409, { title: "Order already cancelled" }),
          json(200, { status: "CANCELLED" }),
        ],
      }),
    ]);
    assert.equal(exchange.expect.status, 200);
    assert.ok(exchange.expect.body.kind === "json");
    assert.deepEqual(exchange.expect.body.values, [{ path: ["status"], value: "CANCELLED" }]);
    const warning = warnings.find((message) => message.startsWith("replaying the capture"));
    assert.equal(
      warning,
      "replaying the capture, step POST /v1/orders/7/cancel got 409 in 1 of 2 runs, not the captured status: the test keeps the captured one; check what this step depends on",
    );
    assert.ok(todoMessages(exchange).includes(warning));
  });

  it("never asserts a value no sample showed, even when every replay agreed on it", () => {
    const { exchange } = onlyExchange([
      captured("GET", "http://localhost/v1/shops/1/eta-settings", {
        response: json(200, { mode: "auto" }),
        replays: [json(200, { mode: "manual" }), json(200, { mode: "manual" })],
      }),
    ]);
    assert.ok(exchange.expect.body.kind === "json");
    assert.deepEqual(exchange.expect.body.values, []);
    assert.deepEqual(exchange.expect.body.dynamic, [
      { path: ["mode"], reason: "identical requests saw different values" },
    ]);
  });
});
