import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { captured, json, plan, todoMessages } from "./testing/capture-builders.ts";
import { allExchanges, exchanges, sent } from "./testing/plan-queries.ts";

describe("planConversion: grouping", () => {
  it("collapses identical requests and asserts fields that differed by type only", () => {
    const result = plan([
      captured("GET", "https://api.example.com/v1/menu/42", {
        response: json(200, {
          name: "Bibimbap",
          price: 9000,
          servedAt: "2024-05-01T12:00:00Z",
          stock: 3,
        }),
      }),
      captured("GET", "https://api.example.com/v1/menu/42", {
        response: json(200, {
          name: "Bibimbap",
          price: 9000,
          servedAt: "2024-05-01T12:05:00Z",
          stock: 2,
        }),
      }),
    ]);
    const [spec] = result.plan.specs;
    assert.equal(spec!.title, "GET /v1/menu/{id}");
    assert.equal(spec!.fileName, "get-menu.spec.ts");
    const [test] = spec!.tests;
    assert.equal(test!.kind, "single");
    const exchange = exchanges(test!)[0]!;
    assert.equal(exchange.sources.length, 2);
    assert.ok(exchange.expect.body.kind === "json", "a JSON body expectation");
    assert.deepEqual(exchange.expect.body.values, [
      { path: ["name"], value: "Bibimbap" },
      { path: ["price"], value: 9000 },
    ]);
    assert.deepEqual(exchange.expect.body.dynamic, [
      { path: ["servedAt"], reason: "its name marks a time" },
      { path: ["stock"], reason: "identical requests saw different values" },
    ]);
  });

  it("neither types nor asserts a response field seen only as null, and says so", () => {
    const result = plan([
      captured("GET", "https://api.example.com/v1/orders/7", {
        response: json(200, { status: "PLACED", note: null, tip: null }),
      }),
    ]);
    const exchange = allExchanges(result.plan.specs)[0]!;
    assert.ok(exchange.expect.body.kind === "json", "a JSON body expectation");
    assert.deepEqual(exchange.expect.body.values, [{ path: ["status"], value: "PLACED" }]);
    assert.deepEqual(
      exchange.expect.body.dynamic.map((field) => field.path),
      [["note"], ["tip"]],
    );
    const todo =
      "response fields seen only as null (note, tip): their schema accepts any value; give them their type once known";
    assert.ok(todoMessages(exchange).includes(todo));
    assert.ok(result.warnings.some((warning) => warning.message === todo));
  });

  it("puts one endpoint's different requests in one table test", () => {
    const result = plan([
      captured("GET", "https://api.example.com/v1/shops?region=seoul", {
        response: json(200, [{ id: 1, name: "a" }]),
      }),
      captured("GET", "https://api.example.com/v1/shops?region=busan&open=true", {
        response: json(200, [{ id: 2, name: "b", rating: 4.5 }]),
      }),
    ]);
    const test = result.plan.specs[0]!.tests[0];
    assert.ok(test?.kind === "table", "a table test");
    assert.deepEqual(
      test.cases.map((exchange) => sent(exchange.request.url, new Map())),
      ["/v1/shops?region=seoul", "/v1/shops?region=busan&open=true"],
    );
    assert.deepEqual(test.responseSchema, {
      type: "array",
      items: {
        type: "object",
        properties: [
          { name: "id", optional: false, schema: { type: "number", integer: true } },
          { name: "name", optional: false, schema: { type: "string" } },
          { name: "rating", optional: true, schema: { type: "number", integer: false } },
        ],
      },
    });
  });

  it("names spec files uniquely and in capture order", () => {
    const result = plan([
      captured("GET", "https://api.example.com/v1/orders"),
      captured("GET", "https://api.example.com/v2/orders"),
      captured("DELETE", "https://api.example.com/"),
    ]);
    assert.deepEqual(
      result.plan.specs.map((spec) => spec.fileName),
      ["get-orders.spec.ts", "get-orders-2.spec.ts", "delete-example.spec.ts"],
    );
    assert.deepEqual(
      result.warnings.map((warning) => warning.message),
      [
        "3 request(s) had no captured response: their tests assert a 2xx status only (`--record URL` captures responses)",
      ],
    );
  });
});
