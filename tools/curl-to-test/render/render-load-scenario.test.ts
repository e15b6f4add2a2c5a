import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type {
  ConversionPlan,
  PlannedExchange,
  PlannedRequest,
  PlannedTest,
} from "../plan/conversion-plan.ts";
import { conversionPlanVersion } from "../plan/conversion-plan.ts";
import { stringLiteral } from "./literal.ts";
import { renderLoadScenario } from "./render-load-scenario.ts";

const options = { libImport: "../lib", scenarioName: "captured/shop" };

function exchange(
  title: string,
  request: Partial<PlannedRequest>,
  more: Partial<PlannedExchange> = {},
): PlannedExchange {
  return {
    title,
    nameWords: ["get", "orders"],
    sources: [{ file: "capture.sh", line: 1, column: 1 }],
    request: {
      method: "GET",
      url: [{ kind: "literal", text: "/v1/orders" }],
      headers: [],
      body: { kind: "none" },
      followRedirects: true,
      ...request,
    },
    expect: { status: 200, body: { kind: "unchecked" } },
    exports: [],
    todos: [],
    ...more,
  };
}

function planOf(tests: PlannedTest[], envVars: ConversionPlan["envVars"] = []): ConversionPlan {
  return {
    version: conversionPlanVersion,
    service: "shop",
    envVars,
    specs: [{ fileName: "x.spec.ts", title: "x", kind: "endpoint", tests }],
  };
}

