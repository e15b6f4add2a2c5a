// The encoding a spec applies to text read from a file, checked against what curl 7.88 sent for
// `--data-urlencode n@file` with this file's content.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runInNewContext } from "node:vm";
import { stringLiteral } from "./literal.ts";
import { urlencodeLikeCurlCode } from "./body-code.ts";

/** The generated expression run on its own: plain JavaScript over a string literal. */
function evaluate(code: string): unknown {
  return runInNewContext(code);
}

describe("urlencodeLikeCurlCode", () => {
  it("escapes all but letters, digits and -._~, and writes a space as +", () => {
    const text = "a b!*\r\nc~\n'()ü";
    assert.equal(
      evaluate(urlencodeLikeCurlCode(stringLiteral(text), "n")),
      "n=a+b%21%2A%0D%0Ac~%0A%27%28%29%C3%BC",
    );
    assert.equal(evaluate(urlencodeLikeCurlCode(stringLiteral("x y"), undefined)), "x+y");
  });
});
