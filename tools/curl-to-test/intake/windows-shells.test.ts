import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readPowerShellScript } from "./powershell-script.ts";
import { readWindowsCmdScript } from "./windows-cmd-script.ts";
import { splitWindowsCommandLine } from "./windows-command-line.ts";

function values(script: { commands: { words: { value: string }[] }[] }): string[][] {
  return script.commands.map((command) => command.words.map((word) => word.value));
}

describe("splitWindowsCommandLine (curl.exe's own argv rules)", () => {
  it("applies the C runtime's quote and backslash rules", () => {
    assert.deepEqual(
      splitWindowsCommandLine(String.raw`curl "a b" \"q\" "x""y" c\\"d e" f\g`).words.map(
        (word) => word.value,
      ),
      ["curl", "a b", '"q"', 'x"y', "c\\d e", "f\\g"],
    );
  });

  it("reports a quote left open", () => {
    assert.equal(splitWindowsCommandLine('curl "abc').unterminatedQuote, 5);
  });
});

describe("readWindowsCmdScript", () => {
  it('undoes Chrome\'s cmd escaping: ^" quotes, ^\\^" inner quotes, ^%, ^&, continuations', () => {
    const text =
      'curl ^"https://h/a?x=1^&y=2^" ^\r\n  --data-raw ^"^{^\\^"p^\\^":^\\^"5^%^\\^"^}^"\r\n';
    assert.deepEqual(values(readWindowsCmdScript(text)), [
      ["curl", "https://h/a?x=1&y=2", "--data-raw", '{"p":"5%"}'],
    ]);
  });

  it("turns ^ followed by two line breaks into a newline inside the argument", () => {
    assert.deepEqual(values(readWindowsCmdScript('curl ^"a^\n\nb^"')), [["curl", "a\nb"]]);
  });

  it("splits commands at & and line ends, skips :: and REM lines, keeps & inside plain quotes", () => {
    const script = readWindowsCmdScript(':: a & b\r\nREM c & d\r\ncurl "x&y" &\r\ncurl z\r\n');
    assert.deepEqual(values(script), [
      ["curl", "x&y"],
      ["curl", "z"],
    ]);
    assert.equal(script.commands[1]?.words[0]?.offset, 35);
  });

  it("warns about %VARIABLES% but not about escaped %^ text", () => {
    const script = readWindowsCmdScript('curl "https://h/%TOKEN%" --data-raw ^"100%^25^"');
    assert.deepEqual(script.commands[0]?.warnings, [
      {
        code: "shell-expansion-kept",
        message: 'cmd variable %TOKEN% is not expanded; the text "%TOKEN%" is sent as written',
      },
    ]);
  });

  it("reports an unterminated quote at the quote", () => {
    assert.deepEqual(readWindowsCmdScript('curl "https://h/a\r\n').error, {
      offset: 5,
      length: 1,
      message: 'unterminated double quote (") starting here',
    });
  });
});

describe("readPowerShellScript", () => {
  it("reads backtick continuations, '' and \"\" doubling, backtick escapes", () => {
    const text =
      'curl.exe `\n  -H \'it\'\'s\' `\r\n  -H "say `"hi`" ``tick`` `$5 ""q"" `t" https://h/';
    assert.deepEqual(values(readPowerShellScript(text)), [
      ["curl.exe", "-H", "it's", "-H", 'say "hi" `tick` $5 "q" \t', "https://h/"],
    ]);
  });

  it("splits at ; and newlines, skips # and <# #> comments", () => {
    assert.deepEqual(
      values(readPowerShellScript("<# setup #>\ncurl.exe a; curl.exe b # note\ncurl.exe c")),
      [
        ["curl.exe", "a"],
        ["curl.exe", "b"],
        ["curl.exe", "c"],
      ],
    );
  });

  it("keeps $variables literal with a warning", () => {
    const script = readPowerShellScript(
      'curl.exe -H "Authorization: Bearer $env:TOKEN" https://h/',
    );
    assert.equal(script.commands[0]?.words[2]?.value, "Authorization: Bearer $env:TOKEN");
    assert.deepEqual(script.commands[0]?.warnings, [
      {
        code: "shell-expansion-kept",
        message:
          'PowerShell variable $env:TOKEN is not expanded; the text "$env:TOKEN" is sent as written',
      },
    ]);
  });

  it('reads \\" the way Windows PowerShell 5.1 hands it to curl.exe, and says so', () => {
    const script = readPowerShellScript(`curl.exe -d '{\\"a\\": 1}' https://h/`);
    assert.equal(script.commands[0]?.words[2]?.value, '{"a": 1}');
    assert.equal(script.commands[0]?.warnings.length, 1);
    assert.equal(script.commands[0]?.warnings[0]?.code, "powershell-legacy-quoting");
    assert.match(script.commands[0]?.warnings[0]?.message ?? "", /Windows PowerShell 5\.1/);
  });

  it("reports an unterminated single quote", () => {
    assert.deepEqual(readPowerShellScript("curl.exe 'abc").error, {
      offset: 9,
      length: 1,
      message: "unterminated single quote (') starting here",
    });
  });
});
