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
  parseArgs,
  curlLongOpts,
  curlLongOptsShortened,
  curlShortOpts,
} from "curlconverter/dist/src/curl/opts.js";
import { buildRequests } from "curlconverter/dist/src/Request.js";
import type {
  Request as CurlconverterRequest,
  RequestUrl,
} from "curlconverter/dist/src/Request.js";
import { Word } from "curlconverter/dist/src/shell/Word.js";
import type { Warnings } from "curlconverter/dist/src/Warnings.js";
import type {
  CapturedBody,
  CapturedRequest,
  MultipartPart,
  NameValue,
} from "../model/captured-request.ts";
import { readCurlOptions, CurlUsageError, type CurlOption } from "./curl-options.ts";
import { readFormField } from "./curl-form-field.ts";
import {
  argumentFailure,
  headerNameWarnings,
  objectKeyHeaderWords,
} from "./curl-argument-checks.ts";
import { describeUnreproducedOption, isReproducedOption } from "./curl-option-warnings.ts";
import { translateCurlconverterWarning } from "./curlconverter-warnings.ts";
import type { ShellCommand } from "./shell-command.ts";

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

/** Canonical spelling of the headers curl adds itself, whatever case curlconverter chose. */
const CURL_HEADER_SPELLING: Record<string, string> = {
  "content-type": "Content-Type",
  accept: "Accept",
  cookie: "Cookie",
  "user-agent": "User-Agent",
  referer: "Referer",
  authorization: "Authorization",
  range: "Range",
};
const CHALLENGE_AUTH_OPTIONS = new Set(["digest", "ntlm", "ntlm-wb", "negotiate", "anyauth"]);
/** curl sends these after the -H headers; the others it derives go before them. */
const SENT_AFTER_CUSTOM_HEADERS = new Set(["content-type", "accept"]);

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

