import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { convertCaptures } from "./convert-captures.ts";

const paste = await readFile(
  new URL("./golden/fixtures/browser-origin.sh", import.meta.url),
  "utf8",
);

async function specText(keepHeaders?: "all"): Promise<string> {
  const result = await convertCaptures({
    inputs: [{ name: "browser-origin.sh", text: paste }],
    service: "shop",
    ...(keepHeaders ? { keepHeaders } : {}),
  });
  return result.specs.map((spec) => spec.text).join("\n");
}

describe("headers a server may act on", () => {
  it("keeps Origin, Referer, Accept-Language and Pragma, the origin from the env", async () => {
    const text = await specText();
    assert.match(
      text,
      /origin: process\.env\["SHOP_WEB_ORIGIN"\] \|\| "https:\/\/www\.example\.com"/,
    );
    assert.match(
      text,
      /\(process\.env\["SHOP_WEB_ORIGIN"\] \|\| "https:\/\/www\.example\.com"\) \+\s+"\/orders\/ord_12345678"/,
    );
    assert.match(text, /"accept-language": "ko-KR,ko;q=0\.9"/);
    assert.match(text, /pragma: "no-cache"/);
    assert.doesNotMatch(text, /sec-fetch-mode|sec-ch-ua-mobile|priority|user-agent/);
  });

  it("--keep-headers all keeps the browser-only headers too", async () => {
    const text = await specText("all");
    for (const name of ["sec-fetch-mode", "sec-ch-ua-mobile", "priority", "user-agent"]) {
      assert.match(text, new RegExp(`(^|\\s)"?${name}"?:\\s`, "m"), name);
    }
  });
});
