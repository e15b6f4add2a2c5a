/**
 * Reads bash text into commands of argv words: quoting (`'…'`, `"…"`, `$'…'`), backslash
 * escapes and line continuations, comments, command separators (newline, `;`, `&&`, `||`,
 * `|`, `&`) and redirections. Expansions are not run: `$VAR`, `${…}`, `$(…)` and backticks stay
 * literal text with a warning, because a capture is data, never a script to execute.
 */
import { decodeAnsiCString } from "./ansi-c-string.ts";
import type { ShellCommand, ShellScript, ShellSyntaxError, ShellWord } from "./shell-command.ts";
import { clip } from "./clip.ts";

const WORD_END = new Set([" ", "\t", "\r", "\n", ";", "&", "|", "<", ">", "(", ")"]);
const DOUBLE_QUOTE_ESCAPABLE = new Set(["$", "`", '"', "\\", "\n"]);

class BashSyntaxError extends Error {
  readonly detail: ShellSyntaxError;
  constructor(detail: ShellSyntaxError) {
    super(detail.message);
    this.detail = detail;
  }
}

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  command: ShellCommand;
}

export function readBashScript(text: string): ShellScript {
  return new BashReader(text).read();
}

class BashReader {
  readonly #text: string;
  #at = 0;
  #commands: ShellCommand[] = [];
  #current: ShellCommand = { words: [], warnings: [] };
  #heredocs: PendingHeredoc[] = [];

  constructor(text: string) {
    this.#text = text;
  }

  read(): ShellScript {
    try {
      this.#readAll();
    } catch (error) {
      if (!(error instanceof BashSyntaxError)) throw error;
      return { commands: this.#commands, error: error.detail };
    }
    this.#endCommand();
    return { commands: this.#commands };
  }

  #readAll(): void {
    const text = this.#text;
    while (this.#at < text.length) {
      const char = text[this.#at] ?? "";
      if (char === " " || char === "\t" || char === "\r") {
        this.#at += 1;
      } else if (char === "\\" && this.#continuationLength(this.#at) > 0) {
        this.#at += this.#continuationLength(this.#at);
      } else if (char === "\n") {
        this.#endCommand();
        this.#at += 1;
        this.#readHeredocBodies();
      } else if (char === ";" || char === "&" || char === "|") {
        const pipe = char === "|" && text[this.#at + 1] !== "|";
        if (pipe) this.#current.pipesInto = true;
        this.#endCommand();
        if (pipe) this.#current.pipedFrom = true;
        this.#at +=
          text[this.#at + 1] === char || (char === "|" && text[this.#at + 1] === "&") ? 2 : 1;
      } else if (char === "#") {
        // At a word's start `#` begins a comment; inside a word (a URL fragment) it does not.
        this.#skipComment();
      } else if (char === "(" || char === ")") {
        throw this.#error(this.#at, 1, `unsupported shell syntax "${char}" (subshells and groups)`);
      } else if (this.#redirectionLength() > 0) {
        this.#readRedirection();
      } else {
        this.#current.words.push(this.#readWord());
      }
    }
  }

  #skipComment(): void {
    const newline = this.#text.indexOf("\n", this.#at);
    this.#at = newline === -1 ? this.#text.length : newline;
  }

  /** Length of a backslash-newline (or backslash-CRLF) at `at`, else 0. */
  #continuationLength(at: number): number {
    if (this.#text[at] !== "\\") return 0;
    if (this.#text[at + 1] === "\n") return 2;
    if (this.#text[at + 1] === "\r" && this.#text[at + 2] === "\n") return 3;
    return 0;
  }

  #endCommand(): void {
    if (this.#current.words.length > 0 || this.#current.stdin) {
      this.#commands.push(this.#current);
    }
    this.#current = { words: [], warnings: [] };
  }

  #error(offset: number, length: number, message: string): BashSyntaxError {
    return new BashSyntaxError({ offset, length, message });
  }

  /** Length of the redirection operator at the cursor (`>`, `2>&1`, `<<<`…), else 0. */
  #redirectionLength(): number {
    const match = /^(?:\d*(?:<<<|<<-|<<|<>|<&|>&|>>|>\||<|>)|&>>?)/.exec(
      this.#text.slice(this.#at, this.#at + 8),
    );
    return match ? match[0].length : 0;
  }

  #readRedirection(): void {
    const operatorStart = this.#at;
    const length = this.#redirectionLength();
    const operator = this.#text.slice(this.#at, this.#at + length).replace(/^\d+/, "");
    this.#at += length;
    this.#skipBlanks();
    if (operator.endsWith("&") && /^[\d-]/.test(this.#text[this.#at] ?? "")) {
      // `2>&1`, `>&-`: moves or closes file descriptors, nothing a request depends on.
      this.#readWord();
      return;
    }
    if (this.#at >= this.#text.length || WORD_END.has(this.#text[this.#at] ?? "")) {
      throw this.#error(operatorStart, length, `redirection "${operator}" has no target`);
    }
    const target = this.#readWord();
    if (operator === "<<<") {
      this.#current.stdin = { text: `${target.value}\n` };
    } else if (operator === "<<" || operator === "<<-") {
      this.#heredocs.push({
        delimiter: target.value,
        stripTabs: operator === "<<-",
        command: this.#current,
      });
    } else if (operator === "<") {
      this.#current.stdin = { file: target.value };
    }
    // Output redirections only decide where the response goes.
  }

  #skipBlanks(): void {
    while (this.#text[this.#at] === " " || this.#text[this.#at] === "\t") this.#at += 1;
  }

