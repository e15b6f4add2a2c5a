import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { secretFieldInJson, textBodySecretSpans } from "./embedded-secrets.ts";
import { looksLikeOpaqueToken } from "./opaque-token.ts";
import { scanWithSecretlint } from "./secretlint-scan.ts";
import { noDetectedSecrets } from "./secretlint-scan.ts";

const webhook = "https://hooks.slack.com/services/T0A1B2C3D/B0A1B2C3D/aBcDeFgHiJkLmNoPqRsTuVwX";

describe("secrets by shape", () => {
  it("runs secretlint's rules over each text and maps hits back to it", async () => {
    const text = `see ${webhook} now`;
    const found = await scanWithSecretlint(["plain text here", text, "secretlint-disable"]);
    assert.deepEqual([...found.keys()], [text]);
    const hit = found.get(text)?.[0];
    assert.equal(text.slice(hit?.start, hit?.end), webhook);
  });

  it("takes long random cookie values (hex digests too) for sessions, not words or patterns", () => {
    const random = "ZhZmF3-VhpN3ZvVW1~aGtqd3Zr-b2xnbGpQWkF~RUZBQUFBJCQAAAAAAQAAAAEAAAD";
    assert.equal(looksLikeOpaqueToken(random), true);
    assert.equal(looksLikeOpaqueToken("dark-mode-with-large-fonts-enabled"), false);
    assert.equal(looksLikeOpaqueToken("8f14e45fceea167a5a36dedd4bea2543"), true);
    assert.equal(looksLikeOpaqueToken("aaaaaaaaaaaaaaaa1111111111111111"), false);
  });

  it("finds secret-named fields in JSON carried by a form field", () => {
    assert.equal(secretFieldInJson('{"user":{"name":"bob","password":"x1"}}'), "user.password");
    assert.equal(secretFieldInJson('{"user":"bob"}'), null);
    assert.equal(secretFieldInJson("password=x"), null);
  });

  it("finds secret-named pairs and elements in a body that is neither JSON nor a form", () => {
    const text = '{"user": "bob", "password": "s3cret",} <token>abc.def</token> api_key=k1k2k3k4';
    const spans = textBodySecretSpans(text, noDetectedSecrets);
    assert.deepEqual(
      spans.map((span) => [text.slice(span.start, span.end), span.envName]),
      [
        ["s3cret", "BODY_PASSWORD"],
        ["abc.def", "BODY_TOKEN"],
        ["k1k2k3k4", "BODY_API_KEY"],
      ],
    );
  });
});
