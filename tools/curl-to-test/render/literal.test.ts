import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runInNewContext } from "node:vm";
import { commentText, propertyKey, stringLiteral } from "./literal.ts";

/** Strings a capture may hold that would break naive code generation. */
const hostile = [
  "`backtick` and ${x} and ${process.exit(1)}",
  "*/ closes a block comment /*",
  "line\u2028separator\u2029paragraph",
  `"double" 'single' \\backslash\\`,
  "</script><script>alert(1)</script>",
  "NUL\u0000byte and \u0007 bell",
  "new\nline\r\ncarriage",
  "lone surrogate \ud800 end",
  "emoji 🍜 and 한국어",
];

// eslint-disable-next-line no-control-regex -- a raw NUL in generated code is what this guards against.
const lineBreakOrNul = /[\n\r\u2028\u2029\u0000]/;

describe("stringLiteral", () => {
  for (const text of hostile) {
    it(`round-trips ${stringLiteral(text)} exactly`, () => {
      const literal = stringLiteral(text);
      assert.equal(runInNewContext(literal), text);
      assert.doesNotMatch(literal, lineBreakOrNul);
      assert.ok(literal.startsWith('"') && literal.endsWith('"'), "a double-quoted literal");
    });
  }

  it("stays one literal inside a template of code", () => {
    const program = `const captured = ${stringLiteral(hostile.join("|"))}; captured;`;
    assert.equal(runInNewContext(program), hostile.join("|"));
  });
});

describe("commentText", () => {
  it("can neither end a line comment nor close a block comment", () => {
    for (const text of hostile) {
      const comment = commentText(text);
      assert.doesNotMatch(comment, lineBreakOrNul);
      assert.ok(!comment.includes("*/"), comment);
      const program = `/* ${comment} */ // ${comment}\n42`;
      assert.equal(runInNewContext(program), 42);
    }
  });
});

describe("propertyKey", () => {
  it("quotes keys that are not identifiers and computes __proto__", () => {
    assert.equal(propertyKey("shopId"), "shopId");
    assert.equal(propertyKey("content-type"), '"content-type"');
    assert.equal(propertyKey("__proto__"), '["__proto__"]');
    const object = runInNewContext(
      `({ ${propertyKey("__proto__")}: 1, ${propertyKey("a`b")}: 2 })`,
    ) as Record<string, number>;
    assert.deepEqual(Object.keys(object), ["__proto__", "a`b"]);
  });
});
