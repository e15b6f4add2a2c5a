import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CapturedRequest } from "../model/captured-request.ts";
import type {
  PlannedExchange,
  PlannedSpec,
  PlannedTest,
  ValueTemplate,
} from "./conversion-plan.ts";
import type { PlannedConversion } from "./plan-conversion.ts";
import { captured, json, plan } from "./testing/capture-builders.ts";

function exchanges(test: PlannedTest): PlannedExchange[] {
  if (test.kind === "single") return [test.exchange];
  return test.kind === "table" ? test.cases : test.steps;
}

function allExchanges(specs: PlannedSpec[]): PlannedExchange[] {
  return specs.flatMap((spec) => spec.tests.flatMap(exchanges));
}

/** What the test sends at run time: env vars and flow variables filled in. */
function sent(template: ValueTemplate, values: ReadonlyMap<string, string>): string {
  return template
    .map((part) => {
      if (part.kind === "literal") return part.text;
      const value = values.get(part.name) ?? "";
      if (part.encoding === "uri-component") return encodeURIComponent(value);
      if (part.encoding === "json-string") return JSON.stringify(value);
      return value;
    })
    .join("");
}

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
        headers: [{ name: "X-Order-Ref", value: "ord_8f3k2m9x" }],
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
    assert.ok(exchange.todos.includes(todo));
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

describe("planConversion: secrets and bytes", () => {
  const token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJraW0ifQ.c2lnbmF0dXJl";

  it("replaces secrets by env vars named after the service, one per distinct value", () => {
    const result = plan([
      captured("GET", "https://api.example.com/v1/me?api_key=k-1234567890", {
        headers: [
          { name: "Authorization", value: `Bearer ${token}` },
          { name: "Cookie", value: "theme=dark; sessionid=abc123456" },
          { name: "sec-ch-ua", value: '"Chromium"' },
        ],
      }),
      captured("GET", "https://api.example.com/v1/me/orders", {
        headers: [{ name: "Authorization", value: "Bearer other-user-token-0000" }],
      }),
      captured("GET", "https://api.example.com/v1/me/cards", {
        headers: [{ name: "Authorization", value: `Bearer ${token}` }],
      }),
    ]);
    assert.deepEqual(
      result.plan.envVars.map((envVar) => envVar.name),
      [
        "ORDER_QUERY_API_KEY",
        "ORDER_AUTHORIZATION_TOKEN",
        "ORDER_COOKIE_SESSIONID",
        "ORDER_AUTHORIZATION_TOKEN_2",
      ],
    );
    assert.equal(result.capturedSecrets.get("ORDER_AUTHORIZATION_TOKEN"), token);
    assert.equal(
      result.capturedSecrets.get("ORDER_AUTHORIZATION_TOKEN_2"),
      "other-user-token-0000",
    );
    const [me, orders, cards] = allExchanges(result.plan.specs);
    assert.deepEqual(
      me!.request.headers.map((header) => header.name),
      ["Authorization", "Cookie"],
    );
    assert.deepEqual(me!.request.headers[1]!.value, [
      { kind: "literal", text: "theme=dark; sessionid=" },
      { kind: "env", name: "ORDER_COOKIE_SESSIONID", encoding: "none" },
    ]);
    assert.deepEqual(orders!.request.headers[0]!.value[1], {
      kind: "env",
      name: "ORDER_AUTHORIZATION_TOKEN_2",
      encoding: "none",
    });
    assert.deepEqual(cards!.request.headers[0]!.value[1], {
      kind: "env",
      name: "ORDER_AUTHORIZATION_TOKEN",
      encoding: "none",
    });
    assert.ok(!JSON.stringify(result.plan).includes(token), "the plan holds no secret value");
    assert.ok(!JSON.stringify(result.plan).includes("abc123456"));
  });

  it("keeps every other byte of text bodies, forms and raw queries", () => {
    const pretty = '{\n  "user": "kim",\n  "password": "p\\u0040ss \\"w\\"",\n  "n": 1.0\n}';
    const form = "a=1&password=p%40ss%21&b=%7E+x&password=second";
    const query = "/v1/login?q=a%20b&q=c+d&empty=&flag&token=t%2Bk";
    const result = plan([
      captured("POST", `https://api.example.com${query}`, {
        headers: [{ name: "Content-Type", value: "application/json" }],
        body: { kind: "text", text: pretty, mimeType: "application/json" },
      }),
      captured("POST", "https://api.example.com/v1/form", {
        headers: [{ name: "Content-Type", value: "application/x-www-form-urlencoded" }],
        body: { kind: "text", text: form },
      }),
    ]);
    const values = result.capturedSecrets;
    const [login, formPost] = allExchanges(result.plan.specs);
    assert.equal(sent(login!.request.url, values), query);
    assert.ok(login!.request.body.kind === "text", "a text body");
    assert.ok(formPost!.request.body.kind === "text", "a text body");
    // A replaced JSON string is written by JSON.stringify: the same value, its own escapes.
    const rewritten = pretty.replace('"p\\u0040ss \\"w\\""', JSON.stringify('p@ss "w"'));
    assert.notEqual(rewritten, pretty);
    if (login!.request.body.kind === "text")
      assert.equal(sent(login!.request.body.text, values), rewritten);
    assert.equal(values.get("ORDER_BODY_PASSWORD"), 'p@ss "w"');
    assert.equal(values.get("ORDER_QUERY_TOKEN"), "t+k");
    if (formPost!.request.body.kind === "text")
      assert.equal(sent(formPost!.request.body.text, values), form);
    assert.deepEqual(
      [...values.keys()].filter((name) => name.startsWith("ORDER_FORM")),
      ["ORDER_FORM_PASSWORD", "ORDER_FORM_PASSWORD_2"],
    );
  });

  it("uses one env var wherever a secret's value is sent again", () => {
    const csrf = "c5rf-7f3a9b2e1d4c";
    const result = plan([
      captured("POST", "https://api.example.com/v1/cart", {
        headers: [
          { name: "Cookie", value: `csrftoken=${csrf}` },
          { name: "X-CSRF-Echo", value: csrf },
          { name: "X-Echo", value: csrf },
        ],
        body: {
          kind: "text",
          text: `<cart><jwt>${token}</jwt></cart>`,
          mimeType: "application/xml",
        },
      }),
    ]);
    const exchange = allExchanges(result.plan.specs)[0]!;
    assert.deepEqual(exchange.request.headers.slice(1), [
      {
        name: "X-CSRF-Echo",
        value: [{ kind: "env", name: "ORDER_COOKIE_CSRFTOKEN", encoding: "none" }],
      },
      {
        name: "X-Echo",
        value: [{ kind: "env", name: "ORDER_COOKIE_CSRFTOKEN", encoding: "none" }],
      },
    ]);
    assert.deepEqual(
      result.plan.envVars.map((envVar) => envVar.name),
      ["ORDER_COOKIE_CSRFTOKEN", "ORDER_BODY_JWT"],
    );
    assert.ok(exchange.request.body.kind === "text", "a text body");
    assert.equal(
      sent(exchange.request.body.text, result.capturedSecrets),
      `<cart><jwt>${token}</jwt></cart>`,
    );
    assert.ok(!JSON.stringify(result.plan).includes(csrf));
    assert.ok(!JSON.stringify(result.plan).includes(token));
  });

  it("never asserts a secret of the response by value", () => {
    const result = plan([
      captured("POST", "https://api.example.com/v1/session", {
        response: json(200, { user: "kim", accessToken: token, password: "hunter22" }),
      }),
    ]);
    const exchange = allExchanges(result.plan.specs)[0]!;
    assert.ok(exchange.expect.body.kind === "json", "a JSON body expectation");
    assert.deepEqual(exchange.expect.body.values, [{ path: ["user"], value: "kim" }]);
    assert.ok(!JSON.stringify(result.plan).includes("hunter22"));
  });

  it("refuses a request whose secret it cannot place, and says where", () => {
    const refused = captured("GET", "https://api.example.com/v1/a");
    const result = plan([refused, captured("GET", "https://api.example.com/v1/b")], {
      locateSecrets: (request) => ({
        slots: [],
        unplaced: request.url.endsWith("/a") ? ["a signed blob"] : [],
        responsePaths: [],
      }),
    });
    assert.deepEqual(result.failures, [
      {
        source: refused.source,
        message:
          "cannot replace the secret in a signed blob with an env var; request not converted",
      },
    ]);
    assert.deepEqual(
      result.plan.specs.map((spec) => spec.title),
      ["GET /v1/b"],
    );
  });

  it("joins duplicate headers into one and says so", () => {
    const result = plan([
      captured("GET", "https://api.example.com/v1/x", {
        headers: [
          { name: "X-Tag", value: "a" },
          { name: "x-tag", value: "b" },
          { name: "Accept-Encoding", value: "gzip" },
        ],
      }),
    ]);
    const exchange = allExchanges(result.plan.specs)[0]!;
    assert.deepEqual(exchange.request.headers, [
      { name: "X-Tag", value: [{ kind: "literal", text: "a, b" }] },
    ]);
    assert.ok(
      exchange.todos.includes(
        "header X-Tag was captured 2 times; the test sends it once, values joined",
      ),
    );
  });
});

