/**
 * Reads Windows cmd text ("Copy as cURL (cmd)") into commands of argv words. Two passes, as
 * on Windows: cmd.exe first removes `^` escapes outside its quotes, joins `^`-continued lines
 * (the character after the line break is escaped, which is how browsers write a literal
 * newline as `^` + two line breaks) and splits commands at `&`, `|` and line ends; then
 * curl.exe splits each command line by the C runtime's rules. curlconverter reads these as
 * bash and corrupts them; this reader gives the curl reader the words curl.exe really gets.
 */
import type { WarningNote } from "../model/conversion-warning.ts";
import type { ShellCommand, ShellScript } from "./shell-command.ts";
import { splitWindowsCommandLine } from "./windows-command-line.ts";

interface CommandLine {
  text: string;
  /** Input offset of each character of `text`. */
  offsets: number[];
  pipedFrom: boolean;
  pipesInto: boolean;
}

export function readWindowsCmdScript(input: string): ShellScript {
  const commands: ShellCommand[] = [];
  const olderChromeQuotes = olderChromeWrapperQuotes(input);
  for (const line of commandLines(input, olderChromeQuotes)) {
    const split = splitWindowsCommandLine(line.text);
    const offsetOf = (index: number): number =>
      line.offsets[index] ?? line.offsets[line.offsets.length - 1] ?? 0;
    if (split.unterminatedQuote !== undefined) {
      return {
        commands,
        error: {
          offset: offsetOf(split.unterminatedQuote),
          length: 1,
          message: 'unterminated double quote (") starting here',
        },
      };
    }
    if (split.words.length === 0) continue;
    commands.push({
      words: split.words.map((word) => ({ value: word.value, offset: offsetOf(word.start) })),
      warnings: [
        ...environmentVariableWarnings(
          input.slice(line.offsets[0] ?? 0, (line.offsets[line.offsets.length - 1] ?? 0) + 1),
        ),
        ...(line.offsets.some((offset) => olderChromeQuotes.has(offset))
          ? [{ code: "cmd-older-chrome-quoting" as const, message: OLDER_CHROME_WARNING }]
          : []),
      ],
      ...(line.pipedFrom ? { pipedFrom: true } : {}),
      ...(line.pipesInto ? { pipesInto: true } : {}),
    });
  }
  return { commands };
}

const OLDER_CHROME_WARNING =
  'an argument is in older Chrome\'s cmd quoting ("…^\\^"…"): cmd.exe keeps the ^ inside those quotes, so running the line would send other text; the request is read as the browser sent it';

/**
 * Older Chrome wrote `"…"` around an argument escaped for use inside `^"…^"` (`^\^"` for a
 * quote, `^{` for a brace). cmd.exe would keep those carets; the browser's request had none.
 * Returns the offsets of such outer quotes, which are then read as `^"`.
 */
function olderChromeWrapperQuotes(input: string): Set<number> {
  const quotes = new Set<number>();
  for (const match of input.matchAll(/(?<=^|[ \t])"((?:\^[\s\S]|[^"^\r\n])*)"(?=[ \t\r\n]|$)/gm)) {
    if (!match[1]?.includes('^\\^"')) continue;
    quotes.add(match.index);
    quotes.add(match.index + match[0].length - 1);
  }
  return quotes;
}

/** cmd.exe's pass: caret escapes, continuations, `::`/`REM` comments and command separators. */
function commandLines(input: string, escapedQuotes: ReadonlySet<number>): CommandLine[] {
  const lines: CommandLine[] = [];
  let text = "";
  let offsets: number[] = [];
  let quoted = false;
  let pipedFrom = false;
  const finish = (nextPiped: boolean): void => {
    if (text.trim() !== "") lines.push({ text, offsets, pipedFrom, pipesInto: nextPiped });
    text = "";
    offsets = [];
    quoted = false;
    pipedFrom = nextPiped;
  };
  const emit = (char: string, offset: number): void => {
    text += char;
    offsets.push(offset);
  };
  let at = 0;
  while (at < input.length) {
    const char = input[at] ?? "";
    if (text.trim() === "" && /^[ \t]*(?:::|rem(?:[ \t]|$))/i.test(input.slice(at, at + 8))) {
      // A comment line (`::` or `REM`): cmd reads none of it, `&` and `^` included.
      const newline = input.indexOf("\n", at);
      at = newline === -1 ? input.length : newline;
    } else if (char === "\r") {
      at += 1;
    } else if (escapedQuotes.has(at)) {
      emit(char, at);
      at += 1;
    } else if (char === "^" && !quoted) {
      at = readCaret(input, at, emit);
    } else if (char === "\n") {
      finish(false);
      at += 1;
    } else if (!quoted && (char === "&" || char === "|")) {
      const doubled = input[at + 1] === char;
      finish(char === "|" && !doubled);
      at += doubled ? 2 : 1;
    } else {
      if (char === '"') quoted = !quoted;
      emit(char, at);
      at += 1;
    }
  }
  finish(false);
  return lines;
}

/**
 * A caret outside quotes: before a line break it continues the line (the next line's first
 * character escaped, so a second line break is literal); otherwise it escapes the next
 * character. Returns where reading goes on.
 */
function readCaret(
  input: string,
  at: number,
  emit: (char: string, offset: number) => void,
): number {
  const lineBreak =
    input[at + 1] === "\n" ? 1 : input[at + 1] === "\r" && input[at + 2] === "\n" ? 2 : 0;
  if (lineBreak > 0) {
    const next = at + 1 + lineBreak;
    if (input[next] === "\n") {
      emit("\n", next);
      return next + 1;
    }
    if (input[next] === "\r" && input[next + 1] === "\n") {
      emit("\n", next);
      return next + 2;
    }
    return next;
  }
  if (at + 1 < input.length) {
    emit(input[at + 1] ?? "", at + 1);
    return at + 2;
  }
  return at + 1;
}

/** Looks at the raw text: browsers write `%^NAME` so that cmd leaves a literal `%NAME` alone. */
function environmentVariableWarnings(text: string): WarningNote[] {
  const names = text.match(/%[A-Za-z_][A-Za-z0-9_]*%/g) ?? [];
  return [...new Set(names)].map((name) => ({
    code: "shell-expansion-kept",
    message: `cmd variable ${name} is not expanded; the text "${name}" is sent as written`,
  }));
}
