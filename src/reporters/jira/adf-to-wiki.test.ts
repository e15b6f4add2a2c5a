import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { adfToWikiMarkup } from "./adf-to-wiki.ts";
import * as adf from "./adf.ts";

describe("Atlassian documents", () => {
  it("renders the same document as wiki markup for Jira Data Center", () => {
    const document = adf.doc(
      adf.heading("Error"),
      adf.paragraph(
        adf.strong("Test: "),
        adf.code("order › a {b}"),
        adf.plain(" see "),
        adf.link("run [1]", "https://ci/1"),
      ),
      adf.codeBlock("line 1\nline 2", { maxChars: 100 }),
      adf.bulletList([[adf.plain("one")], [adf.plain("two")]]),
    );
    assert.equal(
      adfToWikiMarkup(document),
      [
        "h3. Error",
        "*Test: *{{order › a \\{b\\}}} see [run \\[1\\]|https://ci/1]",
        "{noformat}\nline 1\nline 2\n{noformat}",
        "* one\n* two",
      ].join("\n\n"),
    );
  });

  it("caps a code block and says how much was left out", () => {
    const block = adf.codeBlock("a".repeat(50), { maxChars: 10 });
    assert.deepEqual(block, {
      type: "codeBlock",
      content: [{ type: "text", text: "aaaaaaaaaa\n… 40 more characters left out" }],
    });
  });
});
