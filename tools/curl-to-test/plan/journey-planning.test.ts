import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PlannedExchange, PlannedTest } from "./conversion-plan.ts";
import { findNonces } from "./nonce-slots.ts";
import { requestSlots } from "./request-slots.ts";
import { resourceFamily, stateLinks } from "./state-links.ts";
import { captured, json, jsonBody, plan } from "./testing/capture-builders.ts";

const key = "6c1e1c5e-2b4f-4a53-9d1b-3f0a8f1c2e11";
const clientId = "0f8fad5b-d9cb-469f-a165-70867728950e";

function steps(test: PlannedTest): PlannedExchange[] {
  if (test.kind === "single") return [test.exchange];
  return test.kind === "table" ? test.cases : test.steps;
}

describe("per-run values (nonces)", () => {
  it("finds idempotency keys, request ids and client-made ids in create bodies", () => {
    const requests = [
      captured("POST", "http://localhost/v1/orders", {
        headers: [
          { name: "Idempotency-Key", value: key },
          { name: "X-Request-Id", value: "req-81f2" },
          { name: "Content-Type", value: "application/json" },
        ],
        body: {
          kind: "text",
          text: JSON.stringify({
            clientOrderId: clientId,
            shopId: "9b2e7c1a-0000-4000-8000-000000000001",
          }),
          mimeType: "application/json",
        },
      }),
    ].map((request) => ({ request, slots: requestSlots(request) }));
    const nonces = findNonces(requests, () => false);
    assert.deepEqual(
      nonces.map((nonce) => [nonce.value, nonce.nameWords.join(" ")]),
      [
        [key, "idempotency key"],
        ["req-81f2", "request id"],
        [clientId, "client order id"],
      ],
    );
  });

  it("never treats a value a response returned first as the client's own", () => {
    const request = captured("PUT", "http://localhost/v1/carts/1", jsonBody({ id: clientId }));
    const nonces = findNonces([{ request, slots: requestSlots(request) }], () => true);
    assert.deepEqual(nonces, []);
  });

  it("sends a fresh value on every run, and the same fresh value wherever the capture repeated it", () => {
    const result = plan([
      captured("POST", "http://localhost/v1/orders", {
        headers: [
          { name: "Idempotency-Key", value: key },
          { name: "Content-Type", value: "application/json" },
        ],
        body: { kind: "text", text: '{"shopId":1}', mimeType: "application/json" },
        response: json(201, { id: 7, idempotencyKey: key, status: "PLACED" }),
      }),
      captured("GET", `http://localhost/v1/order-attempts/${key}`, {
        response: json(200, { status: "PLACED" }),
      }),
    ]);
    const [create, read] = steps(result.plan.specs[0]!.tests[0]!);
    assert.deepEqual(create!.freshValues, ["idempotencyKey"]);
    assert.deepEqual(create!.request.headers[0]!.value, [
      { kind: "variable", name: "idempotencyKey", encoding: "none" },
    ]);
    assert.deepEqual(read!.request.url.at(-1), {
      kind: "variable",
      name: "idempotencyKey",
      encoding: "none",
    });
    assert.ok(!JSON.stringify(result.plan).includes(key), "the captured key is never sent again");
    assert.ok(create!.expect.body.kind === "json");
    assert.deepEqual(
      create!.expect.body.dynamic.find((field) => field.path[0] === "idempotencyKey")?.reason,
      "it echoes a value the test makes up on every run",
    );
  });
});

