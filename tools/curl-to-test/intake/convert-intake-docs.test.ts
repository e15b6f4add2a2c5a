import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { NOISE_HEADER_RULES } from "../plan/noise-headers.ts";
import { BEACON_HOST_SUFFIXES, STATIC_EXTENSIONS } from "./har-entry-scope.ts";

// The documented lists are the ones the code applies: a rule added to one must reach the other.
const docs = readFileSync(new URL("../../../docs/convert-intake.md", import.meta.url), "utf8");

describe("docs/convert-intake.md", () => {
  it("names every beacon host the HAR reader skips", () => {
    for (const host of BEACON_HOST_SUFFIXES) assert.ok(docs.includes(host), host);
  });

  it("names every static extension", () => {
    for (const extension of STATIC_EXTENSIONS) {
      assert.match(docs, new RegExp(`(^|\\s)\\${extension}(\\s|\\.$)`, "m"), extension);
    }
  });

  it("names every noise header rule", () => {
    for (const rule of NOISE_HEADER_RULES) assert.ok(docs.includes(`\`${rule.name}`), rule.name);
  });
});
