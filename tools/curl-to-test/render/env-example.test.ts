import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mergeEnvExample } from "./env-example.ts";

const envVars = [
  { name: "ORDER_AUTHORIZATION_TOKEN", description: "Authorization header credential (Bearer)" },
  { name: "ORDER_COOKIE_SESSIONID", description: "cookie sessionid\nsecond line" },
];

describe("mergeEnvExample", () => {
  it("lists each name with an empty value and what it stands for", () => {
    assert.equal(
      mergeEnvExample(null, envVars),
      [
        "# Secrets the generated tests in this folder read from the environment.",
        "# Set each before running them; never commit their values.",
        "# Authorization header credential (Bearer)",
        "ORDER_AUTHORIZATION_TOKEN=",
        "# cookie sessionid\\u000asecond line",
        "ORDER_COOKIE_SESSIONID=",
        "",
      ].join("\n"),
    );
  });

  it("keeps existing lines and appends only names it does not have", () => {
    const existing = "# mine\nexport ORDER_COOKIE_SESSIONID=\nOTHER=1\n";
    assert.equal(
      mergeEnvExample(existing, envVars),
      "# mine\nexport ORDER_COOKIE_SESSIONID=\nOTHER=1\n# Authorization header credential (Bearer)\nORDER_AUTHORIZATION_TOKEN=\n",
    );
    assert.equal(
      mergeEnvExample(mergeEnvExample(existing, envVars), envVars),
      mergeEnvExample(existing, envVars),
    );
  });
});
