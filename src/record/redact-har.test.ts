// --redact: every secret the converter finds, in requests and responses, is replaced by the env
// var placeholder it would name, wherever the value recurs; the result is still a HAR.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readHarCapture } from "../../tools/curl-to-test/intake/har-capture.ts";
import { redactHar } from "./redact-har.ts";

const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJlLXZhbHVl";
const har = JSON.stringify({
  log: {
    version: "1.2",
    creator: { name: "qaops record", version: "test" },
    entries: [
      {
        request: {
          method: "POST",
          url: "https://api.example.com/login?api_key=key-9f8e7d6c5b",
          headers: [{ name: "content-type", value: "application/json" }],
          postData: { mimeType: "application/json", text: '{"user":"ann","password":"pw!"}' },
        },
        response: {
          status: 200,
          headers: [{ name: "set-cookie", value: "session_id=sess-0a1b2c3d4e; Path=/" }],
          content: { mimeType: "application/json", text: `{"access_token":"${jwt}","id":7}` },
        },
      },
      {
        request: {
          method: "GET",
          url: "https://api.example.com/orders/7",
          headers: [
            { name: "Authorization", value: `Bearer ${jwt}` },
            { name: "Cookie", value: "session_id=sess-0a1b2c3d4e; theme=dark" },
          ],
        },
        response: { status: 200, headers: [], content: { mimeType: "text/plain", text: "ok" } },
      },
    ],
  },
});

describe("redactHar", () => {
  it("replaces each secret value everywhere with one placeholder per value", () => {
    const redacted = redactHar(har, "shop");
    for (const secret of [jwt, "key-9f8e7d6c5b", "sess-0a1b2c3d4e", "pw!"]) {
      assert.ok(!redacted.text.includes(secret), `${secret} is gone`);
    }
    assert.match(redacted.text, /"password\\":\\"\$\{SHOP_BODY_PASSWORD\}\\"/);
    assert.match(redacted.text, /Bearer \$\{SHOP_[A-Z_]+\}/);
    assert.match(redacted.text, /api_key=\$\{SHOP_QUERY_API_KEY\}/);
    assert.ok(redacted.text.includes("theme=dark"), "what is no secret stays");
    assert.ok(redacted.text.includes('\\"user\\":\\"ann\\"'));
    // One value, one name: the token from the login response is the Bearer token later.
    const names = new Set(redacted.text.match(/\$\{[A-Z_0-9]+\}/g));
    assert.equal(names.size, redacted.placeholders.length);
    assert.deepEqual(redacted.warnings, []);
  });

  it("leaves a HAR the converter still reads", () => {
    const intake = readHarCapture({ file: "r.har", text: redactHar(har, undefined).text });
    assert.deepEqual(intake.failures, []);
    assert.equal(intake.requests.length, 2);
  });

  it("reports a secret too short to find safely instead of replacing it everywhere", () => {
    const short = har.replace("pw!", "pw");
    const redacted = redactHar(short, undefined);
    assert.equal(redacted.warnings.length, 1);
    assert.match(redacted.warnings[0] ?? "", /entry 1: body field password is too short/);
    assert.ok(!redacted.warnings[0]?.includes('"pw"'), "the warning names no value");
  });
});
