/**
 * Splits a captured multipart/form-data body (HAR `postData.text`) into its parts, so a test
 * can send the same fields and files with its own boundary.
 */
import type { MultipartPart } from "../model/captured-request.ts";

export function multipartBoundary(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function dispositionParameter(disposition: string, key: string): string | undefined {
  const match = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"|;\\s*${key}=([^;\\s]+)`, "i").exec(
    disposition,
  );
  const quoted = match?.[1];
  return quoted !== undefined ? quoted.replace(/\\(.)/g, "$1") : match?.[2];
}

/** The parts, in order; undefined when the text is not a well-formed body for `boundary`. */
export function readMultipartText(text: string, boundary: string): MultipartPart[] | undefined {
  const delimiter = `--${boundary}`;
  const sections = text.split(delimiter);
  // sections[0] is the preamble; the last one starts with "--" (the closing delimiter).
  if (sections.length < 2) return undefined;
  const parts: MultipartPart[] = [];
  for (const section of sections.slice(1)) {
    if (section.startsWith("--")) return parts;
    const body = section.replace(/^\r?\n/, "");
    const headerEnd = /\r?\n\r?\n/.exec(body);
    if (!headerEnd) return undefined;
    const headerLines = body.slice(0, headerEnd.index).split(/\r?\n/);
    const value = body.slice(headerEnd.index + headerEnd[0].length).replace(/\r?\n$/, "");
    let name: string | undefined;
    let filename: string | undefined;
    let contentType: string | undefined;
    for (const line of headerLines) {
      const colon = line.indexOf(":");
      const headerName = line.slice(0, colon).trim().toLowerCase();
      const headerValue = line.slice(colon + 1).trim();
      if (headerName === "content-disposition") {
        name = dispositionParameter(headerValue, "name");
        filename = dispositionParameter(headerValue, "filename");
      } else if (headerName === "content-type") {
        contentType = headerValue;
      }
    }
    if (name === undefined) return undefined;
    parts.push({
      name,
      value,
      ...(filename !== undefined ? { filename } : {}),
      ...(contentType !== undefined ? { contentType } : {}),
    });
  }
  // No closing delimiter: the capture was cut short.
  return undefined;
}