export function readCurlCommand(
  command: ShellCommand,
  context: CurlCommandContext,
): CurlCommandReading {
  const words = command.words.slice(curlProgramIndex(command));
  const program = words[0];
  if (!program) return { requests: [] };
  if (!isCurlProgram(program.value)) {
    return {
      failure: {
        offset: program.offset,
        length: Math.max(1, program.value.length),
        message: `not a curl command: it runs "${clip(program.value)}"`,
      },
    };
  }

  let options: CurlOption[];
  try {
    options = readCurlOptions(words);
  } catch (error) {
    if (!(error instanceof CurlUsageError)) throw error;
    const word = words[error.wordIndex] ?? program;
    return {
      failure: {
        offset: word.offset,
        length: Math.max(1, word.value.length),
        message: error.message,
      },
    };
  }
  if (!options.some((option) => option.name === "url")) {
    return {
      failure: {
        offset: program.offset,
        length: program.value.length,
        message: "curl command has no URL",
      },
    };
  }

  const invalid = argumentFailure(words, options);
  if (invalid) return { failure: invalid };

  const converterWarnings: Warnings = [];
  let converted: CurlconverterRequest[];
  const hiddenWords = objectKeyHeaderWords(words, options);
  try {
    const [global] = parseArgs(
      words.filter((_, index) => !hiddenWords.has(index)).map((word) => new Word(word.value)),
      curlLongOpts,
      curlLongOptsShortened,
      curlShortOpts,
      undefined,
      converterWarnings,
    );
    const stdin =
      command.stdin && "text" in command.stdin ? new Word(command.stdin.text) : undefined;
    const stdinFile =
      command.stdin && "file" in command.stdin ? new Word(command.stdin.file) : undefined;
    converted = buildRequests(global, stdin, stdinFile);
  } catch (error) {
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    return {
      failure: {
        offset: program.offset,
        length: program.value.length,
        message: `curl command not understood: ${message}`,
      },
    };
  }

  const source = { file: context.file, ...context.position(program.offset) };
  const segments = splitAtNext(options, converted.length);
  const requests: CapturedRequest[] = [];
  converted.forEach((request, index) => {
    const segment = segments[index] ?? [];
    const shared = readSharedParts({ request, options: segment, command, context });
    const commandWarnings = [
      ...command.warnings,
      ...headerNameWarnings(segment),
      ...shared.warnings,
      ...converterWarnings.flatMap(([kind, message]) =>
        translateCurlconverterWarning(kind, message),
      ),
    ];
    for (const url of request.urls) {
      requests.push({
        source,
        method: url.method.toString(),
        url: normaliseUrl(joinAppendedQuery(url)),
        headers: shared.challengeAuth
          ? shared.headers
          : withAuthorization(shared.headers, url, request),
        ...(shared.omittedHeaders.length > 0 ? { omittedHeaders: shared.omittedHeaders } : {}),
        body: url.uploadFile ? uploadBody(url.uploadFile.toString()) : shared.body,
        warnings: unique([
          ...commandWarnings,
          ...queryFileWarnings(url),
          ...uploadWarnings(url, context),
        ]),
      });
    }
  });
  return { requests };
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

interface SharedParts {
  /** A challenge-response method (--digest…) is allowed: curl starts without credentials. */
  challengeAuth: boolean;
  headers: NameValue[];
  omittedHeaders: string[];
  body: CapturedBody;
  warnings: string[];
}

function readSharedParts(input: {
  request: CurlconverterRequest;
  options: CurlOption[];
  command: ShellCommand;
  context: CurlCommandContext;
}): SharedParts {
  const { request, options, command, context } = input;
  const warnings: string[] = [];
  for (const option of options) {
    // A switch turned off (`--no-location`) asks for curl's default, which the test matches.
    if (!isReproducedOption(option.name) && option.enabled !== false) {
      warnings.push(describeUnreproducedOption(option));
    }
  }

  const custom: NameValue[] = [];
  const omitted: string[] = [];
  for (const option of options) {
    if (option.name !== "header" || option.value === undefined) continue;
    const header = readHeaderArgument(option.value);
    if (header.kind === "send" && header.name.toLowerCase() === "__proto__") {
      // Playwright copies headers into a plain object, where this name sets the prototype.
      warnings.push(
        `header __proto__: Playwright cannot send a header of this name; the test leaves it out`,
      );
    } else if (header.kind === "send") custom.push({ name: header.name, value: header.value });
    else if (header.kind === "omit") omitted.push(header.name);
    else if (header.kind === "file") {
      warnings.push(`${option.flag} @file: headers read from a file are not reproduced`);
    } else {
      // The argument is not quoted: without its colon it may be a credential.
      warnings.push(`${option.flag}: an argument without ":" is not sent by curl, nor by the test`);
    }
  }
  const challengeAuth = options.some(
    (option) => CHALLENGE_AUTH_OPTIONS.has(option.name) && option.enabled !== false,
  );
  const customNames = new Set([
    ...custom.map((each) => each.name.toLowerCase()),
    ...omitted.map((n) => n.toLowerCase()),
  ]);
  const before: NameValue[] = [];
  const after: NameValue[] = [];
  for (const [name, value] of request.headers) {
    const lower = name.toString().trim().toLowerCase();
    if (value === null || customNames.has(lower)) continue;
    // With a challenge-response method allowed, curl's first request carries no credentials.
    if (lower === "authorization" && challengeAuth) continue;
    const header = {
      name: CURL_HEADER_SPELLING[lower] ?? name.toString(),
      value: value.toString(),
    };
    (SENT_AFTER_CUSTOM_HEADERS.has(lower) ? after : before).push(header);
  }
  for (const file of request.cookieFiles ?? []) {
    warnings.push(`-b ${clip(file.toString())}: cookies read from a file are not sent by the test`);
  }

  const headers = [...before, ...custom, ...after];
  const body = readBody({ request, options, command, context, headers, warnings });
  return { headers, omittedHeaders: omitted, body, warnings, challengeAuth };
}

type HeaderArgument =
  | { kind: "send"; name: string; value: string }
  | { kind: "omit"; name: string }
  | { kind: "file" }
  | { kind: "ignored" };

/** curl's rules: `Name: value` sends, `Name:` removes, `Name;` sends an empty value. */
function readHeaderArgument(raw: string): HeaderArgument {
  if (raw.startsWith("@")) return { kind: "file" };
  const colon = raw.indexOf(":");
  const semicolon = raw.indexOf(";");
  if (colon > 0 && (semicolon === -1 || colon < semicolon)) {
    const name = raw.slice(0, colon).trim();
    const value = raw.slice(colon + 1).trim();
    return value === "" ? { kind: "omit", name } : { kind: "send", name, value };
  }
  if (semicolon > 0 && raw.slice(semicolon + 1).trim() === "") {
    return { kind: "send", name: raw.slice(0, semicolon).trim(), value: "" };
  }
  return { kind: "ignored" };
}

function withAuthorization(
  headers: NameValue[],
  url: RequestUrl,
  request: CurlconverterRequest,
): NameValue[] {
  if (!url.auth || request.authType !== "basic") return headers;
  if (headers.some((header) => header.name.toLowerCase() === "authorization")) return headers;
  const [user, password] = url.auth;
  const credentials = Buffer.from(`${user.toString()}:${password.toString()}`).toString("base64");
  return [{ name: "Authorization", value: `Basic ${credentials}` }, ...headers];
}

function queryFileWarnings(url: RequestUrl): string[] {
  return url.queryReadsFile === undefined
    ? []
    : [
        "--url-query or -G data reads a value from a file; the test sends the @file text as written",
      ];
}

function uploadBody(path: string): CapturedBody {
  return { kind: "file", path };
}

function uploadWarnings(url: RequestUrl, context: CurlCommandContext): string[] {
  const path = url.uploadFile?.toString();
  if (path === undefined) return [];
  if (path === "-" || path === ".")
    return [
      `-T ${path}: the body was read from standard input, which the capture does not include`,
    ];
  return context.fileExists(path)
    ? []
    : [`-T ${clip(path)}: the file to upload does not exist here; the test needs it when it runs`];
}

interface DataPiece {
  flag: string;
  text?: string;
  file?: { path: string; transform?: "strip-newlines" | "urlencode"; urlencodeName?: string };
}

const DATA_OPTIONS = new Set([
  "data",
  "data-ascii",
  "data-binary",
  "data-raw",
  "data-urlencode",
  "json",
]);

function readBody(input: {
  request: CurlconverterRequest;
  options: CurlOption[];
  command: ShellCommand;
  context: CurlCommandContext;
  headers: NameValue[];
  warnings: string[];
}): CapturedBody {
  const { request, options, command, context, headers, warnings } = input;
  const mimeType = headers.find((header) => header.name.toLowerCase() === "content-type")?.value;
  const formOptions = options.filter(
    (option) => option.name === "form" || option.name === "form-string",
  );
  if (formOptions.length > 0) {
    return { kind: "multipart", parts: readFormParts(formOptions, context, warnings) };
  }
  // With -G (or -I) curlconverter moved the data into the query string.
  if (request.data === undefined && request.dataArray === undefined) return { kind: "none" };

  const pieces: DataPiece[] = [];
  for (const option of options) {
    if (!DATA_OPTIONS.has(option.name) || option.value === undefined) continue;
    pieces.push(readDataPiece(option, command, warnings));
  }
  const files = pieces.filter((piece) => piece.file !== undefined);
  for (const piece of files) {
    const path = piece.file?.path ?? "";
    if (!context.fileExists(path)) {
      warnings.push(
        `${piece.flag} @${clip(path)}: the body file does not exist here; the test needs it when it runs`,
      );
    }
  }
  const onlyFile = files.length === 1 && pieces.length === 1 ? files[0]?.file : undefined;
  if (onlyFile) {
    return { kind: "file", ...onlyFile, ...(mimeType ? { mimeType } : {}) };
  }
  if (files.length > 0) {
    warnings.push(
      "the body mixes inline data with data read from files; only the inline data is sent by the test",
    );
  }
  const allJson = options.every(
    (option) => !DATA_OPTIONS.has(option.name) || option.name === "json",
  );
  const text = pieces
    .filter((piece) => piece.text !== undefined)
    .map((piece) => piece.text)
    .join(allJson ? "" : "&");
  return { kind: "text", text, ...(mimeType ? { mimeType } : {}) };
}

function readDataPiece(option: CurlOption, command: ShellCommand, warnings: string[]): DataPiece {
  const value = option.value ?? "";
  const flag = option.flag;
  if (option.name === "data-raw") return { flag, text: value };
  if (option.name === "data-urlencode") return readUrlencodePiece(flag, value, command, warnings);
  if (!value.startsWith("@")) return { flag, text: value };
  const path = value.slice(1);
  const stripNewlines = option.name === "data" || option.name === "data-ascii";
  if (path === "-") {
    const stdin = command.stdin;
    if (stdin && "text" in stdin)
      return { flag, text: stripNewlines ? stdin.text.replace(/[\r\n]/g, "") : stdin.text };
    if (stdin && "file" in stdin) {
      return {
        flag,
        file: {
          path: stdin.file,
          ...(stripNewlines ? { transform: "strip-newlines" as const } : {}),
        },
      };
    }
    warnings.push(
      `${flag} @-: the body was read from standard input, which the capture does not include`,
    );
    return { flag, text: "" };
  }
  return {
    flag,
    file: { path, ...(stripNewlines ? { transform: "strip-newlines" as const } : {}) },
  };
}

/** `--data-urlencode`: `content`, `=content`, `name=content`, `@file` or `name@file`. */
function readUrlencodePiece(
  flag: string,
  value: string,
  command: ShellCommand,
  warnings: string[],
): DataPiece {
  const split = value.search(/[=@]/);
  if (split === -1) return { flag, text: encodeLikeCurl(value) };
  const name = value.slice(0, split);
  const content = value.slice(split + 1);
  if (value[split] === "=")
    return { flag, text: name ? `${name}=${encodeLikeCurl(content)}` : encodeLikeCurl(content) };
  if (content === "-") {
    const stdin = command.stdin;
    if (stdin && "text" in stdin) {
      const encoded = encodeLikeCurl(stdin.text);
      return { flag, text: name ? `${name}=${encoded}` : encoded };
    }
    warnings.push(
      `${flag} @-: the value was read from standard input, which the capture does not include`,
    );
    return { flag, text: name ? `${name}=` : "" };
  }
  return {
    flag,
    file: { path: content, transform: "urlencode", ...(name ? { urlencodeName: name } : {}) },
  };
}

/** curl's --data-urlencode escaping: unreserved characters stay, space is `+`, the rest %XX. */
function encodeLikeCurl(text: string): string {
  let encoded = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(char)) encoded += char;
    else if (char === " ") encoded += "+";
    else encoded += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return encoded;
}

