// --host patterns: `*` is any run of characters, case and port do not matter, none means all.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HostPatterns, invalidHostPattern } from "./host-patterns.ts";

describe("host patterns", () => {
  it("matches names, wildcards and ignores case and port", () => {
    const patterns = new HostPatterns(["api.example.com", "*.shop.test"]);
    assert.equal(patterns.matches("API.example.com:443"), true);
    assert.equal(patterns.matches("a.b.shop.test"), true);
    assert.equal(patterns.matches("shop.test"), false);
    assert.equal(patterns.matches("example.com"), false);
    assert.equal(patterns.matches("api.example.com.evil.test"), false);
  });

  it("records every host when none is given", () => {
    assert.equal(new HostPatterns([]).matches("anything:1"), true);
  });

  it("refuses URLs and ports, which name no host", () => {
    assert.match(invalidHostPattern("https://api.example.com") ?? "", /not a URL/);
    assert.match(invalidHostPattern("localhost:8080") ?? "", /not a URL or a port/);
    assert.equal(invalidHostPattern("*.example.com"), null);
  });
});
