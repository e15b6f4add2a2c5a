/**
 * The intake's entry: pasted or saved captures (any supported format, detected from the
 * text) → captured requests, failures that point at the input, and what was skipped. It is
 * synchronous: the CLI reads files and stdin, this only reads text (and checks whether files
 * named by `@file` options exist).
 */
import type { CaptureFailure, CapturedRequest, IntakeResult } from "../model/captured-request.ts";
import { readBashScript } from "./bash-script.ts";
import {
  curlProgramIndex,
  fileExistsFrom,
  isCurlProgram,
  readCurlCommand,
} from "./curl-command.ts";
import { detectCaptureFormat, type CaptureFormat } from "./detect-capture-format.ts";
import { readHarCapture } from "./har-capture.ts";
import type { ShellScript } from "./shell-command.ts";
import { LineIndex } from "./text-position.ts";
import { readPowerShellScript } from "./powershell-script.ts";
import { readWindowsCmdScript } from "./windows-cmd-script.ts";

export interface CaptureInput {
  /** File path as given, or `-` for stdin. */
  name: string;
  text: string;
}

export interface ReadCapturesOptions {
  /** Where files named by `-d @file`, `-F f=@file` and `-T file` are looked up; default: cwd. */
  filesDirectory?: string;
  /** HAR: keep only requests to the host most entries went to. */
  onlyDominantHost?: boolean;
}

const SHELL_READERS: Record<"bash" | "cmd" | "powershell", (text: string) => ShellScript> = {
  bash: readBashScript,
  cmd: readWindowsCmdScript,
  powershell: readPowerShellScript,
};

export function readCaptures(
  inputs: CaptureInput[],
  options: ReadCapturesOptions = {},
): IntakeResult {
  const result: IntakeResult = { requests: [], failures: [], skipped: [] };
  const fileExists = fileExistsFrom(options.filesDirectory ?? process.cwd());
  for (const raw of inputs) {
    const input = withoutByteOrderMark(raw);
    const format = detectCaptureFormat(input.text);
    const reading = readCapture({
      input,
      format,
      fileExists,
      onlyDominantHost: options.onlyDominantHost ?? false,
    });
    result.requests.push(...reading.requests);
    result.failures.push(...reading.failures);
    result.skipped.push(...reading.skipped);
  }
  return result;
}

/**
 * Fiddler, mitmproxy and PowerShell's editors start files with a UTF-8 byte-order mark. A
 * space stands in for it, so offsets (and the line:column of any error) stay those of the file.
 */
function withoutByteOrderMark(input: CaptureInput): CaptureInput {
  return input.text.startsWith("\uFEFF") ? { ...input, text: ` ${input.text.slice(1)}` } : input;
}

function readCapture(options: {
  input: CaptureInput;
  format: CaptureFormat;
  fileExists: (path: string) => boolean;
  onlyDominantHost: boolean;
}): IntakeResult {
  const { input, format } = options;
  if (format === "har") {
    return readHarCapture(
      { file: input.name, text: input.text },
      { onlyDominantHost: options.onlyDominantHost },
    );
  }
  const lines = new LineIndex(input.text);
  if (format === "unknown") {
    const start = Math.max(0, input.text.search(/\S/));
    const failure = lines.failure({
      file: input.name,
      offset: start,
      length: /^\S*/.exec(input.text.slice(start))?.[0].length ?? 1,
      message: input.text.trim() === "" ? "the input is empty" : "not a curl command or HAR file",
    });
    return { requests: [], failures: [failure], skipped: [] };
  }
  const script = SHELL_READERS[format](input.text);
  const requests: CapturedRequest[] = [];
  const failures: CaptureFailure[] = [];
  const context = {
    file: input.name,
    position: (offset: number) => lines.position(offset),
    fileExists: options.fileExists,
  };
  for (const command of script.commands) {
    const program = command.words[curlProgramIndex(command)];
    // In `echo … | curl` or `curl … | jq .` the other commands only feed or read curl.
    const inPipeline = command.pipedFrom === true || command.pipesInto === true;
    if (inPipeline && !(program && isCurlProgram(program.value))) continue;
    const reading = readCurlCommand(command, context);
    if ("failure" in reading) {
      failures.push(lines.failure({ file: input.name, ...reading.failure }));
    } else {
      requests.push(...reading.requests);
    }
  }
  if (script.error) failures.push(lines.failure({ file: input.name, ...script.error }));
  return { requests, failures, skipped: [] };
}