function readFormParts(
  formOptions: CurlOption[],
  context: CurlCommandContext,
  warnings: string[],
): MultipartPart[] {
  const parts: MultipartPart[] = [];
  for (const option of formOptions) {
    const reading = readFormField(option.value ?? "", {
      flag: option.flag,
      literal: option.name === "form-string",
    });
    if (!reading) {
      warnings.push(`${option.flag} field has no "=" so curl refuses it; it was left out`);
      continue;
    }
    warnings.push(...reading.warnings);
    const path = reading.part.filePath;
    if (path !== undefined && path !== "-" && !context.fileExists(path)) {
      warnings.push(
        `${option.flag} field "${reading.part.name}": the file ${clip(path)} does not exist here; the test needs it when it runs`,
      );
    }
    parts.push(reading.part);
  }
  return parts;
}

/**
 * curl appends `-G` data and `--url-query` to the URL's query with `&`, but not after a query
 * that already ends in `&` (curlconverter adds one anyway).
 */
function joinAppendedQuery(url: RequestUrl): string {
  const full = url.url.toString();
  const original = url.urlWithOriginalQuery.toString().replace(/#.*$/, "");
  if (original.endsWith("&") && full.startsWith(`${original}&`) && full !== original) {
    return original + full.slice(original.length + 1);
  }
  return full;
}

/** curl never sends the fragment and asks for `/` when the URL has no path. */
function normaliseUrl(url: string): string {
  const hash = url.indexOf("#");
  const withoutFragment = hash === -1 ? url : url.slice(0, hash);
  return withoutFragment.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?]*)(?=\?|$)/i, "$1/");
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
