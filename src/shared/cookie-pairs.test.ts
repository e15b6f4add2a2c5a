import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cookiePairs, cookiePieces, setCookiePair } from "./cookie-pairs.ts";

describe("cookie pairs", () => {
  it("splits on ; and names each cookie up to its first =, trimmed", () => {
    assert.deepEqual(cookiePairs("sid=a=b; theme = dark ;flag; empty="), [
      { name: "sid", value: "a=b" },
      { name: "theme", value: "dark" },
      { name: "empty", value: "" },
    ]);
    assert.deepEqual(cookiePairs(undefined), []);
  });

  it("says where each value lies in the header, spaces kept", () => {
    const header = "a=1; b= 2 ";
    const [first, second] = cookiePieces(header);
    assert.equal(header.slice(first!.valueStart, first!.valueEnd), "1");
    assert.equal(header.slice(second!.valueStart, second!.valueEnd), " 2 ");
    assert.equal(second!.value, "2");
  });

  it("reads a Set-Cookie header's cookie without its attributes", () => {
    assert.equal(setCookiePair("sid=abc; Path=/; HttpOnly"), "sid=abc");
    assert.equal(setCookiePair(undefined), "");
  });
});
