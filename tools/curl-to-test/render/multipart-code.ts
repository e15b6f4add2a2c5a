import type { PlannedMultipartPart } from "../plan/conversion-plan.ts";
import type { PartContent } from "./body-code.ts";
import { describeParts, multipartBodyCall } from "./body-code.ts";
import { stringLiteral } from "./literal.ts";
import type { SpecFile } from "./spec-file.ts";
import { templateCode } from "./spec-file.ts";

/**
 * A multipart body through Playwright's FormData; built by the spec's own helper instead when a
 * text part has a content type of its own, which FormData cannot send, or when `writeBody`.
 */
export function multipartCode(
  file: SpecFile,
  planned: readonly PlannedMultipartPart[],
  writeBody = false,
): { lines: string[]; option: string; contentType?: string } {
  const parts = describeParts(planned);
  if (
    writeBody ||
    parts.some((part) => part.filename === undefined && part.contentType !== undefined)
  ) {
    file.usesMultipartBody = true;
    const call = multipartBodyCall(parts, (content) => contentCode(file, content, "bytes"));
    return {
      lines: [`const form = ${call};`],
      option: "data: form.body",
      contentType: "form.contentType",
    };
  }

  const lines = ["const form = new FormData();"];
  for (const part of parts) {
    const name = stringLiteral(part.name);
    if (part.filename === undefined) {
      lines.push(`form.append(${name}, ${contentCode(file, part.content, "text")});`);
      continue;
    }
    const type = part.contentType ? `, { type: ${stringLiteral(part.contentType)} }` : "";
    const blob = `new Blob([${contentCode(file, part.content, "bytes")}]${type})`;
    lines.push(`form.append(${name}, ${blob}, ${stringLiteral(part.filename)});`);
  }
  return { lines, option: "multipart: form" };
}

/**
 * A part's content: text as a string, or a file read when the test runs. FormData takes a
 * field read from a file as text; the spec's own helper takes every file as bytes.
 */
function contentCode(file: SpecFile, content: PartContent, fieldsAs: "text" | "bytes"): string {
  switch (content.kind) {
    case "template":
      return templateCode(file, content.value);
    case "text":
      return stringLiteral(content.text);
    case "file":
      return readFileCode(file, content.path, content.as === "text" ? fieldsAs : "bytes");
  }
}

/** `await readFile(path)`, as text or bytes; the spec imports readFile. */
export function readFileCode(file: SpecFile, path: string, as: "text" | "bytes"): string {
  file.usesReadFile = true;
  const literal = stringLiteral(path);
  return as === "text" ? `await readFile(${literal}, "utf8")` : `await readFile(${literal})`;
}
