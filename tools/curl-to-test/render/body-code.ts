import type { QueryFile } from "../model/captured-request.ts";
import type { PlannedBody, PlannedMultipartPart, ValueTemplate } from "../plan/conversion-plan.ts";
import { stringLiteral } from "./literal.ts";

/**
 * The request-body code specs and load scenarios share. Each renderer says how its file reads
 * a value or a file when it runs (a spec in the test, a load scenario once per worker); what a
 * body is made of, and the code that puts it together, is written here once.
 */

/** Where one part's content comes from when the generated code runs. */
export type PartContent =
  /** A field's text, with secrets and flow values where the plan puts them. */
  | { kind: "template"; value: ValueTemplate }
  /** A file part's content as captured (HAR). */
  | { kind: "text"; text: string }
  /** Read from a file: a text field's value (`-F name=<path`), or a file part's bytes. */
  | { kind: "file"; path: string; as: "text" | "bytes" };

/** One multipart part, neutral to the syntax around it. */
export interface PartDescription {
  name: string;
  /** Set for file parts only: what tells a file part from a text field. */
  filename?: string;
  contentType?: string;
  content: PartContent;
}

/** The parts in their captured order; a field read from a file sends no type of its own. */
export function describeParts(parts: readonly PlannedMultipartPart[]): PartDescription[] {
  return parts.map((part): PartDescription => {
    switch (part.kind) {
      case "field":
        return withType(
          { name: part.name, content: { kind: "template", value: part.value } },
          part,
        );
      case "field-from-file":
        return { name: part.name, content: { kind: "file", path: part.path, as: "text" } };
      case "file": {
        const content: PartContent =
          part.content.kind === "text"
            ? { kind: "text", text: part.content.text }
            : { kind: "file", path: part.content.path, as: "bytes" };
        return withType({ name: part.name, filename: part.filename, content }, part);
      }
    }
  });
}

function withType(
  described: PartDescription,
  part: { contentType?: string | undefined },
): PartDescription {
  return part.contentType === undefined
    ? described
    : { ...described, contentType: part.contentType };
}

/**
 * `multipartBody([...])`: the call both renderers write for a body they build themselves, each
 * part's content written by `contentCode` (called in the parts' order).
 */
export function multipartBodyCall(
  parts: readonly PartDescription[],
  contentCode: (content: PartContent) => string,
): string {
  const entries = parts.map((part) => {
    const fields = [`name: ${stringLiteral(part.name)}`];
    if (part.filename !== undefined) fields.push(`filename: ${stringLiteral(part.filename)}`);
    if (part.contentType !== undefined) {
      fields.push(`contentType: ${stringLiteral(part.contentType)}`);
    }
    fields.push(`content: ${contentCode(part.content)}`);
    return `{ ${fields.join(", ")} }`;
  });
  return `multipartBody([${entries.join(", ")}])`;
}

/** A query value read from a file (`readText`: code giving its text), turned as curl turned it. */
export function queryFileCode(query: QueryFile, readText: string): string {
  return turnedTextCode(readText, query.transform, query.name);
}

/** Captured bytes, kept in the generated file as base64. */
export function bytesCode(base64: string): string {
  return `Buffer.from(${stringLiteral(base64)}, "base64")`;
}

/**
 * A file body turned into what curl sent, from `read(as)` (the file's text or bytes): unchanged,
 * CR and LF removed (`-d @file`), or percent-encoded after `name=` (`--data-urlencode`).
 */
export function fileBodyCode(
  body: Extract<PlannedBody, { kind: "file" }>,
  read: (as: "text" | "bytes") => string,
): string {
  return body.transform === "none"
    ? read("bytes")
    : turnedTextCode(read("text"), body.transform, body.urlencodeName);
}

/** The text `textCode` gives, as curl's option turned it: percent-encoded, CR and LF removed, or as is. */
function turnedTextCode(
  textCode: string,
  transform: QueryFile["transform"],
  name: string | undefined,
): string {
  switch (transform) {
    case "urlencode":
      return urlencodeLikeCurlCode(textCode, name);
    case "strip-newlines":
      return `(${textCode}).replace(/[\\r\\n]/g, "")`;
    case "none":
      return textCode;
  }
}

/**
 * Code that percent-encodes the text `textCode` evaluates to as curl's `--data-urlencode` and
 * `--url-query` do, after `name=` when the option named one. curl escapes everything but
 * letters, digits and -._~, and writes a space as `+`; encodeURIComponent leaves !'()*, which
 * the code escapes too.
 */
export function urlencodeLikeCurlCode(textCode: string, name: string | undefined): string {
  const encoded = `encodeURIComponent(${textCode}).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase()).replaceAll("%20", "+")`;
  return name === undefined ? encoded : `${stringLiteral(`${name}=`)} + ${encoded}`;
}
