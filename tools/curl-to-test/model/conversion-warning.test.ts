import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { WARNING_CODES } from "./conversion-warning.ts";

// Scripts match warnings by code: the documented list is the one the converter gives.
const docs = readFileSync(new URL("../../../docs/convert-warnings.md", import.meta.url), "utf8");

/** Each row of the codes table: its code and what it says, without Markdown's backticks. */
function documentedCodes(): [string, string][] {
  return [...docs.matchAll(/^\| `([a-z0-9-]+)` +\| [a-z]+ +\| (.+?) +\|$/gm)].map((row) => [
    row[1]!,
    row[2]!.replaceAll("`", "").replaceAll("\\|", "|"),
  ]);
}

describe("warning codes", () => {
  it("are documented in docs/convert-warnings.md, in order, each with its line", () => {
    assert.deepEqual(documentedCodes(), Object.entries(WARNING_CODES));
  });

  it("are kebab-case", () => {
    for (const code of Object.keys(WARNING_CODES)) assert.match(code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