describe("planConversion: what Playwright sends its own way", () => {
  it("says so when the captured method is not upper-case", () => {
    const result = plan([captured("wHat", "http://localhost:8080/")]);
    const exchange = allExchanges(result.plan.specs)[0]!;
    assert.equal(exchange.request.method, "wHat");
    assert.ok(
      exchange.todos.includes(
        "method wHat: Playwright sends methods upper-case, so the test sends WHAT",
      ),
    );
    assert.ok(result.warnings.some((warning) => warning.message === exchange.todos[0]));
  });

  it("says so when a multipart body had a content type other than multipart/form-data", () => {
    const body: CapturedRequest["body"] = { kind: "multipart", parts: [{ name: "a", value: "1" }] };
    const result = plan([
      captured("POST", "http://localhost:8080/related", {
        headers: [{ name: "Content-Type", value: "multipart/related; boundary=xyz" }],
        body,
      }),
      captured("POST", "http://localhost:8080/form", {
        headers: [{ name: "Content-Type", value: "multipart/form-data; boundary=xyz" }],
        body,
      }),
    ]);
    const [related, form] = allExchanges(result.plan.specs);
    assert.deepEqual(related!.request.headers, []);
    assert.equal(
      related!.todos[0],
      "Content-Type multipart/related: the test sends the body as multipart/form-data with its own boundary",
    );
    assert.deepEqual(form!.request.headers, []);
    assert.equal(form!.todos.length, 1, "only the no-response TODO");
  });
});
