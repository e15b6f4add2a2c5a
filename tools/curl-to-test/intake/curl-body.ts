import type { Request as CurlconverterRequest } from "curlconverter";
import type { CapturedBody, MultipartPart, NameValue } from "../model/captured-request.ts";
import { clip } from "./clip.ts";
import type { WarningNote } from "../model/conversion-warning.ts";
import type { CurlCommandContext } from "./curl-command.ts";
import { readFormField } from "./curl-form-field.ts";
import type { CurlOption } from "./curl-options.ts";
import type { ShellCommand } from "./shell-command.ts";

interface DataPiece {
  flag: string;
  text?: string;
  file?: {
    path: string;
    transform?: "strip-newlines" | "urlencode";
    urlencodeName?: string;
    missing?: true;
  };
}

const DATA_OPTIONS = new Set([
  "data",
  "data-ascii",
  "data-binary",
  "data-raw",
  "data-urlencode",
  "json",
]);

export function readBody(input: {
  request: CurlconverterRequest;
  options: CurlOption[];
  command: ShellCommand;
  context: CurlCommandContext;
  headers: NameValue[];
  /** The `-H` headers alone: a Content-Type given with `-F` is one of these. */
  custom: NameValue[];
  warnings: WarningNote[];
}): CapturedBody {
  const { request, options, command, context, headers, warnings } = input;
  const mimeType = headers.find((header) => header.name.toLowerCase() === "content-type")?.value;
  const formOptions = options.filter(
    (option) => option.name === "form" || option.name === "form-string",
  );
  if (formOptions.length > 0) {
    const parts = readFormParts(formOptions, context, warnings);
    const given = input.custom.find((header) => /^content-type$/i.test(header.name))?.value;
    return {
      kind: "multipart",
      parts,
      ...(given !== undefined ? { contentType: given } : {}),
    };
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
    if (piece.file === undefined || context.fileExists(piece.file.path)) continue;
    piece.file.missing = true;
    warnings.push({
      code: "file-missing",
      message: `${piece.flag} @${clip(piece.file.path)}: the body file does not exist here; the test needs it when it runs`,
    });
  }
  const onlyFile = files.length === 1 && pieces.length === 1 ? files[0]?.file : undefined;
  if (onlyFile) {
    return { kind: "file", ...onlyFile, ...(mimeType ? { mimeType } : {}) };
  }
  if (files.length > 0) {
    warnings.push({
      code: "body-files-dropped",
      message:
        "the body mixes inline data with data read from files; only the inline data is sent by the test",
    });
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

function readDataPiece(
  option: CurlOption,
  command: ShellCommand,
  warnings: WarningNote[],
): DataPiece {
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
    warnings.push({
      code: "stdin-not-captured",
      message: `${flag} @-: the body was read from standard input, which the capture does not include`,
    });
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
  warnings: WarningNote[],
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
    warnings.push({
      code: "stdin-not-captured",
      message: `${flag} @-: the value was read from standard input, which the capture does not include`,
    });
    return { flag, text: name ? `${name}=` : "" };
  }
  return {
    flag,
    file: { path: content, transform: "urlencode", ...(name ? { urlencodeName: name } : {}) },
  };
}

/** curl's --data-urlencode escaping: unreserved characters stay, space is `+`, the rest %XX. */
export function encodeLikeCurl(text: string): string {
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
  warnings: WarningNote[],
): MultipartPart[] {
  const parts: MultipartPart[] = [];
  for (const option of formOptions) {
    const reading = readFormField(option.value ?? "", {
      flag: option.flag,
      literal: option.name === "form-string",
    });
    if (!reading) {
      warnings.push({
        code: "form-field-dropped",
        message: `${option.flag} field has no "=" so curl refuses it; it was left out`,
      });
      continue;
    }
    warnings.push(...reading.warnings);
    const path = reading.part.filePath;
    if (path !== undefined && path !== "-" && !context.fileExists(path)) {
      reading.part.missing = true;
      warnings.push({
        code: "file-missing",
        message: `${option.flag} field "${reading.part.name}": the file ${clip(path)} does not exist here; the test needs it when it runs`,
      });
    }
    parts.push(reading.part);
  }
  return parts;
}
