import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  isClientSetHeader,
  isNoiseHeader,
  noiseHeaderRule,
  NOISE_HEADER_RULES,
} from "./noise-headers.ts";

const CHROME_UA =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36";

describe("isNoiseHeader", () => {
  it("drops browser hints, fetch metadata, a browser's agent and transport headers", () => {
    const noise: [string, string][] = [
      ["sec-ch-ua", '"Chromium";v="128"'],
      ["Sec-Fetch-Mode", "cors"],
      ["accept-encoding", "gzip, deflate, br, zstd"],
      ["Connection", "keep-alive"],
      ["Content-Length", "31"],
      ["Host", "api.example.com"],
      [":authority", "api.example.com"],
      ["priority", "u=1, i"],
      ["upgrade-insecure-requests", "1"],
      ["DNT", "1"],
      ["te", "trailers"],
      ["user-agent", CHROME_UA],
    ];
    for (const [name, value] of noise)
      assert.equal(isNoiseHeader(name, value), true, `${name} should be noise`);
  });

  it("keeps what a server may act on: origin, referer, app user agents, auth, language, caching", () => {
    const kept: [string, string][] = [
      ["Origin", "https://shop.example.com"],
      ["referer", "https://shop.example.com/cart"],
      ["Pragma", "no-cache"],
      ["Cache-Control", "max-age=0"],
      ["If-None-Match", 'W/"abc"'],
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

  it("--keep-headers all leaves out only what the test's client sets itself", () => {
    assert.equal(isClientSetHeader("sec-ch-ua", '"Chromium";v="128"'), false);
    assert.equal(isClientSetHeader("user-agent", CHROME_UA), false);
    assert.equal(isClientSetHeader("priority", "u=1, i"), false);
    assert.equal(isClientSetHeader("Content-Length", "31"), true);
    assert.equal(isClientSetHeader("Host", "api.example.com"), true);
  });

  it("names the rule and its reason, and documents each rule", () => {
    assert.equal(noiseHeaderRule("Sec-CH-UA-Mobile", "?0")?.name, "sec-ch-*");
    for (const rule of NOISE_HEADER_RULES) assert.ok(rule.reason.length > 0, rule.name);
  });
});