  #readHeredocBodies(): void {
    for (const heredoc of this.#heredocs) {
      const lines: string[] = [];
      const bodyStart = this.#at;
      for (;;) {
        if (this.#at >= this.#text.length) {
          throw this.#error(
            bodyStart,
            1,
            `here-document has no closing "${heredoc.delimiter}" line before the end of the input`,
          );
        }
        const newline = this.#text.indexOf("\n", this.#at);
        const end = newline === -1 ? this.#text.length : newline;
        let line = this.#text.slice(this.#at, end).replace(/\r$/, "");
        if (heredoc.stripTabs) line = line.replace(/^\t+/, "");
        this.#at = newline === -1 ? end : end + 1;
        if (line === heredoc.delimiter) break;
        lines.push(line);
      }
      heredoc.command.stdin = { text: lines.map((line) => `${line}\n`).join("") };
    }
    this.#heredocs = [];
  }

  #readWord(): ShellWord {
    const text = this.#text;
    const start = this.#at;
    let value = "";
    while (this.#at < text.length) {
      const char = text[this.#at] ?? "";
      if (WORD_END.has(char)) break;
      if (char === "\\") {
        const continuation = this.#continuationLength(this.#at);
        if (continuation > 0) {
          this.#at += continuation;
        } else {
          value += text[this.#at + 1] ?? "";
          this.#at += 2;
        }
      } else if (char === "'") {
        value += this.#readSingleQuoted();
      } else if (char === '"') {
        value += this.#readDoubleQuoted(this.#at);
      } else if (char === "$" && text[this.#at + 1] === "'") {
        value += this.#readAnsiC();
      } else if (char === "$" && text[this.#at + 1] === '"') {
        value += this.#readDoubleQuoted(this.#at + 1);
      } else if (char === "$" || char === "`") {
        value += this.#readExpansion();
      } else {
        value += char;
        this.#at += 1;
      }
    }
    return { value, offset: start };
  }

  #readSingleQuoted(): string {
    const open = this.#at;
    const close = this.#text.indexOf("'", open + 1);
    if (close === -1) throw this.#error(open, 1, "unterminated single quote (') starting here");
    this.#at = close + 1;
    return this.#text.slice(open + 1, close);
  }

  #readAnsiC(): string {
    const open = this.#at;
    let at = open + 2;
    while (at < this.#text.length && this.#text[at] !== "'") {
      at += this.#text[at] === "\\" ? 2 : 1;
    }
    if (at >= this.#text.length) {
      throw this.#error(open, 2, "unterminated $'…' string starting here");
    }
    this.#at = at + 1;
    const decoded = decodeAnsiCString(this.#text.slice(open + 2, at));
    if (decoded.invalidUtf8) {
      this.#current.warnings.push({
        code: "invalid-utf8-escape",
        message:
          "a $'…' string holds escaped bytes that are not UTF-8 text; they were read as U+FFFD",
      });
    }
    return decoded.value;
  }

  /** Reads `"…"` whose opening quote is at `quote` (after a `$` for `$"…"`). */
  #readDoubleQuoted(quote: number): string {
    const text = this.#text;
    this.#at = quote + 1;
    let value = "";
    while (this.#at < text.length) {
      const char = text[this.#at] ?? "";
      if (char === '"') {
        this.#at += 1;
        return value;
      }
      if (char === "\\" && DOUBLE_QUOTE_ESCAPABLE.has(text[this.#at + 1] ?? "")) {
        const escaped = text[this.#at + 1] ?? "";
        if (escaped !== "\n") value += escaped;
        this.#at += 2;
      } else if (char === "\\" && text[this.#at + 1] === "\r" && text[this.#at + 2] === "\n") {
        this.#at += 3;
      } else if (char === "$" || char === "`") {
        value += this.#readExpansion();
      } else {
        value += char;
        this.#at += 1;
      }
    }
    throw this.#error(quote, 1, 'unterminated double quote (") starting here');
  }

  /** Keeps `$NAME`, `${…}`, `$(…)` or `` `…` `` as literal text, with a warning naming it. */
  #readExpansion(): string {
    const text = this.#text;
    const start = this.#at;
    const next = text[start + 1] ?? "";
    let end: number;
    let what: string;
    if (text[start] === "`") {
      const close = text.indexOf("`", start + 1);
      if (close === -1)
        throw this.#error(start, 1, "unterminated command substitution (`) starting here");
      end = close + 1;
      what = "command substitution";
    } else if (next === "(" || next === "{") {
      end = this.#closingBracket(start + 1);
      what = next === "(" ? "command substitution" : "variable";
    } else {
      const name = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9*@#?$!-])/.exec(
        text.slice(start + 1, start + 65),
      );
      if (!name) {
        this.#at += 1;
        return "$";
      }
      end = start + 1 + name[0].length;
      what = "variable";
    }
    const literal = text.slice(start, end);
    this.#current.warnings.push({
      code: "shell-expansion-kept",
      message:
        what === "variable"
          ? `shell variable ${literal} is not expanded; the text "${literal}" is sent as written`
          : `command substitution ${clip(literal)} is not run; its text is sent as written`,
    });
    this.#at = end;
    return literal;
  }

  /** Offset just past the bracket matching the one at `open`, counting nesting. */
  #closingBracket(open: number): number {
    const opening = this.#text[open];
    const closing = opening === "(" ? ")" : "}";
    let depth = 0;
    for (let at = open; at < this.#text.length; at += 1) {
      const char = this.#text[at];
      if (char === opening) depth += 1;
      else if (char === closing) {
        depth -= 1;
        if (depth === 0) return at + 1;
      }
    }
    throw this.#error(open - 1, 2, `unterminated "$${opening}" starting here`);
  }
}
