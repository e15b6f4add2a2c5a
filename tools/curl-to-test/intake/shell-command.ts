import type { WarningNote } from "../model/conversion-warning.ts";

/**
 * What the shell readers (bash, Windows cmd, PowerShell) hand to the curl reader: each command
 * as argv words, with offsets into the input so requests and errors can point back at it.
 */

export interface ShellWord {
  /** The argument after quote removal and escapes, as the program receives it. */
  value: string;
  /** Offset of the word's first character in the input. */
  offset: number;
}

export interface ShellCommand {
  words: ShellWord[];
  /** Text fed to the command's standard input (`<<<`, heredoc), or the file it reads (`<`). */
  stdin?: { text: string } | { file: string };
  /** True when the command reads the previous one's output (`curl … | jq .`). */
  pipedFrom?: boolean;
  /** True when the command's output feeds the next one (`echo … | curl`). */
  pipesInto?: boolean;
  /** Shell constructs that were kept as literal text (variables, substitutions). */
  warnings: WarningNote[];
}

export interface ShellSyntaxError {
  offset: number;
  length: number;
  message: string;
}

export interface ShellScript {
  commands: ShellCommand[];
  /** A syntax error ends reading; the commands before it are still returned. */
  error?: ShellSyntaxError;
}
