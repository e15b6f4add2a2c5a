import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { adfToWikiMarkup } from "./adf-to-wiki.ts";
import {
  bulletList,
  code,
  codeBlock,
  doc,
  heading,
  link,
  paragraph,
  plain,
  strong,
} from "./adf.ts";

describe("Atlassian documents", () => {
  it("renders the same document as wiki markup for Jira Data Center", () => {
    const document = doc(
      heading("Error"),
      paragraph(
        strong("Test: "),
        code("order › a {b}"),
        plain(" see "),
        link("run [1]", "https://ci/1"),
      ),
      codeBlock("line 1\nline 2", { maxChars: 100 }),
      bulletList([[plain("one")], [plain("two")]]),
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
    const block = codeBlock("a".repeat(50), { maxChars: 10 });
    assert.deepEqual(block, {
      type: "codeBlock",
      content: [{ type: "text", text: "aaaaaaaaaa\n… 40 more characters left out" }],
    });
  });
});
