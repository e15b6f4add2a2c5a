/**
 * Splits a multipart body as it arrived on the wire into parts, so two senders that chose
 * different boundaries can be compared part by part. Works on bytes: file parts may be binary.
 */

import { multipartBoundary } from "../intake/multipart-text.ts";

export interface ReceivedPart {
  name: string | undefined;
  filename: string | undefined;
  contentType: string | undefined;
  bytes: Buffer;
}

/** The boundary parameter of a `multipart/*` content type, or undefined. */
export function boundaryOf(contentType: string): string | undefined {
  return /^\s*multipart\//i.test(contentType) ? multipartBoundary(contentType) : undefined;
}

const boundaryParameter = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/gi;

/**
 * The body's parts, and the content type without the boundary parameter they were split by.
 * curl appends its own boundary to a Content-Type the capture gave (`multipart/related;
 * boundary=a; boundary=b`), so the parameters are tried from the last; the others stay.
 */
export function splitMultipart(
  contentType: string,
  body: Buffer,
): { parts: ReceivedPart[]; contentType: string } | undefined {
  if (!/^\s*multipart\//i.test(contentType)) return undefined;
  const parameters = [...contentType.matchAll(boundaryParameter)].reverse();
  for (const parameter of parameters) {
    const parts = parseMultipartBody(body, parameter[1] ?? parameter[2] ?? "");
    if (parts === undefined) continue;
    const start = parameter.index;
    const rest = contentType.slice(0, start) + contentType.slice(start + parameter[0].length);
    return { parts, contentType: rest };
  }
  return undefined;
}

/** The parts in order; undefined when the body is not well formed for this boundary. */
export function parseMultipartBody(body: Buffer, boundary: string): ReceivedPart[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`, "latin1");
  const parts: ReceivedPart[] = [];
  let cursor = body.indexOf(delimiter);
  if (cursor === -1) return undefined;
  for (let guard = 0; guard < 100_000; guard++) {
    const afterDelimiter = cursor + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString("latin1") === "--") return parts;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString("latin1") !== "\r\n") {
      return undefined;
    }
    const partStart = afterDelimiter + 2;
    const next = body.indexOf(Buffer.concat([Buffer.from("\r\n"), delimiter]), partStart);
    if (next === -1) return undefined;
    const part = parsePart(body.subarray(partStart, next));
    if (part === undefined) return undefined;
    parts.push(part);
    cursor = next + 2;
  }
  return undefined;
}

function parsePart(raw: Buffer): ReceivedPart | undefined {
  const headEnd = raw.indexOf("\r\n\r\n");
  if (headEnd === -1) return undefined;
  const headerLines = raw.subarray(0, headEnd).toString("utf8").split("\r\n");
  let disposition = "";
  let contentType: string | undefined;
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    if (colon === -1) return undefined;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "content-disposition") disposition = value;
    if (name === "content-type") contentType = value;
  }
  return {
    name: dispositionParameter(disposition, "name"),
    filename: dispositionParameter(disposition, "filename"),
    contentType,
    bytes: Buffer.from(raw.subarray(headEnd + 4)),
  };
}

/** A `key="…"` or `key=token` parameter, its quoted form taken verbatim (escapes kept). */
function dispositionParameter(disposition: string, key: string): string | undefined {
  const match = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"|;\\s*${key}=([^;\\s]*)`, "i").exec(
    disposition,
  );
  return match?.[1] ?? match?.[2];
}
