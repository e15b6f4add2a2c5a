/**
 * Reads one `-F`/`--form` argument the way curl does, keeping what curlconverter's request
 * object merges away: `@file` (an upload with a filename) versus `<file` (a text field read
 * from a file), `filename=` and `type=` modifiers, and quoted values holding `;`.
 */
import type { MultipartPart } from "../model/captured-request.ts";
import { curlUploadContentType } from "./curl-upload-content-type.ts";
import type { WarningNote } from "../model/conversion-warning.ts";

export interface FormFieldReading {
  part: MultipartPart;
  warnings: WarningNote[];
}

/** Splits `text` at the first unquoted `;`, reading a leading `"…"` with `\"`/`\\` escapes. */
function readValueToken(text: string): { value: string; rest: string } {
  if (text.startsWith('"')) {
    let value = "";
    let at = 1;
    while (at < text.length && text[at] !== '"') {
      if (text[at] === "\\" && (text[at + 1] === '"' || text[at + 1] === "\\")) at += 1;
      value += text[at];
      at += 1;
    }
    const afterQuote = text.slice(at + 1);
    const semicolon = afterQuote.indexOf(";");
    return { value, rest: semicolon === -1 ? "" : afterQuote.slice(semicolon + 1) };
  }
  const semicolon = text.indexOf(";");
  return semicolon === -1
    ? { value: text, rest: "" }
    : { value: text.slice(0, semicolon), rest: text.slice(semicolon + 1) };
}

function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return path.slice(cut + 1);
}

/**
 * `raw` is the option's value; `literal` is true for `--form-string`, whose value curl never
 * interprets. Returns undefined when the argument has no `=` (curl refuses it).
 */
export function readFormField(
  raw: string,
  options: { flag: string; literal: boolean },
): FormFieldReading | undefined {
  const equals = raw.indexOf("=");
  if (equals === -1) return undefined;
  const name = raw.slice(0, equals);
  const content = raw.slice(equals + 1);
  if (options.literal) return { part: { name, value: content }, warnings: [] };

  const warnings: WarningNote[] = [];
  const source = content.startsWith("@")
    ? "upload"
    : content.startsWith("<")
      ? "file-value"
      : "text";
  const first = readValueToken(source === "text" ? content : content.slice(1));
  const part: MultipartPart =
    source === "text" ? { name, value: first.value } : { name, filePath: first.value };
  if (source === "upload") part.filename = baseName(first.value);

  let rest = first.rest;
  while (rest.length > 0) {
    const modifier = /^\s*([A-Za-z]+)=/.exec(rest);
    const token = readValueToken(modifier ? rest.slice(modifier[0].length) : rest);
    rest = token.rest;
    const key = modifier?.[1]?.toLowerCase();
    if (key === "type") {
      part.contentType = token.value;
    } else if (key === "filename") {
      part.filename = token.value;
    } else if (key === "headers" || key === "encoder") {
      warnings.push({
        code: "form-setting-not-reproduced",
        message: `${options.flag} field "${name}": the part's ${key}= setting is not reproduced`,
      });
    } else {
      // The dropped text is not quoted: it may be part of a secret value.
      warnings.push({
        code: "form-text-dropped",
        message: `${options.flag} field "${name}": text after ";" that is not type=, filename=, headers= or encoder= is dropped by curl, and by the test`,
      });
    }
  }
  if (source === "upload" && part.contentType === undefined) {
    part.contentType = curlUploadContentType({
      filename: part.filename ?? "",
      path: first.value,
    });
  }
  return { part, warnings };
}
