import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CapturedRequest } from "../model/captured-request.ts";
import type { PlannedConversion } from "./plan-conversion.ts";
import { captured, json, plan } from "./testing/capture-builders.ts";
import { exchanges } from "./testing/plan-queries.ts";

describe("planConversion: correlation", () => {
  it("turns an id from one response into a flow variable used by a later request", () => {
    const result = plan([
      captured("POST", "https://shop.example.com/v1/orders", {
        headers: [{ name: "Content-Type", value: "application/json" }],
        body: { kind: "text", text: '{"shopId":7}', mimeType: "application/json" },
        response: json(201, { id: "ord_8f3k2m9x", status: "PLACED" }),
      }),
      captured("GET", "https://shop.example.com/v1/orders/ord_8f3k2m9x?view=full", {
        response: json(200, { id: "ord_8f3k2m9x", status: "PLACED" }),
      }),
      captured("POST", "https://shop.example.com/v1/orders/ord_8f3k2m9x/cancel", {
        headers: [
          { name: "X-Order-Ref", value: "ord_8f3k2m9x" },
          { name: "Content-Type", value: "application/json" },
        ],
        body: { kind: "text", text: '{"orderId":"ord_8f3k2m9x"}', mimeType: "application/json" },
        response: json(200, { id: "ord_8f3k2m9x", status: "CANCELLED" }),
      }),
    ]);
    assert.equal(result.plan.specs.length, 1);
    const spec = result.plan.specs[0]!;
    assert.equal(spec.kind, "flow");
    assert.equal(spec.fileName, "create-order-flow.spec.ts");
    const test = spec.tests[0]!;
    assert.equal(test.kind, "flow");
    const [create, read, cancel] = exchanges(test);
    assert.deepEqual(create!.exports, [{ variable: "orderId", path: ["id"] }]);
    assert.deepEqual(read!.request.url, [
      { kind: "literal", text: "/v1/orders/" },
      { kind: "variable", name: "orderId", encoding: "none" },
      { kind: "literal", text: "?view=full" },
    ]);
    assert.deepEqual(cancel!.request.headers, [
      { name: "X-Order-Ref", value: [{ kind: "variable", name: "orderId", encoding: "none" }] },
      { name: "Content-Type", value: [{ kind: "literal", text: "application/json" }] },
    ]);
    assert.deepEqual(cancel!.request.body, {
      kind: "json",
      schema: {
        type: "object",
        properties: [{ name: "orderId", optional: false, schema: { type: "string" } }],
      },
      value: {
        kind: "object",
        entries: [
          { key: "orderId", value: { kind: "variable", name: "orderId", asString: false } },
        ],
      },
    });
    assert.equal(read!.title, "get order — GET /v1/orders/{orderId}?view=full → 200");
  });

  it("puts flows through the same endpoints in one spec and collapses identical ones", () => {
    const flow = (orderId: string, shopId: number): CapturedRequest[] => [
      captured("POST", "https://shop.example.com/v1/orders", {
        headers: [{ name: "Content-Type", value: "application/json" }],
        body: { kind: "text", text: `{"shopId":${shopId}}`, mimeType: "application/json" },
        response: json(201, { id: orderId, placedAt: `2024-05-0${shopId}T12:00:00Z` }),
      }),
      captured("GET", `https://shop.example.com/v1/orders/${orderId}`, {
        response: json(200, { id: orderId, shopId }),
      }),
    ];
    const result = plan([
      ...flow("ord_00000001", 1),
      ...flow("ord_00000002", 1),
      ...flow("ord_00000003", 2),
    ]);
    assert.equal(result.plan.specs.length, 1);
    const tests = result.plan.specs[0]!.tests;
    assert.deepEqual(
      tests.map((test) => [test.kind === "flow" && test.title, exchanges(test)[0]!.sources.length]),
      [
        ["POST /v1/orders → GET /v1/orders/{id} (2 steps)", 2],
        ["POST /v1/orders → GET /v1/orders/{id} (2 steps) #2", 1],
      ],
    );
  });

  it("does not correlate a value the client sent before the response returned it", () => {
    const result = plan([
      captured("POST", "https://shop.example.com/v1/carts", {
        body: { kind: "text", text: '{"shopId":"shop_12345678"}', mimeType: "application/json" },
        response: json(201, { shopId: "shop_12345678" }),
      }),
      captured("GET", "https://shop.example.com/v1/shops/shop_12345678", {
        response: json(200, { name: "Kim's" }),
      }),
    ]);
    assert.deepEqual(
      result.plan.specs.map((spec) => [spec.kind, spec.title]),
      [
        ["endpoint", "POST /v1/carts"],
        ["endpoint", "GET /v1/shops/{id}"],
      ],
    );
  });
});

