import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isNoiseHeader, noiseHeaderRule, NOISE_HEADER_RULES } from "./noise-headers.ts";

const CHROME_UA =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36";

describe("isNoiseHeader", () => {
  it("drops browser hints, fetch metadata, transport and cache-revalidation headers", () => {
    const noise: [string, string][] = [
      ["sec-ch-ua", '"Chromium";v="128"'],
      ["Sec-Fetch-Mode", "cors"],
      ["accept-encoding", "gzip, deflate, br, zstd"],
      ["Connection", "keep-alive"],
      ["Content-Length", "31"],
      ["Host", "api.example.com"],
      [":authority", "api.example.com"],
      ["Origin", "https://shop.example.com"],
      ["referer", "https://shop.example.com/cart"],
      ["priority", "u=1, i"],
      ["Pragma", "no-cache"],
      ["Cache-Control", "max-age=0"],
      ["If-None-Match", 'W/"abc"'],
      ["upgrade-insecure-requests", "1"],
      ["DNT", "1"],
      ["te", "trailers"],
      ["user-agent", CHROME_UA],
    ];
    for (const [name, value] of noise)
      assert.equal(isNoiseHeader(name, value), true, `${name} should be noise`);
  });

  it("keeps what an API can depend on: app user agents, auth, content type, language, other cache-control", () => {
    const kept: [string, string][] = [
      ["User-Agent", "DeliveryApp/5.2.1 (iPhone; iOS 17.4; Scale/3.00)"],
      ["Authorization", "Bearer x"],
      ["Content-Type", "application/json"],
      ["Accept", "application/json"],
      ["Accept-Language", "ko-KR"],
      ["Cache-Control", "no-store"],
      ["X-Request-Id", "7d1f"],
      ["Cookie", "a=1"],
    ];
    for (const [name, value] of kept)
      assert.equal(isNoiseHeader(name, value), false, `${name} should be kept`);
  });

  it("names the rule and its reason, and documents each rule", () => {
    assert.equal(noiseHeaderRule("Sec-CH-UA-Mobile", "?0")?.name, "sec-ch-*");
    for (const rule of NOISE_HEADER_RULES) assert.ok(rule.reason.length > 0, rule.name);
  });
});
