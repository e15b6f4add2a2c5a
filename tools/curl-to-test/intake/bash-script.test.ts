import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { codedWarnings } from "../testing/coded-warnings.ts";
import { readBashScript } from "./bash-script.ts";

function argv(text: string): string[][] {
  const script = readBashScript(text);
  assert.equal(script.error, undefined, script.error?.message);
  return script.commands.map((command) => command.words.map((word) => word.value));
}

describe("readBashScript", () => {
  it("removes quotes and backslash escapes the way bash does", () => {
    assert.deepEqual(argv(`curl 'a b' "c \\"d\\" \\$e \\x" f\\ g 'it'\\''s'`), [
      ["curl", "a b", 'c "d" $e \\x', "f g", "it's"],
    ]);
  });

  it("decodes $'…' strings: escaped quotes, \\n, \\u, \\x bytes as UTF-8, octal", () => {
    assert.deepEqual(argv(`curl $'it\\'s\\n\\u00e9\\xc3\\xa9\\101\\t'`), [
      ["curl", "it's\né\u00e9A\t"],
    ]);
  });

  it("joins backslash-newline continuations, also with CRLF line ends", () => {
    const script = readBashScript("curl \\\r\n  -H 'a: b' \\\n  https://h/");
    assert.deepEqual(
      script.commands.map((command) => command.words.map((word) => [word.value, word.offset])),
      [
        [
          ["curl", 0],
          ["-H", 10],
          ["a: b", 13],
          ["https://h/", 24],
        ],
      ],
    );
  });

  it("splits commands at newlines, ;, && and ||, and skips comments but not URL fragments", () => {
    assert.deepEqual(argv("# intro\ncurl a ;\ncurl b && curl c#frag || curl d # trailing\n"), [
      ["curl", "a"],
      ["curl", "b"],
      ["curl", "c#frag"],
      ["curl", "d"],
    ]);
  });

  it("marks both sides of a pipe", () => {
    const script = readBashScript("echo x | curl a | jq .");
    assert.deepEqual(
      script.commands.map((command) => [command.pipesInto ?? false, command.pipedFrom ?? false]),
      [
        [true, false],
        [true, true],
        [false, true],
      ],
    );
  });

  it("feeds here-strings, here-documents and < files to standard input", () => {
    const script = readBashScript(
      "curl -d @- a <<< 'x y'\ncurl -d @- b <<EOF\nline 1\nline 2\nEOF\ncurl c < body.json 2>&1 > out.txt\n",
    );
    assert.deepEqual(
      script.commands.map((command) => command.stdin),
      [{ text: "x y\n" }, { text: "line 1\nline 2\n" }, { file: "body.json" }],
    );
    assert.deepEqual(
      script.commands[2]?.words.map((word) => word.value),
      ["curl", "c"],
    );
  });

  it("keeps variables and command substitutions as literal text, with a warning", () => {
    const script = readBashScript(
      'curl -H "Authorization: Bearer $TOKEN" "https://h/${PATH_PART}" `cat x`',
    );
    assert.deepEqual(
      script.commands[0]?.words.map((word) => word.value),
      ["curl", "-H", "Authorization: Bearer $TOKEN", "https://h/${PATH_PART}", "`cat x`"],
    );
    assert.deepEqual(codedWarnings(script.commands[0]?.warnings), [
      [
        "shell-expansion-kept",
        'shell variable $TOKEN is not expanded; the text "$TOKEN" is sent as written',
      ],
      [
        "shell-expansion-kept",
        'shell variable ${PATH_PART} is not expanded; the text "${PATH_PART}" is sent as written',
      ],
      [
        "shell-expansion-kept",
        "command substitution `cat x` is not run; its text is sent as written",
      ],
    ]);
  });

  it("stops at an unterminated quote, pointing at it, and returns the commands before", () => {
    const script = readBashScript("curl a\ncurl 'b\ncurl c\n");
    assert.deepEqual(
      script.commands.map((command) => command.words.map((word) => word.value)),
      [["curl", "a"]],
    );
    assert.deepEqual(script.error, {
      offset: 12,
      length: 1,
      message: "unterminated single quote (') starting here",
    });
  });

  it("reports unterminated $'…' and here-documents without an end line", () => {
    assert.equal(
      readBashScript("curl $'abc").error?.message,
      "unterminated $'…' string starting here",
    );
    assert.equal(
      readBashScript("curl -d @- a <<EOF\nbody\n").error?.message,
      'here-document has no closing "EOF" line before the end of the input',
    );
  });
});