describe("renderLoadScenario", () => {
  it("keeps captured text inside string literals and comments it cannot end", () => {
    const hostile = "*/ `${x}` \u2028\u2029\u0000 \"q\" </script>\nconsole.log('pwned')";
    const text = renderLoadScenario(
      planOf([
        {
          kind: "single",
          title: hostile,
          exchange: exchange(
            hostile,
            {
              url: [{ kind: "literal", text: `/v1/${hostile}` }],
              headers: [{ name: hostile, value: [{ kind: "literal", text: hostile }] }],
              body: { kind: "text", text: [{ kind: "literal", text: hostile }] },
            },
            {
              sources: [{ file: hostile, line: 3, column: 1 }],
              description: hostile,
              todos: [{ code: "option-not-reproduced", message: hostile }],
            },
          ),
        },
      ]),
      options,
    ).text;
    // eslint-disable-next-line no-control-regex -- raw line breaks or NUL from a capture are the danger.
    assert.doesNotMatch(text.replaceAll("\n", ""), /[\u0000-\u001f\u2028\u2029]/);
    for (const line of text.split("\n").filter((l) => l.trimStart().startsWith("//"))) {
      assert.ok(!line.includes("*/"), line);
    }
    assert.ok(!text.includes("\nconsole.log"), "the capture's second line stays inside literals");
    assert.ok(text.includes(stringLiteral(`/v1/${hostile}`)));
  });

  it("reads secrets through secret(), never writing a value, and lists them for the builder", () => {
    const text = renderLoadScenario(
      planOf(
        [
          {
            kind: "single",
            title: "GET /v1/orders",
            exchange: exchange("GET /v1/orders", {
              headers: [
                {
                  name: "Authorization",
                  value: [
                    { kind: "literal", text: "Bearer " },
                    { kind: "env", name: "SHOP_AUTHORIZATION_TOKEN", encoding: "none" },
                  ],
                },
              ],
              url: [
                { kind: "literal", text: "/v1/orders?key=" },
                { kind: "env", name: "SHOP_KEY", encoding: "uri-component" },
              ],
            }),
          },
        ],
        [
          { name: "SHOP_AUTHORIZATION_TOKEN", description: "Authorization header credential" },
          { name: "SHOP_KEY", description: "query parameter key" },
        ],
      ),
      options,
    ).text;
    assert.match(text, /Authorization: "Bearer " \+ secret\("SHOP_AUTHORIZATION_TOKEN"\)/);
    assert.match(text, /"\/v1\/orders\?key=" \+ encodeURIComponent\(secret\("SHOP_KEY"\)\)/);
    assert.match(text, /const secrets: string\[\] = \["SHOP_AUTHORIZATION_TOKEN", "SHOP_KEY"\];/);
    assert.match(text, /baseUrlEnv: "SHOP_BASE_URL"/);
  });

  it("says Artillery upper-cases a method, instead of the spec's undici note", () => {
    const undiciNote = {
      code: "sent-as-written" as const,
      message: "method wHat: Playwright's request fixture would send WHAT, so the test sends …",
    };
    const rendered = renderLoadScenario(
      planOf([
        {
          kind: "single",
          title: "what order",
          exchange: exchange("what order", { method: "wHat" }, { todos: [undiciNote] }),
        },
      ]),
      options,
    );
    assert.ok(!rendered.text.includes("undici"), "the scenario does not send with undici");
    assert.match(rendered.text, /TODO\(qaops\): method wHat: Artillery sends methods upper-case/);
    assert.deepEqual(
      rendered.warnings.map((warning) => warning.code),
      ["load-method-upper-cased"],
    );
  });

  it("sends a multipart body under the Content-Type given with -F, its boundary appended", () => {
    const text = renderLoadScenario(
      planOf([
        {
          kind: "single",
          title: "POST /v1/uploads",
          exchange: exchange("POST /v1/uploads", {
            method: "POST",
            url: [{ kind: "literal", text: "/v1/uploads" }],
            body: {
              kind: "multipart",
              parts: [{ kind: "field", name: "a", value: [{ kind: "literal", text: "1" }] }],
              contentType: "multipart/related",
            },
          }),
        },
      ]),
      options,
    ).text;
    assert.match(
      text,
      /"content-type": "multipart\/related" \+ form\.contentType\.replace\("multipart\/form-data", ""\)/,
    );
  });

  it("appends query parameters read from files, encoded as curl does", () => {
    const text = renderLoadScenario(
      planOf([
        {
          kind: "single",
          title: "GET /v1/orders?n=@q.txt",
          exchange: exchange("GET /v1/orders?n=@q.txt", {
            url: [{ kind: "literal", text: "/v1/orders?" }],
            queryFiles: [{ name: "n", path: "q.txt", transform: "urlencode" }],
          }),
        },
      ]),
      options,
    ).text;
    assert.match(text, /const queryFile = fileText\("q\.txt"\);/);
    assert.match(
      text,
      /request\.url = baseUrl \+ "\/v1\/orders\?" \+ "n=" \+ encodeURIComponent\(queryFile\(\)\)[^;]*\.replaceAll\("%20", "\+"\);/,
    );
  });

  it("keeps a flow value in the virtual user's variables, apart from the module's names", () => {
    const create = exchange(
      "POST /v1/orders → 201",
      { method: "POST" },
      { nameWords: ["post", "orders"], exports: [{ variable: "baseUrl", path: ["links", 0] }] },
    );
    const read = exchange("GET /v1/orders/{baseUrl} → 200", {
      url: [
        { kind: "literal", text: "/v1/orders/" },
        { kind: "variable", name: "baseUrl", encoding: "uri-component" },
      ],
      body: {
        kind: "json",
        schema: { type: "object", properties: [] },
        value: {
          kind: "object",
          entries: [{ key: "ref", value: { kind: "variable", name: "baseUrl", asString: true } }],
        },
      },
    });
    const text = renderLoadScenario(
      planOf([{ kind: "flow", title: "flow", steps: [create, read] }]),
      options,
    ).text;
    assert.match(
      text,
      /context\.vars\["baseUrl"\] = flowValue\(response\.body, \["links", 0\], "POST \/v1\/orders → links\[0\]"\);/,
    );
    assert.match(text, /afterResponse: \["countOutcome", "postOrdersValues"\]/);
    assert.match(
      text,
      /request\.url = baseUrl \+ "\/v1\/orders\/" \+ encodeURIComponent\(String\(context\.vars\["baseUrl"\]\)\);/,
    );
    assert.match(text, /request\.json = \{ ref: String\(context\.vars\["baseUrl"\]\) \};/);
  });

  it("refuses a plan whose step sends a value no earlier step exports", () => {
    const read = exchange("GET /v1/orders/{orderId}", {
      url: [
        { kind: "literal", text: "/v1/orders/" },
        { kind: "variable", name: "orderId", encoding: "none" },
      ],
    });
    assert.throws(
      () => renderLoadScenario(planOf([{ kind: "flow", title: "f", steps: [read] }]), options),
      /"GET \/v1\/orders\/\{orderId\}" sends the flow value orderId, which no earlier step exports/,
    );
  });

  it("expects captured 4xx answers, keeps redirects unfollowed, and renews literal idempotency keys", () => {
    const text = renderLoadScenario(
      planOf([
        {
          kind: "single",
          title: "t",
          exchange: exchange(
            "POST /v1/orders → 422",
            {
              method: "POST",
              followRedirects: false,
              headers: [
                { name: "Idempotency-Key", value: [{ kind: "literal", text: "captured-key-1" }] },
                {
                  name: "X-Idempotency-Key",
                  value: [{ kind: "env", name: "SHOP_KEY", encoding: "none" }],
                },
              ],
            },
            { expect: { status: 422, body: { kind: "unchecked" } } },
          ),
        },
      ]),
      options,
    ).text;
    assert.match(text, /expect: \{ statusCode: 422 \}, followRedirect: false/);
    assert.match(text, /"Idempotency-Key": freshIdempotencyKey\(\)/);
    assert.ok(!text.includes("captured-key-1"));
    // A key from the environment is the user's choice: sent as is.
    assert.match(text, /"X-Idempotency-Key": secret\("SHOP_KEY"\)/);
  });

  it("names every request after its endpoint, one hook each, and holds each endpoint to an objective", () => {
    const text = renderLoadScenario(
      planOf([
        {
          kind: "table",
          nameWords: ["get", "orders"],
          responseSchema: null,
          requestBodySchema: null,
          cases: [
            exchange("GET /v1/orders?page=1", {
              url: [{ kind: "literal", text: "/v1/orders?page=1" }],
            }),
            exchange("GET /v1/orders?page=2", {
              url: [{ kind: "literal", text: "/v1/orders?page=2" }],
            }),
          ],
        },
      ]),
      options,
    ).text;
    assert.match(text, /endpoints: \["get-orders"\],/);
    assert.equal(text.match(/name: "get-orders", beforeRequest: "getOrders\d?"/g)?.length, 2);
    assert.match(text, /export async function getOrders\(/);
    assert.match(text, /export async function getOrders2\(/);
    assert.match(text, /from "\.\.\/lib\/captured-traffic\.ts";/);
    assert.match(text, /scenario: "captured\/shop"/);
  });
});
