/**
 * One curl command (argv words from any shell reader) → captured requests. curlconverter
 * interprets the options (method, URL with `-G`/`--url-query`, userinfo, cookies); this module
 * keeps what its request object flattens (header order, duplicates and empty values, form
 * parts, `@file` bodies) from the options as written, and turns everything a test cannot
 * reproduce into warnings.
 */
import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import {
  buildRequests,
  parseArgs,
  curlLongOpts,
  curlLongOptsShortened,
  curlShortOpts,
  Word,
} from "curlconverter";
import type { Request as CurlconverterRequest, Warnings } from "curlconverter";
import type { CapturedRequest } from "../model/captured-request.ts";
import { clip } from "./clip.ts";
import { readCurlOptions, CurlUsageError, type CurlOption } from "./curl-options.ts";
import {
  argumentFailure,
  headerNameWarnings,
  objectKeyHeaderWords,
} from "./curl-argument-checks.ts";
import { withAuthorization } from "./curl-headers.ts";
import { readRequestUrl, uploadBody } from "./curl-request-url.ts";
import { readSharedParts } from "./curl-shared-parts.ts";
import { translateCurlconverterWarning } from "./curlconverter-warnings.ts";
import type { ShellCommand, ShellWord } from "./shell-command.ts";
import { placeWarnings, type WarningNote } from "../model/conversion-warning.ts";

export interface CurlCommandContext {
  file: string;
  /** 1-based line and column of an offset in the input. */
  position(offset: number): { line: number; column: number };
  /** Whether a file named in the command (`-d @body.json`, `-F f=@a.png`) exists. */
  fileExists(path: string): boolean;
}

export type CurlCommandReading =
  | { requests: CapturedRequest[] }
  | { failure: { offset: number; length: number; message: string } };

const CURL_PROGRAM = /^(?:.*[/\\])?curl(?:\.exe)?$/i;
const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

export function fileExistsFrom(directory: string): (path: string) => boolean {
  return (path) => existsSync(isAbsolute(path) ? path : resolve(directory, path));
}

/** Whether the first word (after `VAR=value` prefixes and a pasted `$ ` prompt) runs curl. */
export function curlProgramIndex(command: ShellCommand): number {
  let index = 0;
  const words = command.words;
  if (words[0]?.value === "$" || words[0]?.value === "%") index += 1;
  while (index < words.length && ENV_ASSIGNMENT.test(words[index]?.value ?? "")) index += 1;
  return index;
}

export function isCurlProgram(name: string): boolean {
  return CURL_PROGRAM.test(name);
}

type CurlCommandFailure = Extract<CurlCommandReading, { failure: unknown }>;

/** What curlconverter made of the command: one request per `--next` segment. */
interface Converted {
  requests: CurlconverterRequest[];
  warnings: Warnings;
}

export function readCurlCommand(
  command: ShellCommand,
  context: CurlCommandContext,
): CurlCommandReading {
  const words = command.words.slice(curlProgramIndex(command));
  const program = words[0];
  if (!program) return { requests: [] };
  if (!isCurlProgram(program.value)) {
    return failureAt(program, `not a curl command: it runs "${clip(program.value)}"`);
  }
  const options = readOptions(words, program);
  if ("failure" in options) return options;
  const converted = convertWithCurlconverter(command, words, options, program);
  if ("failure" in converted) return converted;
  const source = { file: context.file, ...context.position(program.offset) };
  return { requests: capturedRequests({ command, context, options, converted, source }) };
}

function failureAt(word: ShellWord, message: string): CurlCommandFailure {
  return { failure: { offset: word.offset, length: Math.max(1, word.value.length), message } };
}

/** curl's options as written, or why curl would refuse them. */
function readOptions(words: ShellWord[], program: ShellWord): CurlOption[] | CurlCommandFailure {
  let options: CurlOption[];
  try {
    options = readCurlOptions(words);
  } catch (error) {
    if (!(error instanceof CurlUsageError)) throw error;
    return failureAt(words[error.wordIndex] ?? program, error.message);
  }
  if (!options.some((option) => option.name === "url")) {
    return failureAt(program, "curl command has no URL");
  }
  const invalid = argumentFailure(words, options);
  return invalid ? { failure: invalid } : options;
}

/** curlconverter's reading of the command: method, URLs with their query, auth, cookies. */
function convertWithCurlconverter(
  command: ShellCommand,
  words: readonly ShellWord[],
  options: CurlOption[],
  program: ShellWord,
): Converted | CurlCommandFailure {
  const warnings: Warnings = [];
  const hiddenWords = objectKeyHeaderWords(words, options);
  try {
    const [global] = parseArgs(
      words.filter((_, index) => !hiddenWords.has(index)).map((word) => new Word(word.value)),
      curlLongOpts,
      curlLongOptsShortened,
      curlShortOpts,
      undefined,
      warnings,
    );
    const stdin =
      command.stdin && "text" in command.stdin ? new Word(command.stdin.text) : undefined;
    const stdinFile =
      command.stdin && "file" in command.stdin ? new Word(command.stdin.file) : undefined;
    return { requests: buildRequests(global, stdin, stdinFile), warnings };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    return failureAt(program, `curl command not understood: ${message}`);
  }
}

/** One captured request per URL of each request curlconverter read. */
function capturedRequests(input: {
  command: ShellCommand;
  context: CurlCommandContext;
  options: CurlOption[];
  converted: Converted;
  source: CapturedRequest["source"];
}): CapturedRequest[] {
  const { command, context, options, converted, source } = input;
  const segments = splitAtNext(options, converted.requests.length);
  return converted.requests.flatMap((request, index) => {
    const segment = segments[index] ?? [];
    const shared = readSharedParts({ request, options: segment, command, context });
    const commandWarnings = [
      ...command.warnings,
      ...headerNameWarnings(segment),
      ...shared.warnings,
      ...converted.warnings.flatMap(([kind, message]) =>
        translateCurlconverterWarning(kind, message),
      ),
    ];
    return request.urls.map((url): CapturedRequest => {
      const sent = readRequestUrl(url, context);
      const upload = url.uploadFile ? uploadBody(url.uploadFile.toString(), context) : undefined;
      return {
        source,
        method: url.method.toString(),
        url: sent.url,
        ...(sent.queryFiles ? { queryFiles: sent.queryFiles } : {}),
        headers: shared.challengeAuth
          ? shared.headers
          : withAuthorization(shared.headers, url, request),
        ...(shared.omittedHeaders.length > 0 ? { omittedHeaders: shared.omittedHeaders } : {}),
        body: upload?.body ?? shared.body,
        warnings: placeWarnings(
          unique([...commandWarnings, ...sent.warnings, ...(upload?.warnings ?? [])]),
          source,
        ),
      };
    });
  });
}

/** curlconverter starts a new request at each `--next` that follows a URL; so does this. */
function splitAtNext(options: CurlOption[], count: number): CurlOption[][] {
  const segments: CurlOption[][] = [[]];
  for (const option of options) {
    const current = segments[segments.length - 1] ?? [];
    if (option.name === "next" && current.some((each) => each.name === "url")) {
      segments.push([]);
    } else if (option.name !== "next") {
      current.push(option);
    }
  }
  return segments.length === count ? segments : [options];
}

/** The same warning said once, though several options or URLs raised it. */
function unique(notes: readonly WarningNote[]): WarningNote[] {
  const seen = new Set<string>();
  return notes.filter((note) => {
    const key = `${note.code}\u0000${note.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
