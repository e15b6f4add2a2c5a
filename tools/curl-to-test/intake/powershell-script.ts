/**
 * Reads PowerShell text that calls `curl.exe` into commands of argv words: backtick escapes
 * and line continuations, `'…'` (with `''`), `"…"` (with backtick escapes and `""`),
 * comments, and `;`, `|`, `&&`, `||` between commands. Variables and subexpressions are kept
 * as literal text with a warning.
 *
 * PowerShell 7.3+ hands each argument to curl.exe as written. Windows PowerShell 5.1 (and
 * PowerShell before 7.3) does not escape embedded quotes, so people write `'{\"a\":1}'` and
 * curl.exe's own parsing turns `\"` into `"`. An argument holding `\"` is read that way, with
 * a warning saying so.
 */
import type { WarningNote } from "../model/conversion-warning.ts";
import type { ShellCommand, ShellScript, ShellSyntaxError, ShellWord } from "./shell-command.ts";
import { splitWindowsCommandLine } from "./windows-command-line.ts";

const DOUBLE_QUOTES = new Set(['"', "\u201c", "\u201d", "\u201e"]);
const SINGLE_QUOTES = new Set(["'", "\u2018", "\u2019", "\u201a", "\u201b"]);
const BACKTICK_ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  e: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};
/** `$name =` (not `==`) before a command: the command's output is assigned. */
const ASSIGNMENT = /^\$[A-Za-z_][A-Za-z0-9_:]*[ \t]*=(?!=)[ \t]*/;
const WORD_END = new Set([" ", "\t", "\r", "\n", ";", "|", "&", "(", ")", "{", "}"]);

class PowerShellSyntaxError extends Error {
  readonly detail: ShellSyntaxError;
  constructor(detail: ShellSyntaxError) {
    super(detail.message);
    this.detail = detail;
  }
}