describe("journeys stay whole", () => {
  /** menu → create → read → list → cancel → events, as the demo order service answers. */
  const orderJourney = () => [
    captured("GET", "http://localhost/v1/shops/1/menu", {
      response: json(200, { shopId: 1, items: [{ menuItemId: 1, price: 13500 }] }),
    }),
    captured("POST", "http://localhost/v1/orders", {
      ...jsonBody({ memberId: 150, shopId: 1, items: [{ menuItemId: 1, quantity: 2 }] }),
      response: json(201, { id: 7, memberId: 150, status: "PLACED" }),
    }),
    captured("GET", "http://localhost/v1/orders/7", {
      response: json(200, { id: 7, status: "PLACED" }),
    }),
    captured("GET", "http://localhost/v1/members/150/orders?limit=5", {
      response: json(200, { memberId: 150, orders: [{ id: 7 }, { id: 3 }] }),
    }),
    captured("POST", "http://localhost/v1/orders/7/cancel", {
      ...jsonBody({ reason: "Ordered by mistake" }),
      response: json(200, { id: 7, status: "CANCELLED" }),
    }),
    captured("GET", "http://localhost/v1/orders/7/events", {
      response: json(200, { orderId: 7, events: [{ type: "ORDER_PLACED" }] }),
    }),
  ];

  it("keeps the whole order journey in one flow, in capture order", () => {
    const result = plan(orderJourney());
    assert.equal(result.plan.specs.length, 1);
    const flow = result.plan.specs[0]!.tests[0]!;
    assert.equal(flow.kind, "flow");
    assert.deepEqual(
      steps(flow).map((step) => step.title),
      [
        "get shop menu — GET /v1/shops/1/menu → 200",
        "create order — POST /v1/orders → 201",
        "get order — GET /v1/orders/{orderId} → 200",
        "get member orders — GET /v1/members/150/orders?limit=5 → 200",
        "cancel order — POST /v1/orders/{orderId}/cancel → 200",
        "get order events — GET /v1/orders/{orderId}/events → 200",
      ],
    );
  });

  it("takes the cancelled order's id from the create that returned it, not from the list", () => {
    const result = plan(orderJourney());
    const [, create, , list] = steps(result.plan.specs[0]!.tests[0]!);
    assert.deepEqual(create!.exports, [{ variable: "orderId", path: ["id"] }]);
    assert.deepEqual(list!.exports, []);
  });

  it("keeps a read after a write of the same family in the write's flow", () => {
    const result = plan([
      captured("PUT", "http://localhost/v1/shops/1/eta-settings", {
        ...jsonBody({ mode: "manual", manualMinutes: 35 }),
        response: json(200, { shopId: 1, mode: "manual", manualMinutes: 35 }),
      }),
      captured("GET", "http://localhost/v1/eta/precise?shopId=1&lat=37.5&lng=127", {
        response: json(200, { shopId: 1, source: "manual", minutes: 35 }),
      }),
      captured("GET", "http://localhost/v1/recommendations/grocery/fruit?memberId=1", {
        response: json(200, { items: [] }),
      }),
    ]);
    assert.deepEqual(
      result.plan.specs.map((spec) => [spec.kind, spec.tests.flatMap(steps).length]),
      [
        ["flow", 2],
        ["endpoint", 1],
      ],
    );
  });

  it("links each request to the latest earlier write of its family; a create starts anew", () => {
    const requests = [
      { request: { method: "POST", url: "http://h/v1/orders" } },
      { request: { method: "GET", url: "http://h/v1/orders/7" } },
      { request: { method: "POST", url: "http://h/v1/orders" } },
      { request: { method: "GET", url: "http://h/v1/members/1/orders" } },
      { request: { method: "GET", url: "http://h/v1/shops/1/menu" } },
    ];
    assert.deepEqual(stateLinks(requests), [
      [0, 1],
      [2, 3],
    ]);
    assert.deepEqual(resourceFamily("/v1/shops/1/eta-settings?x=1"), ["shop", "eta", "setting"]);
  });
});

describe("request values echoed", () => {
  it("asserts that a response names the resource the flow variable asked for", () => {
    const result = plan([
      captured("POST", "http://localhost/v1/orders", {
        ...jsonBody({ shopId: 1 }),
        response: json(201, { id: 7, shopId: 1 }),
      }),
      captured("GET", "http://localhost/v1/orders/7/events", {
        response: json(200, { orderId: 7, shopId: 1, events: [] }),
      }),
    ]);
    const [, events] = steps(result.plan.specs[0]!.tests[0]!);
    assert.deepEqual(
      events!.invariants?.filter((rule) => rule.kind === "echo"),
      [
        {
          kind: "echo",
          path: ["orderId"],
          variable: "orderId",
          description: "orderId is the orderId the request sent",
          evidence: "held on the captured response",
        },
      ],
    );
  });
});
