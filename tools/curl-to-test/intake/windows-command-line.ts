/**
 * How a Windows program (curl.exe) splits its command line into argv, by the Microsoft C
 * runtime's rules: blanks separate words outside quotes; `"` toggles quoting; inside quotes
 * `""` is a literal quote; 2n backslashes before `"` become n and the quote toggles; 2n+1
 * backslashes before `"` become n and a literal quote; other backslashes are literal.
 */

export interface CommandLineWord {
  value: string;
  /** Index into the command line of the word's first character. */
  start: number;
}

export interface SplitCommandLine {
  words: CommandLineWord[];
  /** Index of a quote left open at the end of the line, if any. */
  unterminatedQuote?: number;
}

export function splitWindowsCommandLine(line: string): SplitCommandLine {
  const words: CommandLineWord[] = [];
  let value = "";
  let start = -1;
  let quoted = false;
  let openQuote = -1;
  let at = 0;
  const finishWord = (): void => {
    if (start !== -1) words.push({ value, start });
    value = "";
    start = -1;
  };
  while (at < line.length) {
    const char = line[at] ?? "";
    if (!quoted && (char === " " || char === "\t")) {
      finishWord();
      at += 1;
      continue;
    }
    if (start === -1) start = at;
    if (char === "\\") {
      let count = 0;
      while (line[at + count] === "\\") count += 1;
      if (line[at + count] === '"') {
        value += "\\".repeat(Math.floor(count / 2));
        if (count % 2 === 1) {
          value += '"';
          at += count + 1;
        } else {
          at += count;
        }
      } else {
        value += "\\".repeat(count);
        at += count;
      }
      continue;
    }
    if (char === '"') {
      if (quoted && line[at + 1] === '"') {
        value += '"';
        at += 2;
        continue;
      }
      quoted = !quoted;
      openQuote = quoted ? at : -1;
      at += 1;
      continue;
    }
    value += char;
    at += 1;
  }
  finishWord();
  return quoted ? { words, unterminatedQuote: openQuote } : { words };
}