export function readPowerShellScript(text: string): ShellScript {
  const commands: ShellCommand[] = [];
  let current: ShellCommand = { words: [], warnings: [] };
  const finish = (pipedNext: boolean): void => {
    if (pipedNext) current.pipesInto = true;
    if (current.words.length > 0) commands.push(legacyQuoting(current));
    current = { words: [], warnings: [], ...(pipedNext ? { pipedFrom: true } : {}) };
  };
  let at = 0;
  try {
    while (at < text.length) {
      const char = text[at] ?? "";
      if (char === " " || char === "\t" || char === "\r") {
        at += 1;
      } else if (
        char === "`" &&
        (text[at + 1] === "\n" || (text[at + 1] === "\r" && text[at + 2] === "\n"))
      ) {
        at += text[at + 1] === "\n" ? 2 : 3;
      } else if (char === "\n" || char === ";") {
        finish(false);
        at += 1;
      } else if (current.words.length === 0 && ASSIGNMENT.test(text.slice(at, at + 200))) {
        // `$r = curl.exe …` runs curl.exe; the variable only keeps its output.
        at += ASSIGNMENT.exec(text.slice(at, at + 200))?.[0].length ?? 1;
      } else if (current.words.length === 0 && char === "&" && /[\s"']/.test(text[at + 1] ?? "")) {
        // The call operator: `& curl.exe …`, `& "C:\…\curl.exe" …`.
        at += 1;
      } else if (char === "|" || char === "&") {
        const doubled = text[at + 1] === char;
        finish(char === "|" && !doubled);
        at += doubled ? 2 : 1;
      } else if (char === "<" && text[at + 1] === "#") {
        const close = text.indexOf("#>", at + 2);
        if (close === -1) throw syntaxError(at, 2, "unterminated <# comment starting here");
        at = close + 2;
      } else if (char === "#") {
        const newline = text.indexOf("\n", at);
        at = newline === -1 ? text.length : newline;
      } else if (char === "(" || char === ")" || char === "{" || char === "}") {
        throw syntaxError(
          at,
          1,
          `unsupported PowerShell syntax "${char}" (script blocks and groups)`,
        );
      } else {
        const word = readWord(text, at, current.warnings);
        current.words.push(word.word);
        at = word.end;
      }
    }
  } catch (error) {
    if (!(error instanceof PowerShellSyntaxError)) throw error;
    return { commands, error: error.detail };
  }
  finish(false);
  return { commands };
}

function syntaxError(offset: number, length: number, message: string): PowerShellSyntaxError {
  return new PowerShellSyntaxError({ offset, length, message });
}

interface Read {
  value: string;
  end: number;
}

function readWord(
  text: string,
  start: number,
  warnings: WarningNote[],
): { word: ShellWord; end: number } {
  let value = "";
  let at = start;
  while (at < text.length && !WORD_END.has(text[at] ?? "")) {
    const read = readWordPiece(text, at, warnings);
    value += read.value;
    at = read.end;
  }
  return { word: { value, offset: start }, end: at };
}

/** Outside quotes a backtick escapes the next character as itself. */
function readWordPiece(text: string, at: number, warnings: WarningNote[]): Read {
  const char = text[at] ?? "";
  if (char === "`") return { value: text[at + 1] ?? "", end: at + 2 };
  if (SINGLE_QUOTES.has(char)) return readSingleQuoted(text, at);
  if (DOUBLE_QUOTES.has(char)) return readDoubleQuoted(text, at, warnings);
  return readVariableAt(text, at, warnings) ?? { value: char, end: at + 1 };
}

interface QuoteKind {
  marks: ReadonlySet<string>;
  /** What a doubled mark stands for. */
  doubled: string;
  unterminated: string;
}

const SINGLE: QuoteKind = {
  marks: SINGLE_QUOTES,
  doubled: "'",
  unterminated: "unterminated single quote (') starting here",
};
const DOUBLE: QuoteKind = {
  marks: DOUBLE_QUOTES,
  doubled: '"',
  unterminated: 'unterminated double quote (") starting here',
};

function readSingleQuoted(text: string, open: number): Read {
  return readQuoted(text, open, SINGLE, () => undefined);
}

/** Inside `"…"`, backtick escapes and variables are read; everything else is literal. */
function readDoubleQuoted(text: string, open: number, warnings: WarningNote[]): Read {
  return readQuoted(text, open, DOUBLE, (at) => {
    if (text[at] === "`") return readBacktickEscape(text, at);
    return readVariableAt(text, at, warnings);
  });
}

/** A quoted string up to its closing mark (a doubled mark is one); `special` reads the rest. */
function readQuoted(
  text: string,
  open: number,
  quote: QuoteKind,
  special: (at: number) => Read | undefined,
): Read {
  let value = "";
  let at = open + 1;
  while (at < text.length) {
    const char = text[at] ?? "";
    if (quote.marks.has(char)) {
      if (!quote.marks.has(text[at + 1] ?? "")) return { value, end: at + 1 };
      value += quote.doubled;
      at += 2;
      continue;
    }
    const read = special(at);
    value += read?.value ?? char;
    at = read?.end ?? at + 1;
  }
  throw syntaxError(open, 1, quote.unterminated);
}

/** `` `n `` and the other escapes, `` `u{…} `` for a code point; any other character as itself. */
function readBacktickEscape(text: string, at: number): Read {
  const escaped = text[at + 1] ?? "";
  if (escaped === "u" && text[at + 2] === "{") {
    const close = text.indexOf("}", at + 3);
    const codePoint = parseInt(text.slice(at + 3, close), 16);
    if (close !== -1 && Number.isFinite(codePoint) && codePoint <= 0x10ffff) {
      return { value: String.fromCodePoint(codePoint), end: close + 1 };
    }
  }
  return { value: BACKTICK_ESCAPES[escaped] ?? escaped, end: at + 2 };
}

/** A variable when one starts at `at`; a `$` before anything else is just a character. */
function readVariableAt(text: string, at: number, warnings: WarningNote[]): Read | undefined {
  return text[at] === "$" && /[A-Za-z_{(:]/.test(text[at + 1] ?? "")
    ? readVariable(text, at, warnings)
    : undefined;
}

/** `$name`, `$env:NAME`, `${…}` or `$(…)`, kept as written. */
function readVariable(text: string, start: number, warnings: WarningNote[]): Read {
  const next = text[start + 1];
  let end: number;
  if (next === "(" || next === "{") {
    const closing = next === "(" ? ")" : "}";
    let depth = 0;
    end = -1;
    for (let at = start + 1; at < text.length; at += 1) {
      if (text[at] === next) depth += 1;
      else if (text[at] === closing && --depth === 0) {
        end = at + 1;
        break;
      }
    }
    if (end === -1) throw syntaxError(start, 2, `unterminated "$${next}" starting here`);
  } else {
    const name = /^[A-Za-z_][A-Za-z0-9_]*(?::[A-Za-z_][A-Za-z0-9_]*)?/.exec(
      text.slice(start + 1, start + 80),
    );
    end = start + 1 + (name?.[0].length ?? 0);
  }
  const literal = text.slice(start, end);
  warnings.push({
    code: "shell-expansion-kept",
    message:
      next === "("
        ? `PowerShell subexpression ${literal.length > 40 ? `${literal.slice(0, 37)}…` : literal} is not run; its text is sent as written`
        : `PowerShell variable ${literal} is not expanded; the text "${literal}" is sent as written`,
  });
  return { value: literal, end };
}

/**
 * Windows PowerShell 5.1 passes arguments without escaping their quotes, and curl.exe's
 * command-line parsing then removes them. Only applied when an argument holds `\"`, the
 * sign that its author wrote for that behaviour.
 */
function legacyQuoting(command: ShellCommand): ShellCommand {
  if (!command.words.some((word) => word.value.includes('\\"'))) return command;
  const words = command.words.map((word) => {
    if (!word.value.includes('"')) return word;
    const passed = /[ \t]/.test(word.value) ? `"${word.value}"` : word.value;
    const split = splitWindowsCommandLine(passed).words;
    return { value: split.map((each) => each.value).join(" "), offset: word.offset };
  });
  return {
    ...command,
    words,
    warnings: [
      ...command.warnings,
      {
        code: "powershell-legacy-quoting",
        message:
          'arguments holding \\" were read as Windows PowerShell 5.1 passes them to curl.exe (\\" becomes "); PowerShell 7.3+ would send the backslashes',
      },
    ],
  };
}
