import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CapturedRequest } from "../model/captured-request.ts";
import { captured, json, plan, todoMessages } from "./testing/capture-builders.ts";
import { allExchanges, sent } from "./testing/plan-queries.ts";

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
    assert.deepEqual(exchange.request.headers.slice(1, 3), [
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
      todoMessages(exchange).includes(
        "header X-Tag was captured 2 times; the test sends it once, values joined",
      ),
    );
  });
});

describe("planConversion: what Playwright sends its own way", () => {
  it("says why a request whose method is not upper-case goes through undici", () => {
    const result = plan([captured("wHat", "http://localhost:8080/")]);
    const exchange = allExchanges(result.plan.specs)[0]!;
    assert.equal(exchange.request.method, "wHat");
    const todo =
      "method wHat: Playwright's request fixture would send WHAT, so the test sends this request with undici, as written";
    assert.ok(todoMessages(exchange).includes(todo));
    assert.ok(result.warnings.some((warning) => warning.message === todo));
  });

  it("writes curl's Accept for a request sent with undici, unless the capture removed it", () => {
    const result = plan([
      captured("wHat", "http://localhost:8080/a"),
      captured("wHat", "http://localhost:8080/b", { omittedHeaders: ["Accept"] }),
      captured("GET", "http://localhost:8080/c", { omittedHeaders: ["Accept"] }),
    ]);
    const [plain, removed, fixture] = allExchanges(result.plan.specs);
    const accept = (exchange: typeof plain) =>
      exchange!.request.headers.filter((header) => header.name === "Accept");
    assert.deepEqual(accept(plain), [
      { name: "Accept", value: [{ kind: "literal", text: "*/*" }] },
    ]);
    assert.deepEqual(accept(removed), []);
    assert.ok(!removed!.todos.some((todo) => todo.code === "client-default-header"));
    assert.deepEqual(accept(fixture), []);
    assert.ok(fixture!.todos.some((todo) => todo.code === "client-default-header"));
  });

  it("says why a body without a Content-Type goes through undici", () => {
    const result = plan([
      captured("PUT", "http://localhost:8080/file.txt", {
        body: { kind: "file", path: "file.txt" },
      }),
      captured("PUT", "http://localhost:8080/typed.txt", {
        headers: [{ name: "Content-Type", value: "text/plain" }],
        body: { kind: "file", path: "typed.txt" },
      }),
    ]);
    const [bare, typed] = allExchanges(result.plan.specs);
    const todo =
      "the capture sent the body without a Content-Type; Playwright's request fixture would add application/octet-stream, so the test sends this request with undici, as written";
    assert.ok(todoMessages(bare!).includes(todo));
    assert.ok(!typed!.todos.some((each) => each.code === "sent-as-written"));
  });

  it("sends a header named __proto__ with undici, which the fixture would leave out", () => {
    const result = plan([
      captured("GET", "http://localhost:8080/ping", {
        headers: [
          { name: "__proto__", value: "b" },
          { name: "constructor", value: "a" },
        ],
      }),
      captured("GET", "http://localhost:8080/pong", {
        headers: [{ name: "constructor", value: "a" }],
      }),
    ]);
    const [proto, plain] = allExchanges(result.plan.specs);
    assert.ok(
      todoMessages(proto!).includes(
        "header __proto__: Playwright's request fixture would leave it out, so the test sends this request with undici, as written",
      ),
    );
    assert.ok(!plain!.todos.some((todo) => todo.code === "sent-as-written"));
  });

  it("keeps query parameters read from files, says so, and shows them in the title", () => {
    const queryFiles = [{ name: "n", path: "q.txt", transform: "urlencode" as const }];
    const result = plan([captured("GET", "http://localhost:8080/x?a=1&", { queryFiles })]);
    const exchange = allExchanges(result.plan.specs)[0]!;
    assert.deepEqual(exchange.request.url, [{ kind: "literal", text: "/x?a=1&" }]);
    assert.deepEqual(exchange.request.queryFiles, queryFiles);
    assert.match(exchange.title, /GET \/x\?a=1&n=@q\.txt$/);
    assert.ok(
      todoMessages(exchange).includes(
        "query n@q.txt is read from the file when the test runs; keep that file there",
      ),
    );
  });

  it("keeps a Content-Type curl appends its boundary to, and says when it had one", () => {
    const parts = [{ name: "a", value: "1" }];
    const result = plan([
      captured("POST", "http://localhost:8080/related", {
        headers: [{ name: "Content-Type", value: "multipart/related; boundary=xyz" }],
        body: { kind: "multipart", parts, contentType: "multipart/related; boundary=xyz" },
      }),
      captured("POST", "http://localhost:8080/form", {
        headers: [{ name: "Content-Type", value: "multipart/form-data" }],
        body: { kind: "multipart", parts, contentType: "multipart/form-data" },
      }),
    ]);
    const [related, form] = allExchanges(result.plan.specs);
    assert.deepEqual(related!.request.headers, []);
    assert.deepEqual(related!.request.body, {
      kind: "multipart",
      parts: [{ kind: "field", name: "a", value: [{ kind: "literal", text: "1" }] }],
      contentType: "multipart/related; boundary=xyz",
    });
    assert.deepEqual(related!.todos[0], {
      code: "multipart-boundary-appended",
      message:
        "Content-Type multipart/related; boundary=xyz: sent as curl sends it, with the body's own boundary after the captured one; a server that reads the first will not find the parts",
    });
    assert.deepEqual(form!.request.headers, []);
    assert.equal(
      form!.request.body.kind === "multipart" && form!.request.body.contentType,
      undefined,
    );
    assert.equal(form!.todos.length, 1, "only the no-response TODO");
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
    assert.deepEqual(related!.todos[0], {
      code: "multipart-type-replaced",
      message:
        "Content-Type multipart/related: the test sends the body as multipart/form-data with its own boundary",
    });
    assert.deepEqual(form!.request.headers, []);
    assert.equal(form!.todos.length, 1, "only the no-response TODO");
  });
});
