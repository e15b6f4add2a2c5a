import type { PlannedMultipartPart } from "../plan/conversion-plan.ts";
import { stringLiteral } from "./literal.ts";
import type { SpecFile } from "./spec-file.ts";
import { templateCode } from "./spec-file.ts";

/**
 * A multipart body through Playwright's FormData; built by the spec's own helper instead when a
 * text part has a content type of its own, which FormData cannot send, or when `writeBody`.
 */
export function multipartCode(
  file: SpecFile,
  parts: readonly PlannedMultipartPart[],
  writeBody = false,
): { lines: string[]; option: string; contentType?: string } {
  /** A part's content: text as a string, or a file read when the test runs. */
  const contentOf = (part: PlannedMultipartPart, fileAs: "text" | "bytes"): string => {
    if (part.kind === "field") return templateCode(file, part.value);
    const content =
      part.kind === "file" ? part.content : { kind: "path" as const, path: part.path };
    if (content.kind === "text") return stringLiteral(content.text);
    file.usesReadFile = true;
    const path = stringLiteral(content.path);
    return fileAs === "text" ? `await readFile(${path}, "utf8")` : `await readFile(${path})`;
  };

  if (writeBody || parts.some((part) => part.kind === "field" && part.contentType !== undefined)) {
    file.usesMultipartBody = true;
    const entries = parts.map((part) => {
      const fields = [`name: ${stringLiteral(part.name)}`];
      if (part.kind === "file") fields.push(`filename: ${stringLiteral(part.filename)}`);
      if (part.kind !== "field-from-file" && part.contentType !== undefined) {
        fields.push(`contentType: ${stringLiteral(part.contentType)}`);
      }
      fields.push(`content: ${contentOf(part, "bytes")}`);
      return `{ ${fields.join(", ")} }`;
    });
    return {
      lines: [`const form = multipartBody([${entries.join(", ")}]);`],
      option: "data: form.body",
      contentType: "form.contentType",
    };
  }

  const lines = ["const form = new FormData();"];
  for (const part of parts) {
    if (part.kind !== "file") {
      lines.push(`form.append(${stringLiteral(part.name)}, ${contentOf(part, "text")});`);
      continue;
    }
    const type = part.contentType ? `, { type: ${stringLiteral(part.contentType)} }` : "";
    lines.push(
      `form.append(${stringLiteral(part.name)}, new Blob([${contentOf(part, "bytes")}]${type}), ${stringLiteral(part.filename)});`,
    );
  }
  return { lines, option: "multipart: form" };
}