describe("planConversion: correlation of small values", () => {
  const headers = [{ name: "Content-Type", value: "application/json" }];
  /** Menu, order from it, read the order: the demo platform's numeric ids. */
  const orderFlow = (shopId: number, menuItemId: number, orderId: number): CapturedRequest[] => [
    captured("GET", `http://localhost:3000/v1/shops/${shopId}/menu`, {
      response: json(200, { shopId, items: [{ menuItemId, price: 9000 }] }),
    }),
    captured("POST", "http://localhost:3000/v1/orders", {
      headers,
      body: {
        kind: "text",
        text: `{"shopId":${shopId},"items":[{"menuItemId":${menuItemId},"quantity":1}]}`,
        mimeType: "application/json",
      },
      response: json(201, { id: orderId, shopId, items: [{ menuItemId }] }),
    }),
    captured("GET", `http://localhost:3000/v1/orders/${orderId}`, {
      response: json(200, { id: orderId, shopId }),
    }),
  ];
  const flowSteps = (result: PlannedConversion): string[][] =>
    result.plan.specs.flatMap((spec) =>
      spec.tests.flatMap((test) =>
        test.kind === "flow" ? [test.steps.map((step) => step.title)] : [],
      ),
    );

  it("reuses a numeric order id in GET /v1/orders/{id}, and a menu item id in the order", () => {
    const result = plan(orderFlow(1, 3, 12));
    assert.deepEqual(flowSteps(result), [
      [
        "get shop menu — GET /v1/shops/1/menu → 200",
        "create order — POST /v1/orders → 201",
        "get order — GET /v1/orders/{orderId} → 200",
      ],
    ]);
    const [, place, read] = exchanges(result.plan.specs[0]!.tests[0]!);
    assert.deepEqual(place!.exports, [{ variable: "orderId", path: ["id"] }]);
    assert.deepEqual(read!.request.url, [
      { kind: "literal", text: "/v1/orders/" },
      { kind: "variable", name: "orderId", encoding: "none" },
    ]);
  });

  it("never joins flows through equal small numbers that name different things", () => {
    // Order 7 of the first flow, then shop 7 and menu item 7 and order 12 in the second.
    const result = plan([...orderFlow(1, 3, 7), ...orderFlow(7, 7, 12)]);
    assert.deepEqual(
      flowSteps(result).map((steps) => steps.length),
      [3, 3],
    );
  });

  it("takes a value from the latest response that returned it", () => {
    // The same shop twice: the second order's menu item comes from the second menu read, so
    // the two flows stay apart, alike enough to collapse into one test.
    const result = plan([...orderFlow(1, 3, 7), ...orderFlow(1, 3, 8)]);
    const tests = result.plan.specs.flatMap((spec) => spec.tests);
    assert.deepEqual(
      tests.map((test) => exchanges(test).map((step) => step.sources.length)),
      [[2, 2, 2]],
    );
  });

  it("still joins distinctive values whatever the names around them", () => {
    const result = plan([
      captured("POST", "http://localhost:3000/v1/sessions", {
        response: json(201, { handle: "sess_4f9a2c81d0" }),
      }),
      captured("GET", "http://localhost:3000/v1/carts?owner=sess_4f9a2c81d0", {
        response: json(200, {}),
      }),
    ]);
    assert.equal(flowSteps(result)[0]?.length, 2);
  });
});
